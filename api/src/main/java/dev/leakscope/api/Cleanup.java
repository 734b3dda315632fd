package dev.leakscope.api;

/**
 * An open cleanup check, from {@link LeakScope#expectFreed}; {@link #close()} ends it. Closing
 * twice ends it once. Without the agent it holds its label and does nothing.
 */
public final class Cleanup implements AutoCloseable {

    private final String label;
    private final String expected;
    /**
     * The agent's handle on this check, set when the agent is there: its advice on the constructor
     * and on {@link #close()} read and write this field by name.
     */
    private Object token;

    Cleanup(String label, String expected) {
        this.label = require(label, "label");
        this.expected = require(expected, "expected");
    }

    public String label() {
        return label;
    }

    /** The size it should free, as given: {@code "14GB"}, or a number of bytes. */
    public String expected() {
        return expected;
    }

    /** Ends the check; the agent then writes its {@code cleanup} event. Never throws. */
    @Override
    public void close() {
        // instrumented by the agent
    }

    static String require(String value, String name) {
        if (value == null) {
            throw new NullPointerException(name + ": null (expected: a text, e.g. \"VLM\" or \"14GB\")");
        }
        return value;
    }
}
