package dev.leakscope.core.source;

import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.SignalSource;
import java.util.List;

/** Stands for signals that cannot exist here, so that {@code start} lists them with the reason. */
final class UnavailableSource implements SignalSource {
    private final List<String> signals;
    private final String reason;

    UnavailableSource(List<String> signals, String reason) {
        this.signals = signals;
        this.reason = reason;
    }

    @Override
    public String name() {
        return "unavailable";
    }

    @Override
    public List<String> signals() {
        return signals;
    }

    @Override
    public Availability probe() {
        return Availability.none(signals, reason);
    }

    @Override
    public void read(Sample.Builder out) {
        // never called: probe() makes nothing available
    }
}
