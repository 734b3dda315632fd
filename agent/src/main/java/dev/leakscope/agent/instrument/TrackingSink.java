package dev.leakscope.agent.instrument;

import dev.leakscope.agent.bootstrap.Recorder;
import dev.leakscope.core.site.SiteKind;
import dev.leakscope.core.site.SiteTable;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Hands what the bridge records to the site table. Allocations made while a sample is being
 * recorded (the table's own bookkeeping) are not sampled again, so that recording never recurses.
 */
final class TrackingSink implements Recorder.Sink {

    private static final ThreadLocal<boolean[]> RECORDING = ThreadLocal.withInitial(() -> new boolean[1]);

    private final SiteTable table;

    TrackingSink(SiteTable table) {
        this.table = table;
    }

    @Override
    public void sampled(int kind, Object object, long key, long bytes, double weight) {
        boolean[] recording = RECORDING.get();
        if (recording[0]) {
            return;
        }
        recording[0] = true;
        try {
            table.sampled(SiteKind.of(kind), object, key, bytes, weight);
        } finally {
            recording[0] = false;
        }
    }

    @Override
    public long freed(int kind, Object object, long key, long bytes) {
        return table.freed(SiteKind.of(kind), object, key, bytes);
    }

    @Override
    public int releasedWatched(long key) {
        return table.releaseAddress(key).ordinal();
    }

    @Override
    public void nested(int kind, long key) {
        table.nested(key);
    }

    @Override
    public void sized(int kind, long key, long bytes) {
        table.sized(key, bytes);
    }

    @Override
    public AtomicIntegerArray trackedObjects() {
        return table.trackedObjects();
    }
}
