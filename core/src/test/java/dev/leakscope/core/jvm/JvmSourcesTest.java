package dev.leakscope.core.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.leakscope.core.Fixtures;
import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.Signals;
import dev.leakscope.testkit.JavaProcess;
import dev.leakscope.testkit.SignalReads;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JvmSourcesTest {

    @Test
    void directBuffersAreCounted() throws Exception {
        JvmMemorySource source = new JvmMemorySource();
        assertThat(source.probe().available()).contains(Signals.DIRECT_BUFFERS, Signals.HEAP_USED, Signals.METASPACE);
        long before = SignalReads.read(source).get(Signals.DIRECT_BUFFERS);
        ByteBuffer held = ByteBuffer.allocateDirect(8 << 20);
        long after = SignalReads.read(source).get(Signals.DIRECT_BUFFERS);
        assertThat(after - before).isEqualTo(8L << 20);
        assertThat(held.capacity()).isPositive();
    }

    @Test
    void heapAfterGcFollowsTheLiveSetAcrossFullCollections() throws Exception {
        HeapAfterGcSource source = new HeapAfterGcSource();
        assertThat(source.probe().available()).containsExactly(Signals.HEAP_AFTER_GC);
        try {
            assertThat(HeapAfterGcHost.released(source)).as("64 MiB released").isBetween(60L << 20, 68L << 20);
        } finally {
            source.close();
        }
    }

    /**
     * Each collector reports old-generation collections its own way (G1's mixed ones only through
     * the pool's collection usage, generational ZGC's minor cycles through the same usage as its
     * major ones): every collector of the JDK running the tests (17) and of JDK 25, in a JVM of its own.
     */
    @ParameterizedTest
    @CsvSource({"this,UseSerialGC", "this,UseParallelGC", "this,UseG1GC", "this,UseZGC", "this,UseShenandoahGC",
            "25,UseG1GC", "25,UseZGC", "25,UseShenandoahGC"})
    void heapAfterGcUnderEveryCollector(String jdk, String collector) throws Exception {
        Path java = jdk.equals("25") ? JavaProcess.JDK25.resolve("bin/java") : JavaProcess.javaBin();
        assumeTrue(Files.isExecutable(java), "JDK " + jdk + " is not installed at " + java);
        try (JavaProcess host = JavaProcess.start(java, HeapAfterGcHost.class, List.of("-XX:+" + collector, "-Xmx256m"))) {
            String line = host.expect("", Duration.ofSeconds(60));
            assertThat(line).as("JDK %s, %s", jdk, collector).startsWith("released ");
            assertThat(Long.parseLong(line.substring("released ".length()))).as("JDK %s, %s: 64 MiB released", jdk, collector)
                    .isBetween(60L << 20, 68L << 20);
        }
    }

    @Test
    void noValueUntilACollectionCoversTheOldGeneration() throws Exception {
        HeapAfterGcSource source = new HeapAfterGcSource();
        source.probe();
        try {
            assertThat(SignalReads.read(source)).doesNotContainKey(Signals.HEAP_AFTER_GC);
        } finally {
            source.close();
        }
    }

    @Test
    void youngCollectionsDoNotCount() {
        assertThat(OldGenCollections.coversOld("G1 Young Generation")).isFalse();
        assertThat(OldGenCollections.coversOldInPart("G1 Young Generation")).isTrue();
        assertThat(OldGenCollections.coversOld("G1 Old Generation")).isTrue();
        assertThat(OldGenCollections.coversOld("G1 Concurrent GC")).isTrue();
        assertThat(OldGenCollections.coversOld("PS Scavenge")).isFalse();
        assertThat(OldGenCollections.coversOld("PS MarkSweep")).isTrue();
        assertThat(OldGenCollections.coversOld("Copy")).isFalse();
        assertThat(OldGenCollections.coversOld("MarkSweepCompact")).isTrue();
        assertThat(OldGenCollections.coversOld("ZGC Minor Cycles")).isFalse();
        assertThat(OldGenCollections.coversOld("ZGC Major Cycles")).isTrue();
        assertThat(OldGenCollections.coversOld("ZGC Major Pauses")).isFalse();
        assertThat(OldGenCollections.coversOld("ZGC Cycles")).isTrue();
        assertThat(OldGenCollections.coversOld("Shenandoah Cycles")).isTrue();
        assertThat(OldGenCollections.coversOld("Shenandoah Pauses")).isFalse();
        for (String notPartly : List.of("G1 Old Generation", "PS Scavenge", "Copy", "ZGC Minor Cycles", "Shenandoah Cycles")) {
            assertThat(OldGenCollections.coversOldInPart(notPartly)).as(notPartly).isFalse();
        }
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
}
