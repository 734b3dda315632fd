package dev.leakscope.agent.runtime;

import dev.leakscope.agent.bootstrap.Marks;
import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.SignalSource;
import dev.leakscope.core.sample.Signals;
import java.util.List;

/**
 * The {@code iterations} signal: how many iterations the markers have counted. Absent from samples
 * until the first one, so that a run without iteration markers carries no such value.
 */
final class IterationSource implements SignalSource {

    @Override
    public String name() {
        return "iteration markers";
    }

    @Override
    public List<String> signals() {
        return List.of(Signals.ITERATIONS);
    }

    @Override
    public Availability probe() {
        return Availability.of(signals());
    }

    @Override
    public void read(Sample.Builder out) {
        long n = Marks.iterations();
        if (n > 0) {
            out.put(Signals.ITERATIONS, n);
        }
    }
}
