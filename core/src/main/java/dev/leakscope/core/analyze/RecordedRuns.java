package dev.leakscope.core.analyze;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a recorded event stream whole: the thin I/O layer over {@link RecordedRunParser}. */
public final class RecordedRuns {

    private RecordedRuns() {
    }

    public static RecordedRun read(Path file) throws IOException, TraceFormatException {
        RecordedRunParser parser = new RecordedRunParser(file.toString());
        long number = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                parser.line(++number, line);
            }
        }
        return parser.end(number);
    }
}
