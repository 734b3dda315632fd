package dev.leakscope.core.jvm;

import dev.leakscope.core.sample.Signals;
import dev.leakscope.testkit.SignalReads;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM that reads heap_after_gc under whatever collector it was started with: it holds 64 MiB,
 * collects, lets them go, collects again, and prints {@code released <bytes>}, the difference the
 * source saw, or {@code unavailable <why>}.
 */
public final class HeapAfterGcHost {

    static final int HELD_MIB = 64;

    private HeapAfterGcHost() {
    }

    public static void main(String[] args) throws Exception {
        HeapAfterGcSource source = new HeapAfterGcSource();
        var availability = source.probe();
        if (!availability.unavailable().isEmpty()) {
            System.out.println("unavailable " + availability.unavailable());
            return;
        }
        System.out.println("released " + released(source));
    }

    /** What heap_after_gc fell by when {@link #HELD_MIB} MiB were let go between two full collections. */
    static long released(HeapAfterGcSource source) throws Exception {
        List<byte[]> live = new ArrayList<>();
        for (int i = 0; i < HELD_MIB * 16; i++) {
            live.add(new byte[(64 << 10) - 16]); // small objects: large ones take whole regions or pages
        }
        long withLive = afterFullGc(source);
        live.clear();
        return withLive - afterFullGc(source);
    }

    /** heap_after_gc after {@code System.gc()}: fails when the source gives none within 2 s. */
    private static long afterFullGc(HeapAfterGcSource source) throws Exception {
        SignalReads.read(source); // consume a value from any earlier collection
        System.gc();
        // a concurrent collector's cycle may end a moment after System.gc() returns
        for (int i = 0; i < 200; i++) {
            Long value = SignalReads.read(source).get(Signals.HEAP_AFTER_GC);
            if (value != null) {
                return value;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no heap_after_gc after System.gc()");
    }
}
