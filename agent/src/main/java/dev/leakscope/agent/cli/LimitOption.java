package dev.leakscope.agent.cli;

import dev.leakscope.core.detect.Limits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Parses {@code --limit SIGNAL=SIZE}, e.g. {@code --limit rss_anon=2GB}. */
public final class LimitOption implements CommandLine.ITypeConverter<Map.Entry<String, Long>> {
    @Override
    public Map.Entry<String, Long> convert(String value) {
        try {
            return Limits.parseOverride(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** The entries as a map; a signal given twice keeps its last value. */
    static Map<String, Long> toMap(List<Map.Entry<String, Long>> entries) {
        Map<String, Long> map = new LinkedHashMap<>();
        if (entries != null) {
            entries.forEach(e -> map.put(e.getKey(), e.getValue()));
        }
        return map;
    }
}
