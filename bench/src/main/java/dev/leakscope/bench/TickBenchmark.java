package dev.leakscope.bench;

import dev.leakscope.core.gpu.NvmlSource;
import dev.leakscope.core.proc.ProcFs;
import dev.leakscope.core.sample.ObservationClock;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.Sampler;
import dev.leakscope.core.source.ProcStatusSource;
import dev.leakscope.core.source.ProcessSet;
import dev.leakscope.core.source.SmapsRollupSource;
import dev.leakscope.core.source.Sources;
import dev.leakscope.testkit.JavaProcess;
import dev.leakscope.workload.AnonGrower;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one sampling tick against a child process holding 1 or 4 GiB of touched anonymous
 * memory: the status read (every tick), the smaps_rollup read (every 30 s by default), and a full
 * tick of every per-tick source of the JVM the benchmark runs in (status, cgroup, MXBeans, GC
 * notifications, NMT when on, NVML when present).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TickBenchmark {

    /** A child JVM with {@code gib} GiB of touched anonymous memory. */
    @State(Scope.Benchmark)
    public static class Child {
        @Param({"1", "4"})
        public int gib;

        JavaProcess process;
        ProcStatusSource status;
        SmapsRollupSource smaps;

        @Setup(Level.Trial)
        public void start() throws Exception {
            process = JavaProcess.start(AnonGrower.class,
                    List.of("-Xint", "-Xmx32m", "-XX:+UseSerialGC", "-XX:MaxDirectMemorySize=" + (gib + 1) + "g"));
            process.expect("READY", Duration.ofSeconds(60));
            process.send("GROW " + ((long) gib << 30));
            process.expect("GROWN", Duration.ofSeconds(120));
            ProcessSet set = ProcessSet.single((int) process.pid());
            status = new ProcStatusSource(ProcFs.SYSTEM, set);
            smaps = new SmapsRollupSource(ProcFs.SYSTEM, set, Duration.ZERO);
            status.probe();
            smaps.probe();
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            process.close();
        }
    }

    /** Every per-tick source of this JVM, as the agent would read them. */
    @State(Scope.Benchmark)
    public static class Self {
        Sampler sampler;

        @Setup(Level.Trial)
        public void start() throws Exception {
            ProcessSet set = ProcessSet.single((int) ProcessHandle.current().pid());
            // smaps_rollup is measured on its own; keep it out of the per-tick figure
            Sources.Settings settings = new Sources.Settings(Duration.ofDays(1), Duration.ofDays(1), NvmlSource.Mode.AUTO);
            sampler = new Sampler(Sources.self(set, settings), false, n -> { }, ObservationClock.startNow());
            System.out.println("\navailable: " + sampler.start().available());
            sampler.tick(); // the first tick reads the daily sources once
        }

        @TearDown(Level.Trial)
        public void stop() {
            sampler.close();
        }
    }

    @Benchmark
    public Sample statusRead(Child child) throws Exception {
        Sample.Builder b = new Sample.Builder();
        child.status.read(b);
        return b.build(0, 0);
    }

    @Benchmark
    public Sample smapsRollupRead(Child child) throws Exception {
        Sample.Builder b = new Sample.Builder();
        child.smaps.read(b);
        return b.build(0, 0);
    }

    @Benchmark
    public Sample fullJvmTick(Self self) throws Exception {
        return self.sampler.tick();
    }
}
