package dev.leakscope.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scores the detector on the labelled corpus of {@link TraceGenerator} (fixed seed) and fails
 * unless it meets the bar of docs/detection.md: no leak on any trace that must not alarm, recall of
 * at least 95% for leaks of 2 MB/min or more within 90 minutes of onset, every leak with a limit
 * reported before half its time to the limit, and rates of detected linear leaks within 20%.
 */
class DetectorCorpusTest {

    /** The corpus seed; -Dleakscope.corpus.seed=N scores another draw of the same families. */
    static final long SEED = Long.getLong("leakscope.corpus.seed", 20261124L);
    static final int PER_KIND = Integer.getInteger("leakscope.corpus.perKind", 20);
    private static final List<String> LINEAR = List.of("linear leak", "leak after warm-up", "leak under sawtooth",
            "leak after plateau");

    private static List<CorpusRun> runs;

    @BeforeAll
    static void run() {
        runs = new ArrayList<>();
        for (LabelledTrace trace : new TraceGenerator(SEED).corpus(PER_KIND)) {
            runs.add(CorpusRun.of(trace));
        }
        System.out.println(report(runs));
    }

    @Test
    void noFalseAlarms() {
        List<String> falseAlarms = runs.stream()
                .filter(r -> !r.trace().reportOnly() && r.falseAlarm() != null)
                .map(r -> r.trace().name() + " at t=" + r.falseAlarm().t() + " (" + r.falseAlarm().message() + ")")
                .collect(Collectors.toList());
        assertThat(falseAlarms).isEmpty();
    }

    @Test
    void recallOfLeaksOf2MbPerMinuteWithin90Minutes() {
        List<CorpusRun> leaks = runs.stream().filter(r -> r.trace().leak() && r.trace().rateMbPerMin() >= 2).toList();
        List<CorpusRun> missed = leaks.stream().filter(r -> r.latency() > 90 * 60).toList();
        double recall = 1 - (double) missed.size() / leaks.size();
        assertThat(recall).as("recall; missed: " + names(missed)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void leaksWithALimitAreReportedBeforeHalfTheirTimeToTheLimit() {
        List<String> late = runs.stream().filter(r -> r.trace().leak() && r.trace().limit() != null)
                .filter(r -> !(r.latency() < r.trace().timeToLimit() / 2))
                .map(r -> r.trace().name() + String.format(Locale.ROOT, " (latency %.0f s, half time to limit %.0f s)",
                        r.latency(), r.trace().timeToLimit() / 2))
                .toList();
        assertThat(late).isEmpty();
    }

    @Test
    void ratesOfDetectedLinearLeaksAreWithin20Percent() {
        List<String> off = runs.stream().filter(r -> LINEAR.contains(r.trace().kind()) && r.detection() != null)
                .filter(r -> Math.abs(r.rateError()) > 0.2)
                .map(r -> r.trace().name() + String.format(Locale.ROOT, " (%.1f MB/min, estimated %+.0f%%)",
                        r.trace().rateMbPerMin(), 100 * r.rateError()))
                .toList();
        assertThat(off).isEmpty();
    }

    private static String names(List<CorpusRun> list) {
        return list.stream().map(r -> r.trace().name() + String.format(Locale.ROOT, " (%.1f MB/min)", r.trace().rateMbPerMin()))
                .collect(Collectors.joining(", "));
    }

    /** The confusion matrix per family and the latency percentiles, as recorded in docs/detection.md. */
    static String report(List<CorpusRun> runs) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n%-28s %6s %8s %8s %8s   %s%n", "family", "traces", "leak", "no leak",
                "warned", "verdicts at the end"));
        Map<String, List<CorpusRun>> byKind = new LinkedHashMap<>();
        runs.forEach(r -> byKind.computeIfAbsent(r.trace().kind() + (r.trace().reportOnly() ? " (report only)" : ""),
                k -> new ArrayList<>()).add(r));
        byKind.forEach((kind, list) -> {
            long alarmed = list.stream().filter(CorpusRun::alarmed).count();
            Map<Verdict, Long> last = list.stream().collect(Collectors.groupingBy(
                    r -> r.findings().isEmpty() ? Verdict.STABLE : r.findings().get(r.findings().size() - 1).verdict(),
                    () -> new java.util.EnumMap<>(Verdict.class), Collectors.counting()));
            long warned = list.stream().filter(r -> r.findings().stream()
                    .anyMatch(f -> f.verdict() == Verdict.GROWTH_SUSPECTED)).count();
            out.append(String.format(Locale.ROOT, "%-28s %6d %8d %8d %8d   %s%n", kind, list.size(), alarmed,
                    list.size() - alarmed, warned, last));
        });
        long tp = runs.stream().filter(r -> r.trace().leak() && r.detection() != null).count();
        long fn = runs.stream().filter(r -> r.trace().leak() && r.detection() == null).count();
        long fp = runs.stream().filter(r -> !r.trace().reportOnly() && r.falseAlarm() != null).count();
        long tn = runs.stream().filter(r -> !r.trace().leak() && !r.trace().reportOnly() && r.falseAlarm() == null).count();
        out.append(String.format(Locale.ROOT, "%nconfusion (gated traces; a leak finding before onset counts as a false alarm): leak->leak %d, leak->no leak %d, false alarms %d, no leak->no leak %d%n",
                tp, fn, fp, tn));
        long warned = runs.stream().filter(r -> !r.trace().leak() && !r.trace().reportOnly())
                .filter(r -> r.findings().stream().anyMatch(f -> f.verdict() == Verdict.GROWTH_SUSPECTED)).count();
        out.append(String.format(Locale.ROOT, "growth_suspected warnings on gated no-leak traces: %d of %d%n", warned, fp + tn));
        double[] latencies = runs.stream().filter(r -> r.trace().leak() && r.detection() != null).mapToDouble(CorpusRun::latency)
                .sorted().toArray();
        out.append(String.format(Locale.ROOT, "latency after onset (min): p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n",
                pct(latencies, 50) / 60, pct(latencies, 90) / 60, pct(latencies, 99) / 60, pct(latencies, 100) / 60));
        for (double[] band : new double[][] {{1, 2}, {2, 10}, {10, 100.1}}) {
            double[] l = runs.stream().filter(r -> r.trace().leak() && r.detection() != null
                    && r.trace().rateMbPerMin() >= band[0] && r.trace().rateMbPerMin() < band[1])
                    .mapToDouble(CorpusRun::latency).sorted().toArray();
            out.append(String.format(Locale.ROOT, "  %5.0f-%-3.0f MB/min: %3d detected, latency p50 %.1f min, p90 %.1f min%n",
                    band[0], band[1], l.length, pct(l, 50) / 60, pct(l, 90) / 60));
        }
        long fast = runs.stream().filter(r -> r.trace().leak() && r.trace().rateMbPerMin() >= 2).count();
        long inTime = runs.stream().filter(r -> r.trace().leak() && r.trace().rateMbPerMin() >= 2 && r.latency() <= 90 * 60).count();
        out.append(String.format(Locale.ROOT, "recall of leaks of 2 MB/min or more within 90 min: %d of %d (%.1f%%)%n",
                inTime, fast, 100.0 * inTime / fast));
        double[] shares = runs.stream().filter(r -> r.trace().leak() && r.trace().limit() != null && r.detection() != null)
                .mapToDouble(r -> r.latency() / r.trace().timeToLimit()).sorted().toArray();
        out.append(String.format(Locale.ROOT, "leaks with a limit (%d): reported after p50 %.0f%%, p90 %.0f%%, max %.0f%% of their time to the limit%n",
                shares.length, 100 * pct(shares, 50), 100 * pct(shares, 90), 100 * pct(shares, 100)));
        for (double[] band : new double[][] {{1, 30}, {30, 60}, {60, 90}, {90, 120}}) {
            List<CorpusRun> plateaus = runs.stream().filter(r -> r.trace().tau() >= band[0] * 60 && r.trace().tau() < band[1] * 60).toList();
            out.append(String.format(Locale.ROOT, "  plateaus with tau %3.0f-%-3.0f min: %2d of %2d called a leak%n", band[0], band[1],
                    plateaus.stream().filter(CorpusRun::alarmed).count(), plateaus.size()));
        }
        double[] errors = runs.stream().filter(r -> LINEAR.contains(r.trace().kind()) && r.detection() != null)
                .mapToDouble(r -> Math.abs(r.rateError())).sorted().toArray();
        out.append(String.format(Locale.ROOT, "rate error of detected linear leaks: p50 %.1f%%, p90 %.1f%%, max %.1f%%%n",
                100 * pct(errors, 50), 100 * pct(errors, 90), 100 * pct(errors, 100)));
        return out.toString();
    }

    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static String summary(double[] values) {
        return Arrays.toString(values);
    }
}
