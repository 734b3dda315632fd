package dev.leakscope.junit;

import com.sun.management.GcInfo;
import dev.leakscope.core.jvm.OldGeneration;

/**
 * heap_after_gc as core defines it, the old generation right after a collection that covered it,
 * read from the collectors' own report of their latest collection ({@link GcInfo}) rather than from
 * the heap's current usage: what the test thread allocates after {@code System.gc()} returns (a
 * fresh TLAB counts whole in G1's usage) must not count.
 */
final class HeapAfterGcProbe implements Probe {

    /** Read through the collectors whose every collection covers the old generation, as System.gc()'s does. */
    private final OldGeneration old;

    private HeapAfterGcProbe(OldGeneration old) {
        this.old = old;
    }

    static HeapAfterGcProbe open() throws Unavailable {
        try {
            return new HeapAfterGcProbe(OldGeneration.find());
        } catch (OldGeneration.Missing e) {
            throw new Unavailable(e.getMessage());
        }
    }

    @Override
    public long read() {
        Long used = old.usedAfterLatest(old.collectors());
        if (used == null) {
            throw new IllegalStateException("no collection of " + old.poolName()
                    + " has happened (expected: System.gc() to run one)");
        }
        return used;
    }
}
