package dev.leakscope.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What the run told its user along the way: sources lost, back-offs, processes joining a tree. */
final class NoticeSection {

    /** A day of a busy process tree can announce thousands of processes; the first ones tell the story. */
    private static final int MAX_ROWS = 200;

    private NoticeSection() {
    }

    static void write(StringBuilder out, List<JsonNode> notices) {
        if (notices.isEmpty()) {
            return;
        }
        out.append("<section id=\"notices\"><h2>Notices</h2><table class=\"notices\"><thead><tr><th>at</th><th>level</th>")
                .append("<th>message</th></tr></thead><tbody>");
        for (JsonNode notice : notices.subList(0, Math.min(MAX_ROWS, notices.size()))) {
            String level = notice.path("level").asText("info");
            out.append("<tr class=\"level-").append(level.equals("warn") || level.equals("error") ? level : "info")
                    .append("\"><td>").append(Format.at(notice.path("t").asDouble())).append("</td><td>")
                    .append(Html.escape(level)).append("</td><td>").append(Html.escape(notice.path("message").asText()))
                    .append("</td></tr>");
        }
        out.append("</tbody></table>");
        if (notices.size() > MAX_ROWS) {
            out.append("<p>… and ").append(notices.size() - MAX_ROWS).append(" more in the stream.</p>");
        }
        out.append("</section>");
    }
}
