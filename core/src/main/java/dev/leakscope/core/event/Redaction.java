package dev.leakscope.core.event;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what looks like a secret in a command line before it goes into an event: the value of any
 * {@code -D} property, {@code --flag}, {@code key=value} or {@code KEY=value} whose name mentions
 * password, passwd, token, secret or key.
 */
public final class Redaction {

    public static final String MASK = "***";

    private static final String SECRET_NAME = "[\\w.-]*(?:password|passwd|pwd|token|secret|key)[\\w.-]*";
    /** {@code name=value} or {@code name:value} (incl. {@code -Dname=value}, {@code --name=value}). */
    private static final Pattern ASSIGNED = Pattern.compile("(?i)((?:^|\\s)-{0,2}(?:D)?" + SECRET_NAME + "[=:])(\\S+)");
    /** {@code --name value}. */
    private static final Pattern FLAG_THEN_VALUE = Pattern.compile("(?i)((?:^|\\s)--?" + SECRET_NAME + "\\s+)([^-\\s]\\S*)");

    private Redaction() {
    }

    public static String commandLine(String commandLine) {
        String out = replace(ASSIGNED, commandLine);
        return replace(FLAG_THEN_VALUE, out);
    }

    private static String replace(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + MASK));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
