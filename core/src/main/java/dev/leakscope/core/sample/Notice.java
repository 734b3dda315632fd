package dev.leakscope.core.sample;

import java.util.Locale;

/**
 * Something a user should learn mid-run: a signal became unavailable, sampling backed off, a write
 * failed. Written as a {@code notice} event.
 *
 * @param signal the signal it concerns, or {@code null}
 */
public record Notice(Level level, String message, String signal) {

    public enum Level {
        INFO, WARN, ERROR;

        /** The lower-case name used in events. */
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static Notice info(String message) {
        return new Notice(Level.INFO, message, null);
    }

    public static Notice warn(String message, String signal) {
        return new Notice(Level.WARN, message, signal);
    }
}
