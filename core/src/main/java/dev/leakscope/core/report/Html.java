package dev.leakscope.core.report;

/**
 * Escaping for text that comes from the stream: command lines, stack frames, messages and labels
 * are the user's data and must never become markup or script.
 */
final class Html {

    private Html() {
    }

    /** Safe both as element text and inside a double- or single-quoted attribute. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
