package dev.leakscope.bench;

import dev.leakscope.api.LeakScope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What an iteration marker costs the step it marks (docs/phases.md): a small step (a 256-element
 * dot product, about what a hot loop calls per item), marked through the options
 * ({@code iteration=dev.leakscope.bench.MarkerBenchmark#step}) or by a call to
 * {@code LeakScope.iteration()}. Run with and without the agent by scripts/bench-agents.sh; without
 * the agent the API call is an empty method. {@link #phase()} measures what a phase costs the thread
 * that marks it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MarkerBenchmark {

    private final float[] a = new float[256];
    private final float[] b = new float[256];

    public MarkerBenchmark() {
        for (int i = 0; i < a.length; i++) {
            a[i] = i * 0.5f;
            b[i] = 1f / (i + 1);
        }
    }

    /** Not inlined, so that advice on it runs as a real step's would. */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public float step() {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Benchmark
    public float stepMarkedByOptions() {
        return step();
    }

    /**
     * A phase as the calling thread sees it: with the agent, a tick on the sampling thread and a
     * {@code phase} event written, waited for; without it, an empty method.
     */
    @Benchmark
    public void phase() {
        LeakScope.phase("bench");
    }

    @Benchmark
    public float stepMarkedByApi() {
        float s = step();
        LeakScope.iteration();
        return s;
    }
}
