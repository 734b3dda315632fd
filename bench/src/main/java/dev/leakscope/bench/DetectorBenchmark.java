package dev.leakscope.bench;

import dev.leakscope.core.detect.Finding;
import dev.leakscope.core.detect.SignalDetector;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Detector throughput, as {@code analyze} drives it: one signal, a million 1 Hz samples (11.6
 * days of trace) per invocation. The score is samples per second on one core.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class DetectorBenchmark {

    static final int SAMPLES = 1_000_000;
    private static final double MB = 1e6;

    /**
     * flat: noise only; leak: 10 MB/min; limited: the same leak towards a 6 GB limit, restarted
     * just short of it (the urgent path, each time); sawtooth: 10-minute GC-like cycles.
     */
    @Param({"flat", "leak", "limited", "sawtooth"})
    public String shape;

    double[] values;

    @Setup(Level.Trial)
    public void generate() {
        Random random = new Random(42);
        values = new double[SAMPLES];
        double noise = 0;
        for (int t = 0; t < SAMPLES; t++) {
            noise = 0.8 * noise + 3 * MB * random.nextGaussian();
            double v = 2000 * MB + noise;
            switch (shape) {
                case "leak":
                    v += 10 * MB / 60 * (t % 100_000); // the process restarts every ~28 h
                    break;
                case "limited":
                    v += 10 * MB / 60 * (t % 23_000); // killed and restarted just short of its 6 GB limit
                    break;
                case "sawtooth":
                    v += 500 * MB * (t % 600) / 600.0;
                    break;
                default:
                    break;
            }
            values[t] = v;
        }
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public void detect(Blackhole sink) {
        Long limit = shape.equals("limited") ? (long) (6000 * MB) : null;
        SignalDetector detector = new SignalDetector("rss_anon", true, limit);
        for (int t = 0; t < SAMPLES; t++) {
            Finding f = detector.add(t, values[t]);
            if (f != null) {
                sink.consume(f);
            }
        }
        sink.consume(detector.verdict());
    }
}
