package dev.leakscope.core.jvm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the output of {@code GC.class_histogram} (jcmd, or the DiagnosticCommand MBean) and tells
 * which classes' instances grew between two of them. Pure: no I/O.
 */
public final class ClassHistogram {

    /** One class's instances and their shallow bytes. */
    public record Entry(long instances, long bytes) {
    }

    /** How much one class grew between two histograms, and where it stands now. */
    public record Growth(String className, long instancesDelta, long bytesDelta, long instances, long bytes) {
    }

    /** {@code    1:         17271        5535120  [B (java.base@17.0.15)} */
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)(?:\\s+\\(.*\\))?\\s*$");

    private ClassHistogram() {
    }

    /** Class name (readable: {@code byte[]}, not {@code [B}) to its entry; other lines are ignored. */
    public static Map<String, Entry> parse(String text) {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                out.merge(readable(m.group(3)), new Entry(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))),
                        (a, b) -> new Entry(a.instances() + b.instances(), a.bytes() + b.bytes()));
            }
        }
        return out;
    }

    /** The classes whose bytes grew from {@code before} to {@code after}, most first, at most {@code top}. */
    public static List<Growth> growth(Map<String, Entry> before, Map<String, Entry> after, int top) {
        List<Growth> grown = new ArrayList<>();
        after.forEach((name, now) -> {
            Entry then = before.getOrDefault(name, new Entry(0, 0));
            if (now.bytes() > then.bytes()) {
                grown.add(new Growth(name, now.instances() - then.instances(), now.bytes() - then.bytes(),
                        now.instances(), now.bytes()));
            }
        });
        grown.sort(Comparator.comparingLong(Growth::bytesDelta).reversed());
        return grown.size() > top ? List.copyOf(grown.subList(0, top)) : List.copyOf(grown);
    }

    /** A JVM descriptor name as Java source writes it: {@code [B} is {@code byte[]}, {@code [Ljava.lang.Object;} {@code java.lang.Object[]}. */
    static String readable(String name) {
        int dims = 0;
        while (dims < name.length() && name.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return name;
        }
        String element = name.substring(dims);
        String base = switch (element) {
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            case "Z" -> "boolean";
            default -> element.startsWith("L") && element.endsWith(";") ? element.substring(1, element.length() - 1) : element;
        };
        return base + "[]".repeat(dims);
    }
}
