package dev.leakscope.bench;

import dev.leakscope.core.site.SiteKind;
import dev.leakscope.core.site.SiteTable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What one sampled allocation costs the site table: walking to the site frame, finding the site,
 * tracking the object and releasing it again. The bridge takes at most
 * {@code Instrumenter.MAX_SAMPLES_PER_S} of these a second, so this bounds what sampling costs once
 * the JIT has compiled the sampling path. At that rate a real loop gets there only after a minute
 * or so; before, a sample costs ten times more (docs/benchmarks.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SampleCostBenchmark {

    private SiteTable table;
    private long address;

    @Setup
    public void setUp() {
        table = new SiteTable(4096, 512 * 1024);
    }

    /** An address-keyed sample (a direct buffer) at a known site, then its release. */
    @Benchmark
    public long directBufferSampleAndFree() {
        long key = ++address;
        table.sampled(SiteKind.DIRECT_BUFFER, null, key, 4096, 128);
        return table.freed(SiteKind.DIRECT_BUFFER, null, key, 4096);
    }

    /** An object-keyed sample (a tensor): a weak reference is made too, then it is closed. */
    @Benchmark
    public long tensorSampleAndClose() {
        Object tensor = new Object();
        table.sampled(SiteKind.ONNX_TENSOR, tensor, 0, 4096, 128);
        return table.freed(SiteKind.ONNX_TENSOR, tensor, 0, 4096);
    }
}
