package dev.leakscope.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakscope.core.detect.Detectors;
import dev.leakscope.core.detect.Limits;
import dev.leakscope.core.jvm.ClassHistogram;
import dev.leakscope.core.jvm.HeapClassWatch;
import dev.leakscope.core.sample.ObservationClock;
import dev.leakscope.testkit.EventSchema;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapClassEventsTest {

    @Test
    void growingHeapClassesAreANoticeAndPartOfTheSummary() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EventStream stream = new EventStream(new JsonLinesWriter(bytes, "memory", false), 42, ObservationClock.startNow());
        HeapClassWatch.Report report = new HeapClassWatch.Report(15, List.of(
                new ClassHistogram.Growth("com.acme.Entry", 1200, 12_000_000, 5000, 50_000_000),
                new ClassHistogram.Growth("byte[]", 1200, 1_200_000, 9000, 9_000_000)), null);
        stream.heapClasses(report);
        stream.heapClasses(new HeapClassWatch.Report(0, List.of(), "GC.class_histogram failed: gone"));
        stream.summary(new RunSummary(), new Detectors(Limits.none()), true, "done", null, report);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        EventSchema.assertConforms(lines);
        ObjectMapper json = new ObjectMapper();
        JsonNode notice = json.readTree(lines.get(0));
        assertThat(notice.get("message").asText()).isEqualTo("heap_after_gc leaks; the classes that grew most over the last "
                + "15.0s: com.acme.Entry +11.4 MiB (+1200 instances), byte[] +1.14 MiB (+1200 instances)");
        assertThat(notice.get("classes").get(0).get("class").asText()).isEqualTo("com.acme.Entry");
        assertThat(json.readTree(lines.get(1)).get("level").asText()).isEqualTo("warn");
        assertThat(json.readTree(lines.get(2)).get("heap_classes").get("classes").get(1).get("bytes_delta").asLong())
                .isEqualTo(1_200_000);
    }
}
