package dev.leakscope.core.analyze;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a trace file, streaming: a CSV trace, or a leakscope event stream (told apart by the first
 * non-blank character, {@code {} for JSON Lines). The thin I/O layer over the two parsers.
 */
public final class TraceReader {

    private TraceReader() {
    }

    public static void read(Path file, TraceVisitor visitor) throws IOException, TraceFormatException {
        String source = file.toString();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long number = 0;
            String line;
            CsvTraceParser csv = null;
            JsonLinesTraceParser jsonl = null;
            while ((line = in.readLine()) != null) {
                number++;
                if (csv == null && jsonl == null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    if (line.stripLeading().startsWith("{")) {
                        jsonl = new JsonLinesTraceParser(source, visitor);
                    } else {
                        csv = new CsvTraceParser(source, visitor);
                    }
                }
                if (jsonl != null) {
                    jsonl.line(number, line);
                } else {
                    csv.line(number, line);
                }
            }
            if (jsonl != null) {
                jsonl.end(number);
            } else if (csv != null) {
                csv.end(number);
            } else {
                throw new TraceFormatException(source, Math.max(1, number), "the trace is empty (expected: a CSV trace or a leakscope event stream)");
            }
        }
    }
}
