package dev.leakscope.core.analyze;

import dev.leakscope.core.sample.Signals;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a CSV trace line by line: a header {@code t_seconds,<signal>[,<signal>...]}, then one row
 * per sample, values in bytes, an empty cell for a signal not sampled. Blank lines and lines
 * starting with {@code #} are skipped. Pure: it is handed lines, the reader does the I/O.
 */
final class CsvTraceParser {

    private final String source;
    private final TraceVisitor visitor;
    private List<String> columns;
    private double lastT = Double.NEGATIVE_INFINITY;
    private long samples;

    CsvTraceParser(String source, TraceVisitor visitor) {
        this.source = source;
        this.visitor = visitor;
    }

    void line(long number, String line) throws TraceFormatException {
        if (line.isBlank() || line.startsWith("#")) {
            return;
        }
        if (columns == null) {
            header(number, line);
        } else {
            row(number, line);
        }
    }

    /** Call after the last line. */
    void end(long lines) throws TraceFormatException {
        if (columns == null) {
            throw new TraceFormatException(source, Math.max(1, lines), "the trace is empty (expected: a header t_seconds,<signal>... and rows)");
        }
        if (samples == 0) {
            throw new TraceFormatException(source, lines, "the trace has a header but no samples (expected: rows of t_seconds,<bytes>...)");
        }
    }

    private void header(long number, String line) throws TraceFormatException {
        String[] cells = line.split(",", -1);
        if (!cells[0].trim().equals("t_seconds")) {
            throw new TraceFormatException(source, number, "header starts with \"" + cells[0].trim()
                    + "\" (expected: t_seconds,<signal>[,<signal>...])");
        }
        if (cells.length < 2) {
            throw new TraceFormatException(source, number, "header has no signal columns (expected: t_seconds,<signal>[,<signal>...])");
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < cells.length; i++) {
            String name = cells[i].trim();
            if (!Signals.isKnown(name)) {
                throw new TraceFormatException(source, number, "unknown signal \"" + name + "\" in column " + (i + 1)
                        + " (expected: one of " + String.join(", ", Signals.ALL) + ", or site:<id>)");
            }
            if (!seen.add(name)) {
                throw new TraceFormatException(source, number, "signal \"" + name + "\" appears twice in the header");
            }
            names.add(name);
        }
        columns = names;
        visitor.header(new TraceVisitor.Header(0, null, 0, Map.of(), List.copyOf(names), false));
    }

    private void row(long number, String line) throws TraceFormatException {
        String[] cells = line.split(",", -1);
        if (cells.length != columns.size() + 1) {
            throw new TraceFormatException(source, number, cells.length + " columns (expected: " + (columns.size() + 1)
                    + ", as in the header)");
        }
        double t = number(number, "t_seconds", cells[0]);
        if (t < 0) {
            throw new TraceFormatException(source, number, "t_seconds " + cells[0].trim() + " is negative (expected: seconds >= 0)");
        }
        if (t < lastT) {
            throw new TraceFormatException(source, number, "time goes backwards: t_seconds " + cells[0].trim()
                    + " after " + lastT + " (expected: non-decreasing times)");
        }
        lastT = t;
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            String cell = cells[i + 1].trim();
            if (!cell.isEmpty()) {
                double v = number(number, columns.get(i), cell);
                if (v < 0) {
                    throw new TraceFormatException(source, number, "value " + cell + " in column " + columns.get(i)
                            + " is negative (expected: bytes >= 0)");
                }
                values.put(columns.get(i), v);
            }
        }
        samples++;
        visitor.sample(t, values);
    }

    private double number(long line, String column, String cell) throws TraceFormatException {
        try {
            double v = Double.parseDouble(cell.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TraceFormatException(source, line, "value \"" + cell.trim() + "\" in column " + column
                + " is not a number (expected: " + (column.equals("t_seconds") ? "seconds" : "bytes, or empty for no sample") + ")");
    }
}
