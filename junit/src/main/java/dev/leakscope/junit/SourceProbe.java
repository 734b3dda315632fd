package dev.leakscope.junit;

import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.SignalSource;

/** One signal of one of core's sampling sources (direct buffers from the MXBeans, rss_anon from /proc). */
final class SourceProbe implements Probe {

    private final SignalSource source;
    private final String signal;

    private SourceProbe(SignalSource source, String signal) {
        this.source = source;
        this.signal = signal;
    }

    /** Probes {@code source}; throws {@link Unavailable} naming the source's reason when it cannot give {@code signal}. */
    static SourceProbe of(SignalSource source, String signal) throws Unavailable {
        var availability = source.probe();
        if (!availability.isAvailable(signal)) {
            String why = availability.unavailable().get(signal);
            throw new Unavailable(why == null ? source.name() + " does not give " + signal : why);
        }
        return new SourceProbe(source, signal);
    }

    @Override
    public long read() throws Exception {
        Sample.Builder values = new Sample.Builder();
        source.read(values);
        Long value = values.build(0, 0).get(signal);
        if (value == null) {
            throw new IllegalStateException(source.name() + " gave no " + signal);
        }
        return value;
    }
}
