package dev.leakscope.core.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * The most recent samples, at most {@code capacity} of them, oldest dropped first. Bounded so a
 * week-long run holds no more than a fixed number of ticks. Thread-safe.
 */
public final class SampleRing {
    private final Sample[] slots;
    private long written;

    public SampleRing(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        this.slots = new Sample[capacity];
    }

    public synchronized void add(Sample sample) {
        slots[(int) (written % slots.length)] = sample;
        written++;
    }

    /** The retained samples, oldest first. */
    public synchronized List<Sample> snapshot() {
        int size = (int) Math.min(written, slots.length);
        List<Sample> out = new ArrayList<>(size);
        for (long i = written - size; i < written; i++) {
            out.add(slots[(int) (i % slots.length)]);
        }
        return out;
    }

    /** The newest sample, or {@code null} before the first. */
    public synchronized Sample latest() {
        return written == 0 ? null : slots[(int) ((written - 1) % slots.length)];
    }

    /** How many samples were ever added, including dropped ones. */
    public synchronized long written() {
        return written;
    }

    public int capacity() {
        return slots.length;
    }
}
