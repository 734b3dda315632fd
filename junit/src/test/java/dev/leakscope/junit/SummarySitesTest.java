package dev.leakscope.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummarySitesTest {

    private static final String START = "{\"schema\":\"leakscope.v1\",\"type\":\"start\",\"pid\":1}";
    private static final String SUMMARY = "{\"schema\":\"leakscope.v1\",\"type\":\"summary\",\"pid\":1,\"sites\":["
            + "{\"id\":\"site:direct_buffer:a.B.c(B.java:7)\",\"site\":\"a.B.c(B.java:7)\",\"live_bytes\":131072,"
            + "\"live_count\":2,\"stack\":[\"java.nio.DirectByteBuffer.<init>(DirectByteBuffer.java:150)\","
            + "\"java.nio.ByteBuffer.allocateDirect(ByteBuffer.java:332)\",\"a.B.c(B.java:7)\",\"a.B.main(B.java:3)\"]},"
            + "{\"id\":\"site:unsafe:a.B.d(B.java:9)\",\"site\":\"a.B.d(B.java:9)\",\"live_bytes\":0,\"live_count\":0,"
            + "\"stack\":[\"a.B.d(B.java:9)\"]}]}";

    @TempDir
    Path dir;

    @Test
    void liveSitesComeWithTheirFramesUpToTheSite() throws IOException {
        Path stream = Files.write(dir.resolve("agent.jsonl"), List.of(START, SUMMARY));

        assertThat(SummarySites.read(stream)).containsExactly(new TopSite("site:direct_buffer:a.B.c(B.java:7)", 131072, 2,
                List.of("java.nio.DirectByteBuffer.<init>(DirectByteBuffer.java:150)",
                        "java.nio.ByteBuffer.allocateDirect(ByteBuffer.java:332)", "a.B.c(B.java:7)")));
    }

    @Test
    void aStreamWithoutSummaryIsNamed() throws IOException {
        Path stream = Files.write(dir.resolve("agent.jsonl"), List.of(START));

        assertThatThrownBy(() -> SummarySites.read(stream)).hasMessage(stream
                + " has no summary event (expected: the agent writes one when it stops)");
    }
}
