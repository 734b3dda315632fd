package dev.leakscope.core.sample;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which signals a source (or a whole sampler) can give, and for each one it cannot, the reason
 * ("NVML not found: libnvidia-ml.so.1 (no NVIDIA driver)"). Reported in the {@code start} event.
 */
public final class Availability {
    private final Set<String> available = new LinkedHashSet<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();

    public static Availability of(Collection<String> signals) {
        Availability a = new Availability();
        a.available.addAll(signals);
        return a;
    }

    public static Availability none(Collection<String> signals, String reason) {
        Availability a = new Availability();
        for (String s : signals) {
            a.unavailable.put(s, reason);
        }
        return a;
    }

    /** Marks {@code signal} unavailable with {@code reason}. */
    public Availability without(String signal, String reason) {
        available.remove(signal);
        unavailable.put(signal, reason);
        return this;
    }

    /** Adds another source's view; a signal any source provides is available. */
    public Availability merge(Availability other) {
        for (String s : other.available) {
            available.add(s);
            unavailable.remove(s);
        }
        other.unavailable.forEach((s, why) -> {
            if (!available.contains(s)) {
                unavailable.putIfAbsent(s, why);
            }
        });
        return this;
    }

    public Set<String> available() {
        return Collections.unmodifiableSet(available);
    }

    public Map<String, String> unavailable() {
        return Collections.unmodifiableMap(unavailable);
    }

    public boolean isAvailable(String signal) {
        return available.contains(signal);
    }
}
