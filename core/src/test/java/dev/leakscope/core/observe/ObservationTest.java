package dev.leakscope.core.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakscope.core.detect.Limits;
import dev.leakscope.core.event.EventStream;
import dev.leakscope.core.event.JsonLinesWriter;
import dev.leakscope.core.event.Target;
import dev.leakscope.core.sample.ObservationClock;
import dev.leakscope.core.source.ProcessSet;
import dev.leakscope.core.source.Sources;
import dev.leakscope.testkit.EventSchema;
import dev.leakscope.testkit.JavaProcess;
import dev.leakscope.workload.AnonGrower;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservationTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void watchesAProcessUntilItExitsAndEndsWithASummary() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> status = new ArrayList<>();
        try (JavaProcess child = JavaProcess.start(AnonGrower.class, List.of("-Xint", "-Xmx32m", "-XX:+UseSerialGC", "-XX:MaxDirectMemorySize=1g"))) {
            child.expect("READY", Duration.ofSeconds(30));
            ProcessSet set = ProcessSet.single((int) child.pid());
            ObservationClock clock = ObservationClock.startNow();
            EventStream stream = new EventStream(new JsonLinesWriter(bytes, "memory", false), child.pid(), clock);
            var settings = Sources.Settings.smapsEvery(Duration.ofMillis(200));
            Observation run = new Observation(new Observation.Config(Target.of(child.pid(), "java AnonGrower", null, false),
                    Sources.external(set, settings), false, Duration.ofMillis(50), 1, Map.of("interval", "50ms"),
                    Limits.none()),
                    stream, clock, status::add, e -> { throw new AssertionError(e); });
            run.start();
            Thread.sleep(300);
            child.send("GROW " + (64L << 20));
            child.expect("GROWN", Duration.ofSeconds(30));
            Thread.sleep(300);
            child.send("EXIT");
            assertThat(run.awaitEnd(Duration.ofSeconds(10))).isTrue();
            assertThat(run.endReason()).isEqualTo("process " + child.pid() + " has exited");
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        EventSchema.assertConforms(lines);
        List<JsonNode> events = new ArrayList<>();
        for (String l : lines) {
            events.add(json.readTree(l));
        }
        assertThat(events.get(0).get("type").asText()).isEqualTo("start");
        assertThat(events.get(0).get("unavailable").get("heap_used").asText()).contains("use the agent");
        assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("summary");
        assertThat(events).filteredOn(e -> e.get("type").asText().equals("sample")).hasSizeGreaterThan(8);
        JsonNode anon = events.get(events.size() - 1).get("signals").get("rss_anon");
        assertThat(anon.get("max_bytes").asLong() - anon.get("start_bytes").asLong()).isGreaterThan(60L << 20);
        assertThat(events.get(events.size() - 1).get("ended_normally").asBoolean()).isTrue();
        assertThat(status).isNotEmpty().last().asString().contains("rss_anon").contains("(+");
    }
}
