package dev.leakscope.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.leakscope.core.analyze.RecordedRun;
import java.util.List;

/** The top allocation sites: the summary's, or the latest finding's when the run ended early. */
final class SiteSection {

    private SiteSection() {
    }

    static void write(StringBuilder out, RecordedRun run) {
        out.append("<section id=\"sites\"><h2>Top allocation sites</h2>");
        JsonNode sites = topSites(run);
        if (!sites.isArray() || sites.isEmpty()) {
            out.append("<p>No allocation sites in this stream: sites are tracked by the agent inside a JVM, for the kinds ")
                    .append("its modules instrument (docs/sites.md).</p></section>");
            return;
        }
        out.append("<p>").append(run.summary() != null ? "From the summary" : "From the latest finding that names sites")
                .append(", fastest growing first.</p><table class=\"sites\"><thead><tr><th>site</th><th>kind</th>")
                .append("<th>growth rate</th><th>live bytes</th><th>live objects</th><th>collected unclosed</th><th>stack</th>")
                .append("</tr></thead><tbody>");
        sites.forEach(site -> row(out, site));
        out.append("</tbody></table></section>");
    }

    private static JsonNode topSites(RecordedRun run) {
        if (run.summary() != null) {
            return run.summary().path("sites");
        }
        List<JsonNode> findings = run.findings();
        for (int i = findings.size() - 1; i >= 0; i--) {
            JsonNode sites = findings.get(i).path("sites");
            if (sites.isArray() && !sites.isEmpty()) {
                return sites;
            }
        }
        return MissingNode.getInstance();
    }

    private static void row(StringBuilder out, JsonNode site) {
        out.append("<tr><td class=\"site\" title=\"").append(Html.escape(site.path("id").asText())).append("\">")
                .append(Html.escape(site.path("site").asText(site.path("id").asText()))).append("</td><td>")
                .append(Html.escape(site.path("kind").asText())).append("</td><td>")
                .append(Format.rate(site.path("rate_bytes_per_s"), false)).append("</td><td>")
                .append(Format.amount(site.path("live_bytes"), false)).append("</td><td>")
                .append(Format.amount(site.path("live_count"), true)).append("</td><td>")
                .append(Format.amount(site.path("unclosed_gc_count"), true)).append("</td><td>")
                .append(Stacks.details(site.path("stack"), "")).append("</td></tr>");
    }
}
