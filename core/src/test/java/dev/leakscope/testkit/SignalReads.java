package dev.leakscope.testkit;

import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.SignalSource;
import java.util.Map;

/** One tick's values of some sources, by signal, as a test reads them. */
public final class SignalReads {

    private SignalReads() {
    }

    /** What {@code sources} put into one sample; their failures reach the caller as they are. */
    public static Map<String, Long> read(SignalSource... sources) throws Exception {
        Sample.Builder b = new Sample.Builder();
        for (SignalSource s : sources) {
            s.read(b);
        }
        return b.build(0, 0).values();
    }
}
