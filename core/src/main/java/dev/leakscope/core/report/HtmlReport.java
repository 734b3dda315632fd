package dev.leakscope.core.report;

import dev.leakscope.core.analyze.RecordedRun;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code leakscope report}: a recorded run as one self-contained HTML page. Charts are SVG drawn
 * here, not by a script, so the page reads the same with scripts off, loads nothing from the
 * network (its Content-Security-Policy forbids it) and stays light for a day-long stream: each
 * chart holds at most two points per pixel column.
 */
public final class HtmlReport {

    private static final Template PAGE = Template.load("report.html");

    private HtmlReport() {
    }

    /** Writes the report of {@code run} to {@code out}. */
    public static void write(RecordedRun run, Appendable out) throws IOException {
        List<SignalView> views = SignalViews.of(run);
        StringBuilder body = new StringBuilder(64 * 1024);
        RunHeader.write(body, run, views);
        SignalSection.write(body, views, firstT(run), run.lastT(), run.phases());
        SiteSection.write(body, run);
        SiteLeakSection.write(body, run);
        NoticeSection.write(body, run.notices());
        PAGE.render(Map.of("title", Html.escape("leakscope report: " + run.source()), "body", body.toString()), out);
    }

    /** The charts' shared left edge: the earliest sample, 0 when there is none. */
    private static double firstT(RecordedRun run) {
        return run.series().values().stream().filter(s -> s.size() > 0).mapToDouble(s -> s.t(0)).min().orElse(0);
    }
}
