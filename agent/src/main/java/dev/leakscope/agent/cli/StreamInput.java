package dev.leakscope.agent.cli;

import dev.leakscope.core.analyze.RecordedRun;
import dev.leakscope.core.analyze.RecordedRuns;
import dev.leakscope.core.analyze.TraceFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Input files of the CLI's commands: bad ones are bad input (exit code 2), named with what was expected. */
final class StreamInput {

    private StreamInput() {
    }

    /** Fails unless {@code file} is a regular file; {@code label} names the parameter, {@code expected} what it holds. */
    static void requireFile(Path file, String label, String expected) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(label + ": " + file + " (expected: " + expected + "; "
                    + (Files.exists(file) ? "it is not a regular file" : "it does not exist") + ")");
        }
    }

    /** Reads a recorded event stream whole. */
    static RecordedRun read(Path file, String label) throws IOException {
        String expected = "a leakscope event stream";
        requireFile(file, label, expected);
        try {
            return RecordedRuns.read(file);
        } catch (TraceFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(label + ": " + file + " (expected: " + expected + "; it does not exist)", e);
        }
    }
}
