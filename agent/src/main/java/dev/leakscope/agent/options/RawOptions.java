package dev.leakscope.agent.options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Options as written, before they are checked: key to values, in the one grammar of every source
 * (docs/options.md). The agent string is {@code key=value,key=value}; a key may repeat; an element
 * {@code @path} reads one {@code key=value} per line from a file, for values with commas or quotes.
 * System properties are {@code leakscope.<key>}, environment variables {@code LEAKSCOPE_<KEY>}.
 */
public final class RawOptions {

    private static final String PROPERTY_PREFIX = "leakscope.";
    private static final String ENV_PREFIX = "LEAKSCOPE_";
    /** Variables of that prefix that are not agent options: scripts/leakscope reads LEAKSCOPE_JAR. */
    private static final java.util.Set<String> ENV_NOT_OPTIONS = java.util.Set.of("LEAKSCOPE_JAR");

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final OptionSource source;

    private RawOptions(OptionSource source) {
        this.source = source;
    }

    public OptionSource source() {
        return source;
    }

    /** key to values in the order given; a key that repeats has several. */
    public Map<String, List<String>> values() {
        return values;
    }

    /**
     * Parses the agent string ({@code -javaagent:leakscope.jar=<this>}).
     *
     * @throws IllegalArgumentException naming the element and what was expected
     */
    public static RawOptions agentString(String text) {
        RawOptions raw = new RawOptions(OptionSource.AGENT_STRING);
        if (text == null || text.isBlank()) {
            return raw;
        }
        for (String element : text.split(",")) {
            String e = element.trim();
            if (e.isEmpty()) {
                continue;
            }
            if (e.startsWith("@")) {
                raw.readFile(Path.of(e.substring(1)));
            } else {
                raw.add(e, "agent string");
            }
        }
        return raw;
    }

    /** The {@code leakscope.<key>} system properties (the agent's own {@code leakscope.agent.*} state aside). */
    public static RawOptions systemProperties(Properties properties) {
        RawOptions raw = new RawOptions(OptionSource.SYSTEM_PROPERTY);
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(PROPERTY_PREFIX) && !name.startsWith(PROPERTY_PREFIX + "agent.")) {
                raw.put(name.substring(PROPERTY_PREFIX.length()).toLowerCase(Locale.ROOT), properties.getProperty(name));
            }
        }
        return raw;
    }

    /** The {@code LEAKSCOPE_<KEY>} environment variables; a list value there uses {@code +}. */
    public static RawOptions environment(Map<String, String> env) {
        RawOptions raw = new RawOptions(OptionSource.ENVIRONMENT);
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length() && !ENV_NOT_OPTIONS.contains(name)) {
                raw.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT), value);
            }
        });
        return raw;
    }

    private void readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("@" + file + " (expected: a readable file of key=value lines; "
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (!line.isEmpty() && !line.startsWith("#")) {
                add(line, file + ":" + (i + 1));
            }
        }
    }

    private void add(String element, String where) {
        int eq = element.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(element + " in " + where + " (expected: key=value)");
        }
        put(element.substring(0, eq).trim().toLowerCase(Locale.ROOT).replace('-', '_'), element.substring(eq + 1).trim());
    }

    private void put(String key, String value) {
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
}
