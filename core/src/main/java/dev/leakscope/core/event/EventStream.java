package dev.leakscope.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakscope.core.detect.Detectors;
import dev.leakscope.core.detect.Finding;
import dev.leakscope.core.detect.SignalDetector;
import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.Notice;
import dev.leakscope.core.sample.ObservationClock;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.Signals;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Builds the events of the {@code leakscope.v1} contract (docs/events.md) and writes them as JSON
 * Lines. Every event carries {@code schema}, {@code type}, {@code time} (ISO-8601 UTC), {@code t}
 * (seconds since observation start) and {@code pid}. Thread-safe; never throws on a failed write
 * (see {@link JsonLinesWriter#failure()}).
 */
public final class EventStream {

    public static final String SCHEMA = "leakscope.v1";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final JsonLinesWriter out;
    private final long pid;
    private final ObservationClock clock;

    public EventStream(JsonLinesWriter out, long pid, ObservationClock clock) {
        this.out = out;
        this.pid = pid;
        this.clock = clock;
    }

    public JsonLinesWriter writer() {
        return out;
    }

    /**
     * The {@code start} event: what is observed, with which options, which signals exist, and the
     * limits the detector measures time to ({@code analyze} reads them back).
     */
    public boolean start(Target target, Map<String, ?> options, Availability availability, Map<String, Long> limits) {
        return start(target, options, availability, limits, clock.t());
    }

    /** The {@code start} event at trace time {@code t}: for {@code analyze}, the trace's first sample. */
    public boolean start(Target target, Map<String, ?> options, Availability availability, Map<String, Long> limits,
                         double t) {
        ObjectNode e = event("start", t, epochAt(t));
        ObjectNode targetNode = e.putObject("target");
        targetNode.put("pid", target.pid());
        targetNode.put("command_line", target.commandLine());
        if (target.jvmVersion() != null) {
            targetNode.put("jvm_version", target.jvmVersion());
        }
        targetNode.put("tree", target.tree());
        e.set("options", tree(options));
        availability.available().forEach(e.putArray("signals")::add);
        ObjectNode unavailable = e.putObject("unavailable");
        availability.unavailable().forEach(unavailable::put);
        ObjectNode limitNode = e.putObject("limits");
        limits.forEach(limitNode::put);
        return out.write(e);
    }

    /** A {@code finding} event: a signal's verdict changed, at trace time {@code finding.t()}. */
    public boolean finding(Finding finding) {
        ObjectNode e = event("finding", finding.t(), epochAt(finding.t()));
        FindingJson.fields(e, finding);
        return out.write(e);
    }

    /** A {@code sample} event: the values read in one tick, and per process for a tree. */
    public boolean sample(Sample sample) {
        ObjectNode e = event("sample", sample.t(), sample.epochMillis());
        ObjectNode values = e.putObject("values");
        sample.values().forEach(values::put);
        if (!sample.processes().isEmpty()) {
            ObjectNode processes = e.putObject("processes");
            sample.processes().forEach((p, v) -> {
                ObjectNode pv = processes.putObject(Integer.toString(p));
                v.forEach(pv::put);
            });
        }
        return out.write(e);
    }

    /** A {@code notice} event. */
    public boolean notice(Notice notice) {
        ObjectNode e = event("notice", clock.t(), clock.epochMillis());
        e.put("level", notice.level().json());
        e.put("message", notice.message());
        if (notice.signal() != null) {
            e.put("signal", notice.signal());
        }
        return out.write(e);
    }

    /**
     * The {@code summary} event that ends a stream.
     *
     * @param endedNormally false when observation was cut short by a failure of leakscope itself
     * @param reason        why it ended: "duration reached", "process 42 has exited", ...
     */
    public boolean summary(RunSummary run, Detectors detectors, boolean endedNormally, String reason) {
        return summary(run, detectors, endedNormally, reason, clock.t());
    }

    /** The {@code summary} at trace time {@code t}: for {@code analyze}, the trace's own end. */
    public boolean summary(RunSummary run, Detectors detectors, boolean endedNormally, String reason, double t) {
        ObjectNode e = event("summary", t, epochAt(t));
        e.put("ended_normally", endedNormally);
        e.put("reason", reason);
        e.put("run_seconds", Math.max(0, t - run.firstT()));
        e.put("samples", run.samples());
        Finding worst = detectors.worst();
        if (worst == null) {
            e.putNull("worst");
        } else {
            e.set("worst", FindingJson.of(worst));
        }
        ObjectNode signals = e.putObject("signals");
        run.signals().forEach((name, stats) -> signals.set(name, signalSummary(name, stats, detectors.bySignal().get(name))));
        if (!run.processes().isEmpty()) {
            ObjectNode processes = e.putObject("processes");
            run.processes().forEach((pid, stats) -> {
                ObjectNode p = processes.putObject(Integer.toString(pid));
                stats.forEach((name, s) -> p.set(name, signalSummary(name, s, null)));
            });
        }
        return out.write(e);
    }

    private static ObjectNode signalSummary(String signal, SignalStats s, SignalDetector detector) {
        String unit = Signals.isCount(signal) ? "_count" : "_bytes";
        ObjectNode n = JSON.objectNode();
        if (detector != null) {
            n.put("verdict", detector.verdict().json());
            Finding latest = detector.latest();
            FindingJson.number(n, "rate_bytes_per_s", latest == null ? Double.NaN : latest.rate());
            FindingJson.number(n, "rate_low", latest == null ? Double.NaN : latest.low());
            FindingJson.number(n, "rate_high", latest == null ? Double.NaN : latest.high());
            if (detector.limit() != null) {
                n.put("limit_bytes", detector.limit());
            }
        }
        n.put("current" + unit, s.last());
        n.put("start" + unit, s.first());
        n.put("min" + unit, s.min());
        n.put("max" + unit, s.max());
        n.put("change" + unit, s.change());
        n.put("samples", s.count());
        return n;
    }

    /** The options as written: strings, numbers, booleans, and maps or lists of them. */
    private static JsonNode tree(Object value) {
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = JSON.objectNode();
            map.forEach((k, v) -> node.set(String.valueOf(k), tree(v)));
            return node;
        }
        if (value instanceof Collection<?> list) {
            ArrayNode node = JSON.arrayNode();
            list.forEach(v -> node.add(tree(v)));
            return node;
        }
        if (value instanceof Long || value instanceof Integer) {
            return JSON.numberNode(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return JSON.numberNode(n.doubleValue());
        }
        if (value instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        return value == null ? JSON.nullNode() : JSON.textNode(value.toString());
    }

    /** Wall-clock time of trace time {@code t}: the observation's start plus {@code t}. */
    private long epochAt(double t) {
        return clock.epochMillisAt(t);
    }

    private ObjectNode event(String type, double t, long epochMillis) {
        ObjectNode e = JSON.objectNode();
        e.put("schema", SCHEMA);
        e.put("type", type);
        e.put("time", Instant.ofEpochMilli(epochMillis).toString());
        e.put("t", t);
        e.put("pid", pid);
        return e;
    }
}
