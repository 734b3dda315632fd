package dev.leakscope.core.detect;

import java.util.Locale;

/** What the detector concludes about one signal. Only {@link #LEAK} is an alarm. */
public enum Verdict {
    /** Growth that persists at a steady rate: memory that is never given back. */
    LEAK,
    /** Significant growth whose persistence is not proven yet: the early warning. */
    GROWTH_SUSPECTED,
    /** Growth that decayed: warm-up, then a plateau. */
    PLATEAU,
    /** Repeated rises and sharp drops (GC, allocator cycles) around a flat floor. */
    SAWTOOTH,
    /** One-time level shifts (a model load) around flat stretches. */
    STEP,
    /** No significant change. */
    STABLE;

    /** The name used in events: {@code growth_suspected}. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Verdict fromJson(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
