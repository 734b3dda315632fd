package dev.leakscope.core.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakscope.core.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedRunsTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryKindOfEventOfARecordedRun() throws Exception {
        RecordedRun run = RecordedRuns.read(Fixtures.path("streams/direct-leak.jsonl"));
        assertThat(run.start().path("pid").asLong()).isEqualTo(22357);
        assertThat(run.series().get("direct_buffers").size()).isEqualTo(60);
        assertThat(run.series().get("direct_buffers").change())
                .isEqualTo(run.summary().path("signals").path("direct_buffers").path("change_bytes").asDouble());
        assertThat(run.findings()).hasSize(9);
        assertThat(run.endedEarly()).isFalse();
        assertThat(run.assessments().get("direct_buffers").path("verdict").asText()).isEqualTo("leak");
        assertThat(run.lastT()).isGreaterThan(59);
    }

    @Test
    void aRunWithoutSummaryIsAssessedByItsLatestFindings() throws Exception {
        RecordedRun run = RecordedRuns.read(Fixtures.path("streams/killed-leak.jsonl"));
        assertThat(run.endedEarly()).isTrue();
        assertThat(run.lastLineCutOff()).isFalse();
        assertThat(run.assessments().get("direct_buffers").path("verdict").asText()).isEqualTo("leak");
        assertThat(run.assessments().get("rss_file").path("verdict").asText()).isEqualTo("step");
    }

    @Test
    void aLastLineCutOffMidWriteIsLeftOutAndSaidSo() throws Exception {
        Path cut = copy("killed-leak.jsonl", "{\"schema\":\"leakscope.v1\",\"type\":\"sam");
        RecordedRun run = RecordedRuns.read(cut);
        assertThat(run.lastLineCutOff()).isTrue();
        assertThat(run.series().get("direct_buffers").size())
                .isEqualTo(RecordedRuns.read(Fixtures.path("streams/killed-leak.jsonl")).series().get("direct_buffers").size());
    }

    @Test
    void aMalformedLineBeforeTheLastIsAnErrorNamingItsLine() throws Exception {
        List<String> lines = Files.readAllLines(Fixtures.path("streams/lru-plateau.jsonl"));
        lines.set(4, "not json");
        Path broken = dir.resolve("broken.jsonl");
        Files.write(broken, lines);
        assertThatThrownBy(() -> RecordedRuns.read(broken)).isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith(broken + ":5: not JSON");
    }

    @Test
    void whatIsNotAnEventStreamIsRejected() throws Exception {
        Path csv = dir.resolve("trace.csv");
        Files.writeString(csv, "t_seconds,rss\n0,1\n");
        assertThatThrownBy(() -> RecordedRuns.read(csv)).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("(expected: one leakscope event per line)");
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n");
        assertThatThrownBy(() -> RecordedRuns.read(empty)).hasMessage(empty + ":1: no events (expected: a leakscope event stream)");
    }

    @Test
    void aSecondRunInOneFileIsAnErrorButARotationsRepeatedStartIsNot() throws Exception {
        List<String> lines = Files.readAllLines(Fixtures.path("streams/lru-plateau.jsonl"));
        List<String> rotated = new java.util.ArrayList<>(lines);
        rotated.add(10, lines.get(0));
        Path repeated = dir.resolve("rotated.jsonl");
        Files.write(repeated, rotated);
        assertThat(RecordedRuns.read(repeated).summary()).isNotNull();

        List<String> twoRuns = new java.util.ArrayList<>(lines.subList(0, 10));
        twoRuns.add(lines.get(0).replace("\"time\":\"2026", "\"time\":\"2027"));
        Path two = dir.resolve("two.jsonl");
        Files.write(two, twoRuns);
        assertThatThrownBy(() -> RecordedRuns.read(two)).hasMessageStartingWith(two + ":11: a second run starts here");
    }

    private Path copy(String fixture, String appended) throws IOException {
        Path copy = dir.resolve(fixture);
        Files.writeString(copy, Files.readString(Fixtures.path("streams/" + fixture)) + appended, StandardCharsets.UTF_8);
        return copy;
    }
}
