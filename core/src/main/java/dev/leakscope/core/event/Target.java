package dev.leakscope.core.event;

/**
 * What is observed, for the {@code start} event.
 *
 * @param commandLine the command line, secrets already masked by {@link Redaction}
 * @param jvmVersion  the JVM's version when known (the agent inside it), else {@code null}
 * @param tree        whether descendants are observed too
 */
public record Target(long pid, String commandLine, String jvmVersion, boolean tree) {

    /** A target with its command line redacted. */
    public static Target of(long pid, String rawCommandLine, String jvmVersion, boolean tree) {
        return new Target(pid, Redaction.commandLine(rawCommandLine), jvmVersion, tree);
    }
}
