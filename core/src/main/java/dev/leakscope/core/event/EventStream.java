package dev.leakscope.core.event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.Notice;
import dev.leakscope.core.sample.ObservationClock;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.Signals;
import java.time.Instant;
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

    /** The {@code start} event: what is observed, with which options, and which signals exist. */
    public boolean start(Target target, Map<String, ?> options, Availability availability) {
        ObjectNode e = event("start", clock.t(), clock.epochMillis());
        ObjectNode t = e.putObject("target");
        t.put("pid", target.pid());
        t.put("command_line", target.commandLine());
        if (target.jvmVersion() != null) {
            t.put("jvm_version", target.jvmVersion());
        }
        t.put("tree", target.tree());
        e.set("options", JsonLinesWriter.mapper().valueToTree(options));
        availability.available().forEach(e.putArray("signals")::add);
        ObjectNode unavailable = e.putObject("unavailable");
        availability.unavailable().forEach(unavailable::put);
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
    public boolean summary(RunSummary run, boolean endedNormally, String reason) {
        double t = clock.t();
        ObjectNode e = event("summary", t, clock.epochMillis());
        e.put("ended_normally", endedNormally);
        e.put("reason", reason);
        e.put("run_seconds", t);
        e.put("samples", run.samples());
        ObjectNode signals = e.putObject("signals");
        run.signals().forEach((name, stats) -> signals.set(name, signalSummary(name, stats)));
        return out.write(e);
    }

    private static ObjectNode signalSummary(String signal, SignalStats s) {
        String unit = Signals.isCount(signal) ? "_count" : "_bytes";
        ObjectNode n = JSON.objectNode();
        n.put("current" + unit, s.last());
        n.put("start" + unit, s.first());
        n.put("min" + unit, s.min());
        n.put("max" + unit, s.max());
        n.put("change" + unit, s.change());
        n.put("samples", s.count());
        return n;
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
