package dev.leakscope.core.proc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the {@code Key: value [kB]} and {@code key value} line formats shared by
 * {@code /proc/<pid>/status}, {@code smaps_rollup}, {@code /proc/meminfo} and the cgroup
 * {@code memory.stat}, {@code memory.events} and {@code memory.oom_control} files. Values with a
 * {@code kB} suffix are returned in bytes; lines whose value is not a single number are skipped.
 */
public final class KeyValues {

    private KeyValues() {
    }

    /** {@code values.get(key)}, or {@link ProcStatus#ABSENT} when the file has no such line. */
    static long valueOrAbsent(Map<String, Long> values, String key) {
        Long value = values.get(key);
        return value == null ? ProcStatus.ABSENT : value;
    }

    /** Numeric entries of {@code text} in file order, {@code kB} values scaled to bytes. */
    public static Map<String, Long> parse(String text) {
        Map<String, Long> values = new LinkedHashMap<>();
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            parseLine(text, start, end, values);
            start = end + 1;
        }
        return values;
    }

    private static void parseLine(String text, int start, int end, Map<String, Long> into) {
        int keyEnd = start;
        while (keyEnd < end && text.charAt(keyEnd) != ':' && !Character.isWhitespace(text.charAt(keyEnd))) {
            keyEnd++;
        }
        if (keyEnd == start || keyEnd == end) {
            return;
        }
        int i = keyEnd + (text.charAt(keyEnd) == ':' ? 1 : 0);
        while (i < end && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        int numberStart = i;
        long value = 0;
        while (i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            value = value * 10 + (text.charAt(i) - '0');
            i++;
        }
        if (i == numberStart) {
            return;
        }
        String rest = text.substring(i, end).trim();
        if (rest.equals("kB")) {
            value *= 1024;
        } else if (!rest.isEmpty()) {
            return;
        }
        into.put(text.substring(start, keyEnd), value);
    }
}
