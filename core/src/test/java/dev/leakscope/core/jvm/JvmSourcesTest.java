package dev.leakscope.core.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakscope.core.Fixtures;
import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.Signals;
import java.lang.management.MemoryUsage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JvmSourcesTest {

    @Test
    void directBuffersAreCounted() {
        JvmMemorySource source = new JvmMemorySource();
        assertThat(source.probe().available()).contains(Signals.DIRECT_BUFFERS, Signals.HEAP_USED, Signals.METASPACE);
        long before = read(source).get(Signals.DIRECT_BUFFERS);
        ByteBuffer held = ByteBuffer.allocateDirect(8 << 20);
        long after = read(source).get(Signals.DIRECT_BUFFERS);
        assertThat(after - before).isEqualTo(8L << 20);
        assertThat(held.capacity()).isPositive();
    }

    @Test
    void heapAfterGcFollowsTheLiveSetAcrossFullCollections() throws InterruptedException {
        HeapAfterGcSource source = new HeapAfterGcSource();
        assertThat(source.probe().available()).containsExactly(Signals.HEAP_AFTER_GC);
        try {
            List<byte[]> live = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                live.add(new byte[1 << 20]);
            }
            long withLive = afterFullGc(source);
            live.clear();
            long without = afterFullGc(source);
            assertThat(withLive - without).as("64 MiB released").isBetween(60L << 20, 68L << 20);
        } finally {
            source.close();
        }
    }

    @Test
    void noValueUntilACollectionCoversTheOldGeneration() {
        HeapAfterGcSource source = new HeapAfterGcSource();
        source.probe();
        try {
            assertThat(read(source)).doesNotContainKey(Signals.HEAP_AFTER_GC);
        } finally {
            source.close();
        }
    }

    @Test
    void youngCollectionsDoNotCount() {
        Map<String, MemoryUsage> before = Map.of("G1 Old Gen", usage(100));
        Map<String, MemoryUsage> promoted = Map.of("G1 Old Gen", usage(150));
        Map<String, MemoryUsage> mixed = Map.of("G1 Old Gen", usage(80));
        assertThat(OldGenCollections.coversOld("G1 Young Generation", "G1 Old Gen", before, promoted)).isFalse();
        assertThat(OldGenCollections.coversOld("G1 Young Generation", "G1 Old Gen", before, mixed)).isTrue();
        assertThat(OldGenCollections.coversOld("G1 Old Generation", "G1 Old Gen", before, promoted)).isTrue();
        assertThat(OldGenCollections.coversOld("G1 Concurrent GC", "G1 Old Gen", before, promoted)).isTrue();
        Map<String, MemoryUsage> ps = Map.of("PS Old Gen", usage(10));
        assertThat(OldGenCollections.coversOld("PS Scavenge", "PS Old Gen", ps, ps)).isFalse();
        assertThat(OldGenCollections.coversOld("PS MarkSweep", "PS Old Gen", ps, ps)).isTrue();
        Map<String, MemoryUsage> serial = Map.of("Tenured Gen", usage(10));
        assertThat(OldGenCollections.coversOld("Copy", "Tenured Gen", serial, serial)).isFalse();
        assertThat(OldGenCollections.coversOld("MarkSweepCompact", "Tenured Gen", serial, serial)).isTrue();
        Map<String, MemoryUsage> zgc = Map.of("ZGC Old Generation", usage(10));
        assertThat(OldGenCollections.coversOld("ZGC Minor Cycles", "ZGC Old Generation", zgc, zgc)).isFalse();
        assertThat(OldGenCollections.coversOld("ZGC Major Cycles", "ZGC Old Generation", zgc, zgc)).isTrue();
        assertThat(OldGenCollections.coversOld("ZGC Major Pauses", "ZGC Old Generation", zgc, zgc)).isFalse();
        Map<String, MemoryUsage> shen = Map.of("Shenandoah", usage(10));
        assertThat(OldGenCollections.coversOld("Shenandoah Cycles", "Shenandoah", shen, shen)).isTrue();
        assertThat(OldGenCollections.coversOld("Shenandoah Pauses", "Shenandoah", shen, shen)).isFalse();
    }

    @Test
    void oldPoolIsFoundForEveryCollector() {
        assertThat(OldGenCollections.oldPool(List.of("G1 Eden Space", "G1 Old Gen", "G1 Survivor Space"))).isEqualTo("G1 Old Gen");
        assertThat(OldGenCollections.oldPool(List.of("Eden Space", "Survivor Space", "Tenured Gen"))).isEqualTo("Tenured Gen");
        assertThat(OldGenCollections.oldPool(List.of("ZGC Young Generation", "ZGC Old Generation"))).isEqualTo("ZGC Old Generation");
        assertThat(OldGenCollections.oldPool(List.of("ZGC Heap"))).isEqualTo("ZGC Heap");
        assertThat(OldGenCollections.oldPool(List.of("Shenandoah"))).isEqualTo("Shenandoah");
        assertThat(OldGenCollections.oldPool(List.of("Eden", "Survivor"))).isNull();
    }

    @Test
    void nmtSummaryOfJdk17AndJdk25() {
        assertThat(NmtSummary.committedBytes(Fixtures.read("jvm/nmt-summary-jdk17.txt"))).isEqualTo(1_330_821L * 1024);
        assertThat(NmtSummary.committedBytes(Fixtures.read("jvm/nmt-summary-jdk25.txt"))).isEqualTo(497_279L * 1024);
    }

    @Test
    void nmtOffIsAClearError() {
        assertThatThrownBy(() -> NmtSummary.committedBytes(Fixtures.read("jvm/nmt-off-jdk17.txt")))
                .hasMessageStartingWith("NMT summary: 3265: (expected: a line \"Total: ... committed=<n>KB\")")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nmtSourceExplainsWhyItIsOff() {
        Availability a = new NmtSource(Duration.ofSeconds(10)).probe();
        assertThat(a.unavailable()).containsEntry(Signals.NMT_COMMITTED,
                "the JVM runs without -XX:NativeMemoryTracking=summary");
    }

    private static long afterFullGc(HeapAfterGcSource source) throws InterruptedException {
        read(source); // consume a value from any earlier collection
        System.gc();
        // GC notifications arrive on the JMX notification thread, shortly after the collection
        for (int i = 0; i < 200; i++) {
            Long value = read(source).get(Signals.HEAP_AFTER_GC);
            if (value != null) {
                return value;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no heap_after_gc after System.gc()");
    }

    private static Map<String, Long> read(dev.leakscope.core.sample.SignalSource source) {
        Sample.Builder b = new Sample.Builder();
        try {
            source.read(b);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return b.build(0, 0).values();
    }

    private static MemoryUsage usage(long used) {
        return new MemoryUsage(0, used, Math.max(used, 1000), 1000);
    }
}
