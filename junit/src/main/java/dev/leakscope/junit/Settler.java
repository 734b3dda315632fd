package dev.leakscope.junit;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Brings memory to a state worth comparing: collects the heap, waits until the Cleaner has freed
 * what the collection released, and repeats until two rounds in a row read the same, so that
 * memory freed only by a second collection (what Cleaners and finalizers held) is freed too.
 */
final class Settler {

    /** Rounds before the readings are taken as they are: the cap keeps a noisy JVM from stalling the test. */
    static final int MAX_ROUNDS = 6;
    /** The Cleaner thread frees direct memory after the collection; this long without change means it is done. */
    private static final long QUIET_NANOS = 5_000_000;
    private static final long POLL_NANOS = 1_000_000;
    /** Longest wait for the Cleaner in one round. */
    private static final long MAX_WAIT_NANOS = 200_000_000;

    private final BufferPoolMXBean direct = directPool();

    /** Settles memory and returns the readings of {@code probes}, keyed as given. */
    long[] settle(Map<LeakSignal, Probe> probes) {
        long[] previous = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            System.gc();
            awaitCleaner();
            long[] now = readAll(probes);
            if (previous != null && settled(probes, previous, now)) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    private static long[] readAll(Map<LeakSignal, Probe> probes) {
        long[] values = new long[probes.size()];
        int i = 0;
        for (Map.Entry<LeakSignal, Probe> e : probes.entrySet()) {
            try {
                values[i++] = e.getValue().read();
            } catch (Exception failure) {
                throw new IllegalStateException("cannot read " + e.getKey().id() + ": " + failure.getMessage(), failure);
            }
        }
        return values;
    }

    private static boolean settled(Map<LeakSignal, Probe> probes, long[] previous, long[] now) {
        int i = 0;
        for (LeakSignal signal : probes.keySet()) {
            if (Math.abs(now[i] - previous[i]) > signal.settledWithin()) {
                return false;
            }
            i++;
        }
        return true;
    }

    /** Waits until the direct pool has not changed for a while: the Cleaner runs on its own thread. */
    private void awaitCleaner() {
        if (direct == null) {
            return;
        }
        long start = System.nanoTime();
        long last = direct.getMemoryUsed();
        long quietSince = start;
        while (System.nanoTime() - quietSince < QUIET_NANOS && System.nanoTime() - start < MAX_WAIT_NANOS) {
            LockSupport.parkNanos(POLL_NANOS);
            long now = direct.getMemoryUsed();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
    }

    private static BufferPoolMXBean directPool() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool;
            }
        }
        return null;
    }
}
