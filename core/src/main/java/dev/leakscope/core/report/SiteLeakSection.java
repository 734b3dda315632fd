package dev.leakscope.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakscope.core.analyze.RecordedRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Objects collected without {@code close()}, one row per site: a day-long run reports a leaking
 * site once a minute, so its reports are added up rather than listed.
 */
final class SiteLeakSection {

    /** One site's reports, added up. */
    private static final class Row {
        final JsonNode first;
        JsonNode latest;
        int reports;
        double count;
        double bytes;

        Row(JsonNode first) {
            this.first = first;
        }

        void add(JsonNode leak) {
            latest = leak;
            reports++;
            count += leak.path("count").asDouble();
            bytes += leak.path("bytes").asDouble();
        }
    }

    private SiteLeakSection() {
    }

    static void write(StringBuilder out, RecordedRun run) {
        out.append("<section id=\"site-leaks\"><h2>Site leaks</h2>");
        if (run.siteLeaks().isEmpty()) {
            out.append("<p>No tracked object was garbage-collected without <code>close()</code>.</p></section>");
            return;
        }
        out.append("<p>Tracked objects garbage-collected without <code>close()</code>: their native memory is lost.</p>")
                .append("<table class=\"site-leaks\"><thead><tr><th>site</th><th>kind</th><th>objects</th><th>bytes</th>")
                .append("<th>reports</th><th>first</th><th>latest</th><th>stack</th></tr></thead><tbody>");
        bySite(run.siteLeaks()).values().forEach(row -> row(out, row));
        out.append("</tbody></table></section>");
    }

    private static Map<String, Row> bySite(List<JsonNode> leaks) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (JsonNode leak : leaks) {
            String key = leak.path("id").asText(leak.path("site").asText());
            rows.computeIfAbsent(key, k -> new Row(leak)).add(leak);
        }
        return rows;
    }

    private static void row(StringBuilder out, Row row) {
        out.append("<tr><td class=\"site\" title=\"").append(Html.escape(row.first.path("id").asText())).append("\">")
                .append(Html.escape(row.first.path("site").asText())).append("</td><td>")
                .append(Html.escape(row.first.path("kind").asText())).append("</td><td>")
                .append(Format.amount(row.count, true)).append("</td><td>").append(Format.amount(row.bytes, false))
                .append("</td><td>").append(row.reports).append("</td><td>").append(Format.at(row.first.path("t").asDouble()))
                .append("</td><td>").append(Format.at(row.latest.path("t").asDouble())).append("</td><td>")
                .append(Stacks.details(row.latest.path("stack"), row.latest.path("message").asText(""))).append("</td></tr>");
    }
}
