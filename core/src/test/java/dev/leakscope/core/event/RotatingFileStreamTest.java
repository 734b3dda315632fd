package dev.leakscope.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakscope.core.sample.Notice;
import dev.leakscope.core.sample.ObservationClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingFileStreamTest {

    @TempDir
    Path dir;

    @Test
    void aCappedStreamRotatesBetweenLinesAndKeepsABoundedNumberOfFiles() throws IOException {
        Path file = dir.resolve("agent.jsonl");
        try (JsonLinesWriter w = JsonLinesWriter.toFile(file, 1000, 2)) {
            EventStream stream = new EventStream(w, 1, ObservationClock.startNow());
            stream.notice(Notice.info("first"));
            for (int i = 0; i < 100; i++) {
                stream.notice(Notice.info("line " + i));
            }
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).sorted().toList())
                .containsExactly("agent.jsonl", "agent.jsonl.1", "agent.jsonl.2");
        for (Path p : List.of(file, dir.resolve("agent.jsonl.1"), dir.resolve("agent.jsonl.2"))) {
            assertThat(Files.size(p)).isLessThan(1000 + 200);
            assertThat(Files.readAllLines(p).get(0)).as("every file begins with the stream's first line").contains("\"first\"");
            assertThat(Files.readAllLines(p)).allSatisfy(l -> assertThat(l).startsWith("{\"schema\"").endsWith("}"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-------");
        }
        assertThat(Files.readAllLines(file).get(Files.readAllLines(file).size() - 1)).contains("line 99");
    }

    @Test
    void anEarlierStreamIsKeptNotOverwritten() throws IOException {
        Path file = dir.resolve("agent.jsonl");
        Files.writeString(file, "{\"earlier\":true}\n");
        try (JsonLinesWriter w = JsonLinesWriter.toFile(file, 1 << 20, 2)) {
            new EventStream(w, 1, ObservationClock.startNow()).notice(Notice.info("now"));
        }
        assertThat(Files.readString(dir.resolve("agent.jsonl.1"))).isEqualTo("{\"earlier\":true}\n");
        assertThat(Files.readString(file)).contains("\"now\"");
    }
}
