package dev.leakscope.agent.options;

/** Where an option came from, lowest precedence first: a later source wins over an earlier one. */
public enum OptionSource {
    DEFAULT("default"),
    ENVIRONMENT("environment LEAKSCOPE_<KEY>"),
    SYSTEM_PROPERTY("-Dleakscope.<key>"),
    AGENT_STRING("agent string");

    private final String description;

    OptionSource(String description) {
        this.description = description;
    }

    @Override
    public String toString() {
        return description;
    }
}
