package dev.leakscope.api;

/**
 * Markers for application code: iterations, phases and cleanup checks (docs/phases.md). Without
 * the leakscope agent every method does nothing and costs nothing. With it, the agent instruments
 * these methods: each call becomes an iteration counted, a {@code phase} event or a
 * {@code cleanup} event. Every method may be called from any thread.
 */
public final class LeakScope {

    private LeakScope() {
    }

    /**
     * One iteration ended: a training step, a request, a model switch. The agent reports each
     * signal's growth per iteration ({@code per_iteration_bytes} in findings and the summary).
     */
    public static void iteration() {
        // instrumented by the agent
    }

    /**
     * A labelled point in the run ("after VLM cleanup"): the agent writes a {@code phase} event
     * with every signal's value and its change since the previous phase. The calling thread waits
     * for that reading, at most two seconds.
     *
     * @throws NullPointerException when {@code label} is null
     */
    public static void phase(String label) {
        Cleanup.require(label, "label");
    }

    /**
     * A block that should free about {@code expected} ({@code "14GB"}, {@code "512MiB"}, or bytes),
     * to be used with try-with-resources. When it closes, the agent writes a {@code cleanup} event:
     * what was freed, whether that was enough, and which signals still hold memory. Wrap the
     * whole life of what is freed (load, use, free) so that {@code kept_by} names what stayed.
     *
     * @throws NullPointerException when {@code label} or {@code expected} is null
     */
    public static Cleanup expectFreed(String label, String expected) {
        return new Cleanup(label, expected);
    }

    /** {@link #expectFreed(String, String)} with the size in bytes. */
    public static Cleanup expectFreed(String label, long expectedBytes) {
        if (expectedBytes < 0) {
            throw new IllegalArgumentException("expectedBytes: " + expectedBytes + " (expected: >= 0)");
        }
        return new Cleanup(label, Long.toString(expectedBytes));
    }
}
