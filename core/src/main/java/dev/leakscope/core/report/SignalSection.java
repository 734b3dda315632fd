package dev.leakscope.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The signals: an overview table, one row per signal, then a chart per signal in the same order. */
final class SignalSection {

    private static final String LEGEND = "<p class=\"legend\">Bands: the verdict in force from each finding to the next: "
            + badge("leak") + " " + badge("growth_suspected") + " " + badge("plateau") + " " + badge("sawtooth") + " "
            + badge("step") + " " + badge("stable") + ". Lines: <span class=\"key series\"></span> the samples (the lowest "
            + "and highest of each pixel column) <span class=\"key slope\"></span> the latest finding's fitted rate "
            + "<span class=\"key projection\"></span> its projection to the limit <span class=\"key limit\"></span> the limit "
            + "<span class=\"key phase\"></span> a phase.</p>";

    private SignalSection() {
    }

    static void write(StringBuilder out, List<SignalView> views, double t0, double t1, List<JsonNode> phases) {
        out.append("<section id=\"signals\"><h2>Signals</h2>");
        if (views.isEmpty()) {
            out.append("<p>The stream holds no samples (<code>analyze</code> writes none: report the recorded stream ")
                    .append("itself).</p></section>");
            return;
        }
        overview(out, views);
        out.append(LEGEND);
        for (int i = 0; i < views.size(); i++) {
            figure(out, views.get(i), i, t0, t1, phases);
        }
        out.append("</section>");
    }

    private static void overview(StringBuilder out, List<SignalView> views) {
        out.append("<table class=\"overview\"><thead><tr><th>signal</th><th>verdict</th><th>rate</th><th>95% interval</th>")
                .append("<th>now</th><th>limit</th><th>time to limit</th></tr></thead><tbody>");
        for (int i = 0; i < views.size(); i++) {
            SignalView view = views.get(i);
            out.append("<tr><td><a href=\"#chart-").append(i).append("\">").append(Html.escape(view.signal()))
                    .append("</a></td><td>").append(badge(view.verdict()));
            for (String cell : List.of(view.rateText(), view.intervalText(), view.currentText(), view.limitText(),
                    view.timeToLimitText())) {
                out.append("</td><td>").append(cell);
            }
            out.append("</td></tr>");
        }
        out.append("</tbody></table>");
    }

    private static void figure(StringBuilder out, SignalView view, int index, double t0, double t1, List<JsonNode> phases) {
        out.append("<figure class=\"signal\" id=\"chart-").append(index).append("\"><figcaption><h3>")
                .append(Html.escape(view.signal())).append(' ').append(badge(view.verdict())).append("</h3>")
                .append("<p class=\"facts\">rate ").append(view.rateText()).append(" (95% interval: ").append(view.intervalText())
                .append(") · now ").append(view.currentText()).append(" · limit ").append(view.limitText())
                .append(" · time to limit ").append(view.timeToLimitText()).append("</p>");
        JsonNode latest = view.latestFinding();
        if (latest.has("message")) {
            out.append("<p class=\"message\">").append(Format.at(latest.path("t").asDouble())).append(": ")
                    .append(Html.escape(latest.path("message").asText())).append("</p>");
        }
        out.append("</figcaption>");
        new SignalChart(view, t0, t1).write(out, phases);
        out.append("</figure>");
    }

    /** A verdict as a coloured label; {@code null} reads "not assessed". */
    static String badge(String verdict) {
        if (verdict == null) {
            return "<span class=\"verdict v-none\">not assessed</span>";
        }
        return "<span class=\"verdict " + VerdictBand.cssClass(verdict) + "\">" + Html.escape(verdict) + "</span>";
    }
}
