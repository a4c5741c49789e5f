package mx.gob.imss.icsoe.keycloak.mail;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bound on the mail jobs of one node that are waiting or running. Keycloak's executors queue
 * without limit, so a mail server that never answers would otherwise let jobs pile up until the
 * heap is gone; past {@code capacity} a job is refused at once and the caller records that. The
 * count is a local resource limit of this JVM, not state another node needs.
 */
final class MailQueue {

    private final int capacity;
    private final AtomicInteger pending = new AtomicInteger();

    MailQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    /** Hands {@code job} to {@code executor}; {@code false} when the queue is full or the executor refuses. */
    boolean offer(Executor executor, Runnable job) {
        return reserve() && run(executor, job);
    }

    /**
     * Takes a place for a job that is not ready yet (its request has not committed); {@code false}
     * when the queue is full. The place is the caller's until {@link #run} or {@link #release}.
     */
    boolean reserve() {
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives back a reserved place whose job will never run (its request rolled back). */
    void release() {
        pending.decrementAndGet();
    }

    /** Hands {@code job} to {@code executor} in a reserved place; {@code false} (place freed) when it refuses. */
    boolean run(Executor executor, Runnable job) {
        try {
            executor.execute(() -> {
                try {
                    job.run();
                } finally {
                    pending.decrementAndGet();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            return false;
        }
    }

    /** Jobs waiting or running now. */
    int depth() {
        return pending.get();
    }

    int capacity() {
        return capacity;
    }
}
