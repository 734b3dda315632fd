package dev.leakscope.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakscope.core.analyze.RecordedRun;
import dev.leakscope.core.analyze.Series;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A synthetic day at 1 Hz, the load the report must stay responsive for: 15 signals read every
 * second, a heap sawtooth faster than a pixel column, a slow direct-buffer leak, a plateau,
 * phases and findings. As a file for the benchmark ({@code main}), or in memory for tests: both
 * from the same values and events.
 *
 * <pre>java -cp core/target/classes:core/target/test-classes:$(jackson) dev.leakscope.core.report.DayLongStream day.jsonl</pre>
 */
public final class DayLongStream {

    static final int DAY = 86_400;
    static final List<String> SIGNALS = List.of("rss", "rss_anon", "rss_file", "rss_shmem", "swap", "uss", "pss", "pss_anon",
            "anon_huge", "cgroup_current", "heap_used", "heap_committed", "heap_after_gc", "metaspace", "direct_buffers");
    private static final double MIB = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private DayLongStream() {
    }

    /** Writes a stream of {@code args[1]} seconds (default: a day) to the file {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : DAY;
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8)) {
            write(out, seconds);
        }
    }

    /** The start, then each second's sample followed by the events due at it, then the summary. */
    static void write(Appendable out, int seconds) throws IOException {
        List<Event> events = events(seconds);
        out.append(start()).append('\n');
        int next = 0;
        for (int t = 0; t < seconds; t++) {
            out.append(sample(t)).append('\n');
            for (; next < events.size() && events.get(next).t() == t; next++) {
                out.append(events.get(next).line()).append('\n');
            }
        }
        out.append(summary(seconds, events)).append('\n');
    }

    /** The same run, as the report gets it from the file, without writing the file. */
    static RecordedRun inMemory(int seconds) {
        Map<String, Series> series = new LinkedHashMap<>();
        for (String signal : SIGNALS) {
            Series s = new Series(signal);
            for (int t = 0; t < seconds; t++) {
                s.add(t, value(signal, t));
            }
            series.put(signal, s);
        }
        List<Event> events = events(seconds);
        return new RecordedRun("day.jsonl", parse(start()), series, ofType(events, "finding"), List.of(), List.of(),
                ofType(events, "phase"), List.of(), parse(summary(seconds, events)), false);
    }

    private record Event(int t, String type, String line) {
    }

    private static List<JsonNode> ofType(List<Event> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).map(e -> parse(e.line())).toList();
    }

    static double value(String signal, int t) {
        double leak = 1 * MIB / 60 * t;                       // direct buffers: 1 MiB a minute, all day
        double sawtooth = 40 * MIB * ((t % 47) / 47.0);        // young-gen churn, 47 s period
        double warmup = 300 * MIB * (1 - Math.exp(-t / 1800.0)); // a cache filling up to a plateau
        return switch (signal) {
            case "direct_buffers" -> 8 * MIB + leak;
            case "heap_used" -> 200 * MIB + warmup / 3 + sawtooth;
            case "heap_after_gc" -> 200 * MIB + warmup / 3;
            case "heap_committed" -> 512 * MIB;
            case "metaspace" -> 60 * MIB + Math.min(t, 600) * 1024;
            case "rss_file", "pss" -> 90 * MIB;
            case "rss_shmem", "swap", "anon_huge" -> 0;
            default -> 600 * MIB + leak + warmup + sawtooth;  // rss, rss_anon, uss, pss_anon, cgroup_current
        };
    }

    private static String start() {
        return "{\"schema\":\"leakscope.v1\",\"type\":\"start\",\"time\":\"2026-11-24T00:00:00.000Z\",\"t\":0.0,\"pid\":4242,"
                + "\"target\":{\"pid\":4242,\"command_line\":\"java -jar model-server.jar --port 8080\"},\"signals\":"
                + JSON.valueToTree(SIGNALS) + ",\"unavailable\":{},\"limits\":{\"rss_anon\":8589934592,\"direct_buffers\":2147483648}}";
    }

    private static String sample(int t) {
        StringBuilder line = new StringBuilder(600).append("{\"schema\":\"leakscope.v1\",\"type\":\"sample\",\"time\":\"")
                .append(time(t)).append("\",\"t\":").append(t).append(".0,\"pid\":4242,\"values\":{");
        for (int i = 0; i < SIGNALS.size(); i++) {
            line.append(i == 0 ? "\"" : ",\"").append(SIGNALS.get(i)).append("\":").append((long) value(SIGNALS.get(i), t));
        }
        return line.append("}}").toString();
    }

    /** Findings and phases, in time order: a phase each hour; the leak found after 40 minutes, the sawtooth after 3 hours. */
    private static List<Event> events(int seconds) {
        List<Event> events = new ArrayList<>();
        for (int t = 1; t < seconds; t++) {
            if (t % 3600 == 0) {
                events.add(new Event(t, "phase", event(t, "phase", "\"label\":\"hour " + t / 3600 + "\"")));
            }
            if (t == 1200) {
                events.add(finding(t, "direct_buffers", "growth_suspected"));
            }
            if (t == 2400) {
                events.add(finding(t, "direct_buffers", "leak"));
                events.add(finding(t, "rss_anon", "growth_suspected"));
            }
            if (t == 10800) {
                events.add(finding(t, "heap_used", "sawtooth"));
                events.add(finding(t, "rss_anon", "leak"));
            }
        }
        return events;
    }

    private static Event finding(int t, String signal, String verdict) {
        double rate = MIB / 60;
        double limit = signal.equals("direct_buffers") ? 2147483648.0 : 8589934592.0;
        double current = value(signal, t);
        return new Event(t, "finding", event(t, "finding", String.format(Locale.ROOT,
                "\"signal\":\"%s\",\"verdict\":\"%s\",\"rate_bytes_per_s\":%.1f,\"rate_low\":%.1f,\"rate_high\":%.1f,"
                + "\"window_s\":%d,\"current_bytes\":%d,\"limit_bytes\":%d,\"time_to_limit_s\":%.1f,\"message\":\"%s\",\"sites\":[]", signal, verdict, rate, rate * 0.9, rate * 1.1,
                Math.min(t, 1800), (long) current, (long) limit, (limit - current) / rate, verdict)));
    }

    /** Each signal's verdict at the end: its latest finding's, else stable. */
    private static String summary(int seconds, List<Event> events) {
        Map<String, String> verdicts = new LinkedHashMap<>();
        SIGNALS.forEach(signal -> verdicts.put(signal, "stable"));
        ofType(events, "finding").forEach(f -> verdicts.put(f.path("signal").asText(), f.path("verdict").asText()));
        StringBuilder signals = new StringBuilder();
        verdicts.forEach((signal, verdict) -> signals.append(signals.length() == 0 ? "" : ",").append('"').append(signal)
                .append("\":{\"verdict\":\"").append(verdict).append("\",\"rate_bytes_per_s\":")
                .append(verdict.equals("stable") ? 0 : MIB / 60)
                .append(",\"current_bytes\":").append((long) value(signal, seconds - 1)).append('}'));
        return event(seconds, "summary", "\"ended_normally\":true,\"reason\":\"duration reached\",\"run_seconds\":" + seconds
                + ",\"samples\":" + seconds + ",\"worst\":null,\"signals\":{" + signals + "}");
    }

    private static String event(int t, String type, String fields) {
        return "{\"schema\":\"leakscope.v1\",\"type\":\"" + type + "\",\"time\":\"" + time(t) + "\",\"t\":" + t + ".0,\"pid\":4242,"
                + fields + "}";
    }

    private static String time(int t) {
        return java.time.Instant.ofEpochSecond(1_795_478_400L + t) + "";
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
