package mx.gob.imss.icsoe.keycloak.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import mx.gob.imss.icsoe.keycloak.testing.KeycloakDistServer;

/**
 * What the load costs the servers: their CPU time (from the OS) and, from each node's metrics
 * endpoint, the heap, the heap live after the last GC, the live threads and the mail queue's depth.
 */
final class ServerProbe {

    /** One reading summed over the nodes. */
    record Sample(long atMillis, double heapUsedBytes, double heapLiveAfterGcBytes, double liveThreads, double queueDepth) {
    }

    private final List<KeycloakDistServer> nodes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ServerProbe(List<KeycloakDistServer> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    int nodeCount() {
        return nodes.size();
    }

    /** CPU time all nodes have used so far. */
    Duration cpuTime() {
        return nodes.stream().map(KeycloakDistServer::cpuTime).reduce(Duration.ZERO, Duration::plus);
    }

    Sample sample(long startedAtNanos) {
        double heap = 0;
        double live = 0;
        double threads = 0;
        double queue = 0;
        for (KeycloakDistServer node : nodes) {
            List<String> lines = scrape(node);
            heap += sum(lines, "jvm_memory_used_bytes", line -> line.contains("area=\"heap\""));
            live += sum(lines, "jvm_gc_live_data_size_bytes", line -> true);
            threads += sum(lines, "jvm_threads_live_threads", line -> true);
            queue += sum(lines, "icsoe_mail_queue_depth", line -> true);
        }
        return new Sample((System.nanoTime() - startedAtNanos) / 1_000_000, heap, live, threads, queue);
    }

    /** The mail queue's depth, summed over the nodes. */
    double queueDepth() {
        return nodes.stream().mapToDouble(node -> sum(scrape(node), "icsoe_mail_queue_depth", line -> true)).sum();
    }

    /** Waits until every node's mail queue is empty; returns how long that took. */
    Duration awaitEmptyQueue(Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (queueDepth() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The mail queue was not empty within " + timeout.toSeconds() + " s");
            }
            sleep(100);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private List<String> scrape(KeycloakDistServer node) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node.managementUrl() + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + node.managementUrl() + "/metrics answered " + response.statusCode()
                        + ": is --metrics-enabled=true set?");
            }
            return response.body().lines().filter(line -> !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new AssertionError("Could not read the metrics of " + node.managementUrl(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The sum of the samples of {@code name} (any labels) whose line passes {@code which}. */
    static double sum(List<String> lines, String name, Predicate<String> which) {
        double total = 0;
        for (String line : lines) {
            if ((line.startsWith(name + "{") || line.startsWith(name + " ")) && which.test(line)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Samples every {@code period} until stopped, on a thread of its own. */
    static final class Recorder implements AutoCloseable {
        private final List<Sample> samples = new ArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        Recorder(ServerProbe probe, Duration period) {
            long started = System.nanoTime();
            thread = new Thread(() -> {
                while (running) {
                    Sample sample = probe.sample(started);
                    synchronized (samples) {
                        samples.add(sample);
                    }
                    long until = System.nanoTime() + period.toNanos();
                    while (running && System.nanoTime() < until) {
                        sleep(100);
                    }
                }
            }, "icsoe-load-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        List<Sample> samples() {
            synchronized (samples) {
                return List.copyOf(samples);
            }
        }

        @Override
        public void close() {
            running = false;
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
