package dev.leakscope.core.unit;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser for sizes ({@code 512MB}, {@code 1.5GiB}), rates ({@code 600MB/min},
 * {@code 10MiB/s}) and durations ({@code 250ms}, {@code 5m}) used everywhere: options, CLI flags
 * and limits. Decimal units are powers of 1000, binary units powers of 1024. A bare number is
 * bytes, or seconds for a duration. Anything else is an {@link IllegalArgumentException} whose
 * message names the value and what was expected.
 */
public final class Units {

    private static final Pattern NUMBER_UNIT = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)\\s*([A-Za-z]*)\\s*");

    private static final String SIZE_UNITS = "B, KB, MB, GB, TB, KiB, MiB, GiB or TiB";
    private static final String TIME_UNITS = "ms, s, m (or min), h or d";

    private Units() {
    }

    /** Parses a size in bytes; e.g. {@code "512MB"} is 512,000,000 and {@code "1.5GiB"} is 1,610,612,736. */
    public static long parseSize(String text) {
        Matcher m = match(text, "a size such as 512MB or 1.5GiB");
        double factor = sizeFactor(m.group(2));
        if (factor < 0) {
            throw bad(text, "a size with unit " + SIZE_UNITS + ", e.g. 512MB or 1.5GiB");
        }
        return toLong(Double.parseDouble(m.group(1)) * factor, text);
    }

    /** Parses a duration; a bare number is seconds. */
    public static Duration parseDuration(String text) {
        Matcher m = match(text, "a duration such as 250ms, 30s or 5m");
        double seconds = secondsPer(m.group(2).isEmpty() ? "s" : m.group(2));
        if (seconds < 0) {
            throw bad(text, "a duration with unit " + TIME_UNITS + ", e.g. 250ms or 5m");
        }
        double nanos = Double.parseDouble(m.group(1)) * seconds * 1e9;
        if (nanos > Long.MAX_VALUE) {
            throw bad(text, "a duration of at most 292 years");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    /** Parses a rate in bytes per second; {@code "600MB/min"} is 10,000,000. A bare size is per second. */
    public static double parseRate(String text) {
        if (text == null) {
            throw bad(null, "a rate such as 600MB/min or 10MiB/s");
        }
        int slash = text.indexOf('/');
        String size = slash < 0 ? text : text.substring(0, slash);
        String per = slash < 0 ? "s" : text.substring(slash + 1).trim();
        long bytes;
        try {
            bytes = parseSize(size);
        } catch (IllegalArgumentException e) {
            throw bad(text, "a rate such as 600MB/min or 10MiB/s");
        }
        double seconds = secondsPer(per);
        if (seconds <= 0) {
            throw bad(text, "a rate per ms, s, min, h or d, e.g. 600MB/min");
        }
        return bytes / seconds;
    }

    /** Parses a strictly positive duration; {@code 0ms} is {@code 0ms (expected: > 0)}. */
    public static Duration positive(String text) {
        Duration d = parseDuration(text);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(text + " (expected: > 0)");
        }
        return d;
    }

    /** 1.50 GiB, 512.0 MiB, 12 B: binary units, three significant digits, sign kept. */
    public static String formatBytes(double bytes) {
        double abs = Math.abs(bytes);
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int i = 0;
        while (abs >= 1024 && i < units.length - 1) {
            abs /= 1024;
            i++;
        }
        String sign = bytes < 0 ? "-" : "";
        if (i == 0) {
            return sign + Math.round(abs) + " B";
        }
        String digits = abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : "%.2f";
        return sign + String.format(Locale.ROOT, digits, abs) + " " + units[i];
    }

    /** Like {@link #formatBytes} with an explicit {@code +} for growth. */
    public static String formatDelta(double bytes) {
        return (bytes > 0 ? "+" : "") + formatBytes(bytes);
    }

    /** A rate in the unit that reads best: {@code 9.8 MiB/s}, {@code 600 MiB/min}. */
    public static String formatRate(double bytesPerSecond) {
        if (Math.abs(bytesPerSecond) >= 1024 * 1024 || bytesPerSecond == 0) {
            return formatBytes(bytesPerSecond) + "/s";
        }
        if (Math.abs(bytesPerSecond * 60) >= 1024) {
            return formatBytes(bytesPerSecond * 60) + "/min";
        }
        return formatBytes(bytesPerSecond * 3600) + "/h";
    }

    /** 1h02m, 3m20s, 12.5s, 250ms. */
    public static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        long s = d.getSeconds();
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    private static Matcher match(String text, String expected) {
        if (text == null) {
            throw bad(null, expected);
        }
        Matcher m = NUMBER_UNIT.matcher(text);
        if (!m.matches()) {
            throw bad(text, expected);
        }
        return m;
    }

    private static double sizeFactor(String unit) {
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "":
            case "b":
                return 1;
            case "kb":
                return 1e3;
            case "mb":
                return 1e6;
            case "gb":
                return 1e9;
            case "tb":
                return 1e12;
            case "kib":
                return 1024.0;
            case "mib":
                return 1024.0 * 1024;
            case "gib":
                return 1024.0 * 1024 * 1024;
            case "tib":
                return 1024.0 * 1024 * 1024 * 1024;
            default:
                return -1;
        }
    }

    private static double secondsPer(String unit) {
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "ns":
                return 1e-9;
            case "us":
                return 1e-6;
            case "ms":
                return 1e-3;
            case "s":
            case "sec":
                return 1;
            case "m":
            case "min":
                return 60;
            case "h":
                return 3600;
            case "d":
                return 86400;
            default:
                return -1;
        }
    }

    private static long toLong(double value, String text) {
        if (value >= 0x1p63) {
            throw bad(text, "a size below 8 EiB");
        }
        return Math.round(value);
    }

    private static IllegalArgumentException bad(String text, String expected) {
        String shown = text == null ? "(nothing)" : text.isBlank() ? "\"" + text + "\"" : text;
        return new IllegalArgumentException(shown + " (expected: " + expected + ")");
    }
}
