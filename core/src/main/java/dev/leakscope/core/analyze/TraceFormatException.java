package dev.leakscope.core.analyze;

/** A trace that cannot be read, with the file and line: "trace.csv:12: ... (expected: ...)". */
public final class TraceFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public TraceFormatException(String source, long line, String problem) {
        super(source + (line > 0 ? ":" + line : "") + ": " + problem);
    }
}
