package dev.leakscope.core.report;

import com.fasterxml.jackson.databind.JsonNode;

/** An allocation stack, folded: the frame count shows, the frames open on a click (no script needed). */
final class Stacks {

    private Stacks() {
    }

    /** {@code note} (may be empty) is shown above the frames, e.g. the detector's message. */
    static String details(JsonNode stack, String note) {
        if (!stack.isArray() || stack.isEmpty()) {
            return note.isEmpty() ? Format.NONE : "<p class=\"note\">" + Html.escape(note) + "</p>";
        }
        StringBuilder out = new StringBuilder("<details><summary>").append(stack.size()).append(" frame")
                .append(stack.size() == 1 ? "" : "s").append("</summary>");
        if (!note.isEmpty()) {
            out.append("<p class=\"note\">").append(Html.escape(note)).append("</p>");
        }
        out.append("<ol class=\"stack\">");
        stack.forEach(frame -> out.append("<li>").append(Html.escape(frame.asText())).append("</li>"));
        return out.append("</ol></details>").toString();
    }
}
