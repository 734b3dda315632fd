package dev.leakscope.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakscope.core.unit.Units;
import java.time.Duration;
import java.util.Locale;

/** How the report writes figures: sizes, rates, counts and times, with a dash for what is absent. */
final class Format {

    /** What a table cell shows for a figure the stream does not have (null, or not measured yet). */
    static final String NONE = "–";

    private Format() {
    }

    /** Bytes as {@code 1.46 GiB}, or a count as a plain number. */
    static String amount(double value, boolean count) {
        if (!count) {
            return Units.formatBytes(value);
        }
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    static String amount(JsonNode value, boolean count) {
        return value.isNumber() ? amount(value.asDouble(), count) : NONE;
    }

    static String rate(JsonNode bytesPerSecond, boolean count) {
        if (!bytesPerSecond.isNumber()) {
            return NONE;
        }
        return count ? amount(bytesPerSecond.asDouble(), true) + "/s" : Units.formatRate(bytesPerSecond.asDouble());
    }

    static String duration(double seconds) {
        return seconds == 0 ? "0s" : Units.formatDuration(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    static String duration(JsonNode seconds) {
        return seconds.isNumber() ? duration(seconds.asDouble()) : NONE;
    }

    /** A time in the run: {@code t=33.1s}. */
    static String at(double t) {
        return "t=" + duration(t);
    }
}
