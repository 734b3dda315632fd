package dev.leakscope.agent.options;

import dev.leakscope.core.unit.Units;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A marker on a method, from the options (docs/phases.md): {@code iteration=CLASS#METHOD} counts an
 * iteration each time the method returns; {@code phase=CLASS#METHOD[:LABEL]} writes a phase when it
 * returns; {@code cleanup=CLASS#METHOD:SIZE[:LABEL]} checks that each call frees about SIZE.
 *
 * @param label         the phase or cleanup label (the method's name by default); {@code null} for iterations
 * @param expectedBytes what a cleanup should free; 0 for the others
 */
public record MethodMarker(Kind kind, String className, String methodName, String label, long expectedBytes) {

    /** The three kinds, each the option key that declares it. */
    public enum Kind {
        ITERATION("CLASS#METHOD", "com.acme.Trainer#trainStep"),
        PHASE("CLASS#METHOD[:LABEL]", "com.acme.Vlm#load:\"VLM load\""),
        CLEANUP("CLASS#METHOD:SIZE[:LABEL]", "com.acme.Vlm#unload:14GB:VLM");

        private final String form;
        private final String example;

        Kind(String form, String example) {
            this.form = form;
            this.example = example;
        }

        /** The option key: {@code iteration}, {@code phase} or {@code cleanup}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern TARGET = Pattern.compile(
            "((?:[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*\\.)*[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}$]*)"
                    + "#([\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)(?::(.*))?");

    /** Parses one value of the {@code kind.key()} option. */
    public static MethodMarker parse(Kind kind, String value) {
        Matcher m = TARGET.matcher(value.trim());
        if (!m.matches()) {
            throw bad(kind, value, "");
        }
        String rest = m.group(3);
        switch (kind) {
            case ITERATION:
                if (rest != null) {
                    throw bad(kind, value, "an iteration takes no label; ");
                }
                return new MethodMarker(kind, m.group(1), m.group(2), null, 0);
            case PHASE:
                return new MethodMarker(kind, m.group(1), m.group(2), label(rest, m.group(2)), 0);
            default:
                return cleanup(value, m, rest);
        }
    }

    private static MethodMarker cleanup(String value, Matcher m, String rest) {
        if (rest == null || rest.isBlank()) {
            throw bad(Kind.CLEANUP, value, "no SIZE; ");
        }
        String[] sizeAndLabel = rest.split(":", 2);
        long bytes;
        try {
            bytes = Units.parseSize(sizeAndLabel[0].trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cleanup=" + value + ": " + e.getMessage());
        }
        return new MethodMarker(Kind.CLEANUP, m.group(1), m.group(2),
                label(sizeAndLabel.length > 1 ? sizeAndLabel[1] : null, m.group(2)), bytes);
    }

    /** The label as written, without the quotes that keep its spaces in a shell; the method's name when none. */
    private static String label(String written, String method) {
        if (written == null || written.isBlank()) {
            return method;
        }
        String l = written.trim();
        if (l.length() >= 2 && l.startsWith("\"") && l.endsWith("\"")) {
            l = l.substring(1, l.length() - 1);
        }
        return l;
    }

    /** The marker as the {@code start} event's options show it. */
    public String asWritten() {
        String target = className + "#" + methodName;
        switch (kind) {
            case ITERATION:
                return target;
            case PHASE:
                return target + ":" + label;
            default:
                return target + ":" + expectedBytes + ":" + label;
        }
    }

    private static IllegalArgumentException bad(Kind kind, String value, String why) {
        return new IllegalArgumentException(kind.key() + "=" + value + ": " + why + "expected " + kind.form
                + ", e.g. " + kind.key() + "=" + kind.example);
    }
}
