package dev.leakscope.core.jvm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code jcmd <pid> VM.native_memory summary} output (the {@code vmNativeMemory} command). */
public final class NmtSummary {

    private static final Pattern TOTAL_COMMITTED = Pattern.compile(
            "^Total:.*?committed=(\\d+)(KB|MB|GB|B)?", Pattern.MULTILINE);

    private NmtSummary() {
    }

    /**
     * The committed total in bytes.
     *
     * @throws IllegalArgumentException when the text has no {@code Total:} line, e.g. because NMT is
     *                                  off ("Native memory tracking is not enabled")
     */
    public static long committedBytes(String text) {
        Matcher m = TOTAL_COMMITTED.matcher(text);
        if (!m.find()) {
            String first = text.strip().lines().findFirst().orElse("(empty)");
            throw new IllegalArgumentException("NMT summary: " + first + " (expected: a line \"Total: ... committed=<n>KB\")");
        }
        long value = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        switch (unit) {
            case "KB":
                return value * 1024;
            case "MB":
                return value * 1024 * 1024;
            case "GB":
                return value * 1024 * 1024 * 1024;
            default:
                return value;
        }
    }
}
