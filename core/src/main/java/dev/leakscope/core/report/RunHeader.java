package dev.leakscope.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.leakscope.core.analyze.RecordedRun;
import dev.leakscope.core.analyze.Series;
import java.util.List;

/** The run at a glance: what ran, for how long, how it ended, and its worst finding. */
final class RunHeader {

    private RunHeader() {
    }

    static void write(StringBuilder out, RecordedRun run, List<SignalView> views) {
        out.append("<header><h1>leakscope report</h1>");
        banners(out, run);
        worst(out, run, views);
        facts(out, run);
        out.append("</header>");
    }

    private static void banners(StringBuilder out, RecordedRun run) {
        if (run.endedEarly()) {
            out.append("<p class=\"banner early\" role=\"alert\"><strong>This run ended early.</strong> The stream has no ")
                    .append("summary: the process was killed (for example by the kernel's out-of-memory killer) or is still ")
                    .append("running. Everything it wrote up to ").append(Format.at(run.lastT()))
                    .append(" is shown; each signal's verdict is its latest finding.");
            if (run.lastLineCutOff()) {
                out.append(" Its last line was cut off mid-write and is left out.");
            }
            out.append("</p>");
        } else if (!run.summary().path("ended_normally").asBoolean(true)) {
            out.append("<p class=\"banner early\" role=\"alert\"><strong>The run did not end normally:</strong> ")
                    .append(Html.escape(run.summary().path("reason").asText("no reason given"))).append(".</p>");
        }
    }

    /** The summary's worst finding; without a summary, the most severe latest finding. */
    private static void worst(StringBuilder out, RecordedRun run, List<SignalView> views) {
        JsonNode worst = run.summary() != null ? run.summary().path("worst")
                : views.stream().filter(v -> v.severity() <= 1).findFirst().map(SignalView::latestFinding)
                        .orElse(MissingNode.getInstance());
        if (!worst.isObject()) {
            out.append("<p class=\"worst\">No signal grows.</p>");
            return;
        }
        out.append("<p class=\"worst\">Worst: <strong>").append(Html.escape(worst.path("signal").asText())).append("</strong> ")
                .append(SignalSection.badge(worst.path("verdict").asText(null))).append(" ")
                .append(Html.escape(worst.path("message").asText(""))).append(" (").append(Format.at(worst.path("t").asDouble()))
                .append(")</p>");
    }

    private static void facts(StringBuilder out, RecordedRun run) {
        JsonNode target = run.start() == null ? MissingNode.getInstance() : run.start().path("target");
        JsonNode summary = run.summary() == null ? MissingNode.getInstance() : run.summary();
        out.append("<dl class=\"facts\">");
        String commandLine = target.path("command_line").asText("unknown (no start event)");
        fact(out, "command line", "<code class=\"command\">" + Html.escape(commandLine) + "</code>");
        String pid = target.path("pid").asText(run.start() == null ? Format.NONE : run.start().path("pid").asText());
        fact(out, "pid", Html.escape(pid));
        if (target.has("jvm_version")) {
            fact(out, "JVM", Html.escape(target.path("jvm_version").asText()));
        }
        if (run.start() != null) {
            fact(out, "started", Html.escape(run.start().path("time").asText()));
        }
        fact(out, "run length", Format.duration(summary.path("run_seconds").asDouble(run.lastT())));
        fact(out, "samples", Long.toString(summary.path("samples").asLong(mostSamples(run))));
        fact(out, "ended", run.endedEarly() ? "early, without a summary"
                : Html.escape((summary.path("ended_normally").asBoolean(true) ? "normally: " : "abnormally: ")
                        + summary.path("reason").asText("no reason given")));
        fact(out, "stream", "<code>" + Html.escape(run.source()) + "</code>");
        out.append("</dl>");
    }

    private static long mostSamples(RecordedRun run) {
        return run.series().values().stream().mapToLong(Series::size).max().orElse(0);
    }

    private static void fact(StringBuilder out, String name, String html) {
        out.append("<dt>").append(name).append("</dt><dd>").append(html).append("</dd>");
    }
}
