package mx.gob.imss.icsoe.keycloak.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import mx.gob.imss.icsoe.keycloak.testing.KeycloakDistServer;
import mx.gob.imss.icsoe.keycloak.testing.MetricsScrape;

/**
 * What the load costs the servers: their CPU time (from the OS) and, from each node's metrics
 * endpoint, the heap, its old generation, the live threads and the mail queue's depth.
 */
final class ServerProbe {

    /** One reading summed over the nodes. */
    record Sample(long atMillis, double heapUsedBytes, double oldGenUsedBytes, double liveThreads, double queueDepth) {
    }

    private final List<KeycloakDistServer> nodes;

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
        double old = 0;
        double threads = 0;
        double queue = 0;
        for (KeycloakDistServer node : nodes) {
            MetricsScrape scrape = MetricsScrape.of(node.managementUrl());
            heap += sum(scrape, "jvm_memory_used_bytes", sample -> "heap".equals(sample.labels().get("area")));
            // the old generation grows with whatever survives; its level between collections shows a leak
            old += sum(scrape, "jvm_memory_used_bytes", sample -> "heap".equals(sample.labels().get("area"))
                    && sample.labels().getOrDefault("id", "").contains("Old Gen"));
            threads += sum(scrape, "jvm_threads_live_threads", sample -> true);
            // the rows each node holds, plus the outbox's rows (cluster-wide: read on the first node only)
            queue += sum(scrape, MetricsScrape.QUEUE_DEPTH, sample -> true) + (node == nodes.get(0) ? scrape.pendingRows() : 0);
        }
        return new Sample((System.nanoTime() - startedAtNanos) / 1_000_000, heap, old, threads, queue);
    }

    /**
     * The mail not yet done: the outbox's rows (cluster-wide, read once) and the rows each node holds
     * in hand (summed over the nodes).
     */
    double queueDepth() {
        double pending = -1;
        double inHand = 0;
        for (KeycloakDistServer node : nodes) {
            MetricsScrape scrape = MetricsScrape.of(node.managementUrl());
            assertThat(scrape.samples()).as("%s on %s (an older jar?)", MetricsScrape.OUTBOX_PENDING, node.managementUrl())
                    .anyMatch(sample -> sample.name().equals(MetricsScrape.OUTBOX_PENDING));
            inHand += scrape.value(MetricsScrape.QUEUE_DEPTH);
            if (pending < 0) {
                pending = scrape.pendingRows();
            }
        }
        return pending + inHand;
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

    /** The sum of the samples of {@code name} (any labels) that pass {@code which}. */
    private static double sum(MetricsScrape scrape, String name, Predicate<MetricsScrape.Sample> which) {
        return scrape.samples().stream().filter(sample -> sample.name().equals(name) && which.test(sample))
                .mapToDouble(MetricsScrape.Sample::value).sum();
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
