package dev.leakscope.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakscope.core.detect.Detectors;
import dev.leakscope.core.detect.Finding;
import dev.leakscope.core.detect.IterationGrowth;
import dev.leakscope.core.detect.SignalDetector;
import dev.leakscope.core.detect.Verdict;
import dev.leakscope.core.jvm.ClassHistogram;
import dev.leakscope.core.jvm.HeapClassWatch;
import dev.leakscope.core.mark.CleanupCheck;
import dev.leakscope.core.mark.PhaseLog;
import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.Notice;
import dev.leakscope.core.sample.ObservationClock;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.Signals;
import dev.leakscope.core.site.SiteLeak;
import dev.leakscope.core.site.SiteRates;
import dev.leakscope.core.site.Tracking;
import dev.leakscope.core.unit.Units;
import java.time.Duration;
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
        return out.write(startEvent(target, options, availability, limits, t));
    }

    /** The {@code start} event of an agent that tracks allocations: {@code modules} says which are on. */
    public boolean start(Target target, Map<String, ?> options, Availability availability, Map<String, Long> limits,
                         Tracking tracking) {
        ObjectNode e = startEvent(target, options, availability, limits, clock.t());
        ObjectNode modules = e.putObject("modules");
        tracking.modules().forEach(modules::put);
        return out.write(e);
    }

    private ObjectNode startEvent(Target target, Map<String, ?> options, Availability availability,
                                  Map<String, Long> limits, double t) {
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
        return e;
    }

    /** A {@code finding} event: a signal's verdict changed, at trace time {@code finding.t()}. */
    public boolean finding(Finding finding) {
        return finding(finding, null, false);
    }

    /**
     * A {@code finding} naming the top sites behind its signal; for a leak in a process signal, how
     * much of its rate the tracked sites explain.
     *
     * @param sites     the sites rated now, or {@code null} where no sites are tracked
     * @param estimated whether site figures are scaled up from samples
     */
    public boolean finding(Finding finding, SiteRates sites, boolean estimated) {
        return finding(finding, sites, estimated, null);
    }

    /**
     * The same, with the signal's growth per iteration where iteration markers fire.
     *
     * @param perIteration the signal's growth per iteration, or {@code null} where there is none yet
     */
    public boolean finding(Finding finding, SiteRates sites, boolean estimated, IterationGrowth.PerIteration perIteration) {
        ObjectNode e = event("finding", finding.t(), epochAt(finding.t()));
        FindingJson.fields(e, finding);
        FindingJson.perIteration(e, perIteration);
        if (sites != null) {
            e.set("sites", SiteJson.list(sites.top(finding.signal(), SiteRates.TOP_IN_FINDING), estimated));
            if (finding.verdict() == Verdict.LEAK && !finding.signal().startsWith(Signals.SITE_PREFIX)) {
                double explained = Math.min(sites.explained(finding.signal()), Math.max(0, finding.rate()));
                FindingJson.number(e, "explained_rate_bytes_per_s", explained);
                FindingJson.number(e, "unexplained_rate_bytes_per_s", finding.rate() - explained);
            }
        }
        return out.write(e);
    }

    /**
     * A {@code site_leak} event: sampled objects of one site were collected without being closed.
     *
     * @param fullStacksOption the option that samples every allocation, named in the message
     */
    public boolean siteLeak(SiteLeak leak, boolean estimated, String fullStacksOption) {
        ObjectNode e = event("site_leak", clock.t(), clock.epochMillis());
        SiteJson.identity(e, leak.site());
        e.put("count", leak.count());
        e.put("bytes", leak.bytes());
        e.put("unclosed_gc_count", leak.site().unclosedGcCount());
        e.put("estimated", estimated);
        e.put("message", leak.count() + " " + leak.site().kind() + " object(s) allocated at " + leak.site().site()
                + " were garbage-collected without close(): their native memory is lost. "
                + (estimated ? "Only sampled allocations are tracked; " + fullStacksOption
                        + " tracks every one, to find each leaking allocation." : "Every allocation is tracked."));
        SiteJson.stack(e, leak.site());
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

    /** A {@code phase} event: a labelled point, with every signal's value and its change since the previous phase. */
    public boolean phase(PhaseLog.Phase phase) {
        ObjectNode e = event("phase", phase.t(), epochAt(phase.t()));
        e.put("label", phase.label());
        e.put("since", phase.since());
        ObjectNode values = e.putObject("values");
        phase.values().forEach(values::put);
        ObjectNode delta = e.putObject("delta");
        phase.delta().forEach(delta::put);
        return out.write(e);
    }

    /** A {@code cleanup} event: a declared cleanup block ended, and whether it freed what it was expected to. */
    public boolean cleanup(CleanupCheck.Result r) {
        ObjectNode e = event("cleanup", r.t(), epochAt(r.t()));
        e.put("label", r.label());
        e.put("expected_bytes", r.expectedBytes());
        e.put("freed_bytes", r.freedBytes());
        e.put("ok", r.ok());
        ObjectNode kept = e.putObject("kept_by");
        r.keptBy().forEach(kept::put);
        e.put("page_cache_bytes", r.pageCacheBytes());
        FindingJson.number(e, "block_s", r.seconds());
        e.put("message", CleanupMessage.of(r));
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

    /**
     * The {@code summary} of an agent: with the top sites and per-kind totals when allocations are
     * tracked, and the classes whose instances grew when the heap leaked.
     *
     * @param tracking    allocation tracking, or {@code null}
     * @param heapClasses the latest heap-class report, or {@code null}
     */
    public boolean summary(RunSummary run, Detectors detectors, boolean endedNormally, String reason, Tracking tracking,
                           HeapClassWatch.Report heapClasses) {
        ObjectNode e = summaryEvent(run, detectors, endedNormally, reason, clock.t());
        if (tracking != null) {
            SiteRates rates = SiteRates.of(tracking.table(), detectors);
            e.set("sites", SiteJson.list(rates.top(null, SiteRates.TOP_IN_SUMMARY), tracking.table().estimated()));
            e.set("allocations", SiteJson.allocations(tracking));
        }
        if (heapClasses != null && heapClasses.failure() == null) {
            e.set("heap_classes", classes(heapClasses));
        }
        return out.write(e);
    }

    /**
     * A {@code notice} (signal heap_after_gc) naming the classes whose instances grew while the heap
     * leaked, with them in {@code classes}; or saying why no histogram could be taken.
     */
    public boolean heapClasses(HeapClassWatch.Report report) {
        ObjectNode e = event("notice", clock.t(), clock.epochMillis());
        if (report.failure() != null) {
            e.put("level", Notice.Level.WARN.json());
            e.put("message", "heap classes unavailable from now on: " + report.failure());
        } else {
            e.put("level", Notice.Level.INFO.json());
            e.put("message", heapClassesMessage(report));
            e.setAll(classes(report));
        }
        e.put("signal", Signals.HEAP_AFTER_GC);
        return out.write(e);
    }

    private static String heapClassesMessage(HeapClassWatch.Report report) {
        StringBuilder m = new StringBuilder("heap_after_gc leaks; the classes that grew most over the last ")
                .append(Units.formatDuration(Duration.ofMillis(Math.round(report.spanSeconds() * 1000)))).append(": ");
        if (report.classes().isEmpty()) {
            return m.append("none (the growth was collected in the histogram's own full collection)").toString();
        }
        for (int i = 0; i < Math.min(3, report.classes().size()); i++) {
            ClassHistogram.Growth g = report.classes().get(i);
            m.append(i == 0 ? "" : ", ").append(g.className()).append(" +").append(Units.formatBytes(g.bytesDelta()))
                    .append(" (+").append(g.instancesDelta()).append(" instances)");
        }
        return m.toString();
    }

    private static ObjectNode classes(HeapClassWatch.Report report) {
        ObjectNode n = JSON.objectNode();
        FindingJson.number(n, "span_s", report.spanSeconds());
        ArrayNode classes = n.putArray("classes");
        for (ClassHistogram.Growth g : report.classes()) {
            ObjectNode c = classes.addObject();
            c.put("class", g.className());
            c.put("bytes_delta", g.bytesDelta());
            c.put("instances_delta", g.instancesDelta());
            c.put("bytes", g.bytes());
            c.put("instances", g.instances());
        }
        return n;
    }

    /** The {@code summary} at trace time {@code t}: for {@code analyze}, the trace's own end. */
    public boolean summary(RunSummary run, Detectors detectors, boolean endedNormally, String reason, double t) {
        return out.write(summaryEvent(run, detectors, endedNormally, reason, t));
    }

    private ObjectNode summaryEvent(RunSummary run, Detectors detectors, boolean endedNormally, String reason, double t) {
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
        detectors.iterations().count().ifPresent(c -> {
            ObjectNode iterations = e.putObject("iterations");
            iterations.put("count", c.iterations());
            FindingJson.number(iterations, "per_second", c.perSecond());
        });
        ObjectNode signals = e.putObject("signals");
        run.signals().forEach((name, stats) -> {
            ObjectNode n = signalSummary(name, stats, detectors.bySignal().get(name));
            FindingJson.perIteration(n, detectors.iterations().of(name).orElse(null));
            signals.set(name, n);
        });
        if (!run.processes().isEmpty()) {
            ObjectNode processes = e.putObject("processes");
            run.processes().forEach((pid, stats) -> {
                ObjectNode p = processes.putObject(Integer.toString(pid));
                stats.forEach((name, s) -> p.set(name, signalSummary(name, s, null)));
            });
        }
        return e;
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
