package dev.leakscope.core.sample;

import java.util.List;

/**
 * Thrown by a source that can no longer give some of its signals but keeps the others (NVML that
 * cannot list processes still reports device memory). The sampler turns off only {@link #signals()},
 * says why in a notice, and keeps the values the read put for the rest.
 */
public final class SignalsLost extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> signals;

    public SignalsLost(List<String> signals, String reason) {
        super(reason);
        this.signals = List.copyOf(signals);
    }

    public List<String> signals() {
        return signals;
    }
}
