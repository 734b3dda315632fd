package dev.leakscope.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesWriterTest {

    @TempDir
    Path dir;

    @Test
    void aFailureIsDescribedByItsReasonNotOnlyByItsPath() throws IOException {
        assertThat(JsonLinesWriter.describe(new AccessDeniedException("/var/log/x.jsonl"))).isEqualTo("permission denied");
        assertThat(JsonLinesWriter.describe(new NoSuchFileException("/x/a.jsonl"))).isEqualTo("no such file or directory");
        assertThat(JsonLinesWriter.describe(new FileSystemException("/x", null, "Read-only file system"))).isEqualTo("Read-only file system");
        assertThat(JsonLinesWriter.describe(new IOException("No space left on device"))).isEqualTo("No space left on device");
        // what opening a file in a missing directory really throws
        try {
            JsonLinesWriter.toFile(dir.resolve("missing/x.jsonl"));
            throw new AssertionError("opened a file in a missing directory");
        } catch (IOException e) {
            assertThat(JsonLinesWriter.describe(e)).isEqualTo(dir.resolve("missing") + " is not a directory");
        }
    }

    @Test
    void anExistingFileIsNotRecreated() throws IOException {
        Path file = Files.writeString(dir.resolve("kept"), "x");
        assertThat(JsonLinesWriter.createPrivate(file)).isEqualTo(file);
        assertThat(Files.readString(file)).isEqualTo("x");
    }
}
