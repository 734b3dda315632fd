package dev.leakscope.bench;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of the {@code direct-buffers} module on the allocation it instruments:
 * {@code allocateDirect(4 KiB)} and its release, freed at once through the buffer's cleaner as a
 * pooling library would. {@link SiteOverhead} runs it with and without the agent.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AllocationBenchmark {

    private sun.misc.Unsafe unsafe;

    @Setup
    public void setUp() throws ReflectiveOperationException {
        Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        unsafe = (sun.misc.Unsafe) f.get(null);
    }

    @Benchmark
    public byte allocateDirect4KiBAndFree() {
        ByteBuffer b = ByteBuffer.allocateDirect(4096);
        b.put(0, (byte) 1);
        byte first = b.get(0);
        unsafe.invokeCleaner(b);
        return first;
    }
}
