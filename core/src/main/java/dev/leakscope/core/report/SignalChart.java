package dev.leakscope.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One signal's chart: its samples (downsampled to the plot's pixel columns), the verdict bands
 * behind them, the latest finding's fitted slope and its projection to the limit, the limit
 * itself when it is near enough to be seen, and a marker line per phase.
 */
final class SignalChart {

    /** The limit line is drawn when the limit is at most this many times the highest value drawn. */
    private static final double LIMIT_IN_VIEW = 1.5;
    /** Beyond this many phases their labels would overlap; the lines keep their labels as tooltips. */
    private static final int MAX_PHASE_LABELS = 20;

    private final SignalView view;
    private final Points points;
    private final Optional<Segment> slope;
    private final Optional<Segment> projection;
    private final Frame frame;

    SignalChart(SignalView view, double t0, double t1) {
        this.view = view;
        this.points = MinMaxColumns.of(view.series(), t0, t1, Frame.columns());
        this.slope = Segment.fittedSlope(view.latestFinding(), t0);
        this.projection = Segment.projection(view.latestFinding(), view.limit(), t1);
        this.frame = frameHolding(t0, t1);
    }

    private Frame frameHolding(double t0, double t1) {
        List<Segment> segments = new ArrayList<>();
        slope.ifPresent(segments::add);
        projection.ifPresent(segments::add);
        double min = points.min();
        double max = points.max();
        for (Segment s : segments) {
            min = Math.min(min, Math.min(s.v0(), s.v1()));
            max = Math.max(max, Math.max(s.v0(), s.v1()));
        }
        if (view.limit() != null && view.limit() <= max * LIMIT_IN_VIEW) {
            max = Math.max(max, view.limit());
        }
        return Frame.of(t0, t1, min, max, view.count());
    }

    /** The chart's SVG element. */
    void write(StringBuilder out, List<JsonNode> phases) {
        Svg svg = new Svg(out);
        svg.raw("<svg class=\"chart\" viewBox=\"0 0 ").num(Frame.WIDTH).raw(" ").num(Frame.HEIGHT)
                .raw("\" role=\"img\" ").raw(frame.scaleAttributes())
                .raw(" aria-label=\"").text(view.signal() + " over time").raw("\">");
        bands(svg);
        frame.axes(svg);
        phases(svg, phases);
        limit(svg);
        svg.path("class=\"series\" data-signal=\"" + Html.escape(view.signal()) + "\"", points, frame);
        JsonNode latest = view.latestFinding();
        slope.ifPresent(s -> segment(svg, "slope", s, "fitted rate " + Format.rate(latest.path("rate_bytes_per_s"), view.count())
                + " over " + Format.duration(latest.path("window_s"))));
        projection.ifPresent(s -> projection(svg, s));
        // moved by the page's script to the column under the pointer
        svg.line("cursor", Frame.LEFT, Frame.TOP, Frame.LEFT, Frame.BOTTOM, null);
        svg.raw("</svg>");
    }

    private void bands(Svg svg) {
        for (VerdictBand band : VerdictBand.of(view.findings(), frame.t1)) {
            double x0 = Math.max(Frame.LEFT, frame.x(band.from()));
            double x1 = Math.min(Frame.RIGHT, frame.x(band.to()));
            svg.rect("band " + VerdictBand.cssClass(band.verdict()), x0, Frame.TOP, Math.max(0, x1 - x0), Frame.BOTTOM - Frame.TOP,
                    band.verdict() + " from " + Format.at(band.from()));
        }
    }

    private void phases(Svg svg, List<JsonNode> phases) {
        for (JsonNode phase : phases) {
            double t = phase.path("t").asDouble(Double.NaN);
            if (!(t >= frame.t0 && t <= frame.t1)) {
                continue;
            }
            String label = phase.path("label").asText("phase");
            double x = frame.x(t);
            svg.line("phase", x, Frame.TOP, x, Frame.BOTTOM, label + " at " + Format.at(t));
            if (phases.size() <= MAX_PHASE_LABELS) {
                svg.label("phase-label", x + 3, Frame.TOP + 10, "start", label);
            }
        }
    }

    private void limit(Svg svg) {
        if (view.limit() == null || !frame.holds(view.limit())) {
            return;
        }
        double y = frame.y(view.limit());
        // above the line, unless the limit is the top of the plot: then below it, inside
        double labelY = y - 16 < Frame.TOP ? y + 13 : y - 4;
        svg.line("limit", Frame.LEFT, y, Frame.RIGHT, y, "limit " + view.limitText())
                .label("limit-label", Frame.RIGHT - 4, labelY, "end", "limit " + view.limitText());
    }

    /** The projection, with where it meets the limit: beyond the chart's edge more often than not. */
    private void projection(Svg svg, Segment s) {
        JsonNode finding = view.latestFinding();
        String reached = "limit at " + Format.at(finding.path("t").asDouble() + finding.path("time_to_limit_s").asDouble());
        segment(svg, "projection", s, "projected to reach the " + reached);
        svg.label("projection-label", frame.x(s.t1()) - 4, frame.y(s.v1()) + 14, "end", reached);
    }

    private void segment(Svg svg, String cssClass, Segment s, String title) {
        svg.line(cssClass, frame.x(s.t0()), frame.y(s.v0()), frame.x(s.t1()), frame.y(s.v1()), title);
    }
}
