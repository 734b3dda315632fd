package dev.leakscope.core.sample;

import dev.leakscope.core.proc.ProcessGoneException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a {@link Sampler} on one daemon thread at a fixed interval and hands each sample to a
 * listener. Never throws into its caller or the listener's: a failing tick becomes a notice, and a
 * daemon thread never keeps a host JVM from exiting.
 */
public final class SamplingLoop implements AutoCloseable {

    /** Receives what the loop produces; called on the sampling thread only. */
    public interface Listener {
        void onSample(Sample sample);

        void onNotice(Notice notice);

        /** Called once when sampling ends, with why ("process 42 has exited", "stopped"). */
        void onEnd(String reason);
    }

    /** Default number of retained samples: one hour at 1 Hz. */
    public static final int DEFAULT_RING_CAPACITY = 3600;

    private final Sampler sampler;
    private Duration interval;
    private ScheduledFuture<?> schedule;
    private final Listener listener;
    private final SampleRing ring;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CountDownLatch endLatch = new CountDownLatch(1);
    private volatile String endReason;
    private volatile Thread samplingThread;

    public SamplingLoop(Sampler sampler, Duration interval, int ringCapacity, Listener listener) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval: " + interval.toMillis() + "ms (expected: > 0)");
        }
        this.sampler = sampler;
        this.interval = interval;
        this.listener = listener;
        this.ring = new SampleRing(ringCapacity);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "leakscope-sampler");
            t.setDaemon(true);
            samplingThread = t;
            return t;
        });
    }

    /** Starts ticking; the first tick is immediate. */
    public synchronized void start() {
        if (!ended.get()) {
            schedule = executor.scheduleAtFixedRate(this::tick, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The time between ticks now. */
    public synchronized Duration interval() {
        return interval;
    }

    /** Ticks every {@code next} from now on (the CPU budget slows sampling down). */
    public synchronized void interval(Duration next) {
        if (ended.get() || schedule == null || next.equals(interval)) {
            return;
        }
        if (executor.isShutdown()) {
            return; // stop() has begun
        }
        schedule.cancel(false);
        interval = next;
        try {
            schedule = executor.scheduleAtFixedRate(this::tick, next.toNanos(), next.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // stop() shut the executor down in between: nothing is left to slow down
        }
    }

    /**
     * Ticks at once, out of schedule, then runs {@code after}, both on the sampling thread (a phase
     * or cleanup marker wants the values of this moment). Returns the task to wait for, or
     * {@code null} once sampling has ended. Called from the sampling thread itself, it runs inline.
     */
    public Future<?> tickThen(Runnable after) {
        Runnable task = () -> {
            tick();
            if (!ended.get()) {
                after.run();
            }
        };
        if (Thread.currentThread() == samplingThread) {
            task.run();
            return CompletableFuture.completedFuture(null);
        }
        try {
            return ended.get() ? null : executor.submit(task);
        } catch (RejectedExecutionException e) {
            return null; // stop() shut the executor down in between
        }
    }

    /** Runs one tick on the calling thread; for tests and benchmarks. */
    void tick() {
        if (ended.get()) {
            return;
        }
        try {
            Sample sample = sampler.tick();
            if (ended.get()) {
                return; // the run ended while this tick was reading: its summary is written
            }
            ring.add(sample);
            listener.onSample(sample);
        } catch (ProcessGoneException e) {
            end(e.getMessage());
        } catch (RuntimeException | Error e) {
            safeNotice(Notice.warn("sampling tick failed: " + e, null));
        }
    }

    public SampleRing recent() {
        return ring;
    }

    public boolean hasEnded() {
        return ended.get();
    }

    /** Waits up to {@code timeout} for sampling to end by itself; returns whether it did. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return endLatch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Why sampling ended, or {@code null} while it runs. */
    public String endReason() {
        return endReason;
    }

    /** Stops sampling with {@code reason}; later calls do nothing. Waits briefly for a running tick. */
    public void stop(String reason) {
        if (Thread.currentThread() == samplingThread) {
            end(reason); // a listener stopping the loop from inside a tick cannot wait for that tick
            return;
        }
        executor.shutdown();
        boolean idle = false;
        try {
            idle = executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a tick stuck in a read (smaps_rollup waiting for the target's mmap lock) keeps its sources:
        // closing NVML under a running call is not safe, and a daemon thread ends with the JVM
        end(reason, idle);
    }

    @Override
    public void close() {
        stop("stopped");
    }

    private void end(String reason) {
        end(reason, true);
    }

    private void end(String reason, boolean closeSources) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        endReason = reason;
        executor.shutdown();
        if (closeSources) {
            try {
                sampler.close();
            } catch (RuntimeException | Error e) {
                // a source that fails to close must not cost the run its summary
            }
        }
        try {
            listener.onEnd(reason);
        } catch (RuntimeException | Error e) {
            // the listener's own failure must not escape the sampling thread
        } finally {
            endLatch.countDown();
        }
    }

    private void safeNotice(Notice notice) {
        try {
            listener.onNotice(notice);
        } catch (RuntimeException | Error e) {
            // nowhere left to report it
        }
    }
}
