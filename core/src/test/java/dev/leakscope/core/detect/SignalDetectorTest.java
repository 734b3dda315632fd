package dev.leakscope.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The detector on small, hand-made traces, one behaviour each. */
class SignalDetectorTest {

    private static final double MB = 1e6;
    private static final double GB = 1e9;

    @Test
    void aSteadyLeakIsFoundWithItsRate() {
        List<Finding> findings = run(2 * 3600, 1, t -> 2 * GB + 10 * MB / 60 * t, null);
        Finding leak = first(findings, Verdict.LEAK);
        assertThat(leak).isNotNull();
        assertThat(leak.t()).as("found within the hour").isLessThan(3600);
        assertThat(leak.rate()).isCloseTo(10 * MB / 60, org.assertj.core.data.Percentage.withPercentage(10));
        assertThat(leak.low()).isLessThanOrEqualTo(leak.rate());
        assertThat(leak.high()).isGreaterThanOrEqualTo(leak.rate());
        assertThat(leak.message()).startsWith("leaking at 9.5");
    }

    @Test
    void aCacheThatFillsIn20SecondsIsNotALeakEvenNearItsLimit() {
        // 1 GB in 20 s towards a 1.5 GB limit: the urgent path is on, but the rise stops
        List<Finding> findings = run(1800, 1, t -> 0.4 * GB + Math.min(t, 20) * 50 * MB, 1_500_000_000L);
        assertThat(first(findings, Verdict.LEAK)).isNull();
        assertThat(last(findings).verdict()).isIn(Verdict.PLATEAU, Verdict.STEP);
    }

    @Test
    void aLeakHeadingForItsLimitIsReportedBeforeHalfItsTimeToTheLimit() {
        // 10 MB/s towards a limit 4 GB away: 400 s to the limit
        List<Finding> findings = run(400, 1, t -> 1 * GB + 10 * MB * t, 5_000_000_000L);
        Finding leak = first(findings, Verdict.LEAK);
        assertThat(leak).isNotNull();
        assertThat(leak.t()).isLessThan(200);
        assertThat(leak.timeToLimit()).isPositive().isLessThan(400);
        assertThat(leak.message()).contains("limit 4.66 GiB in");
    }

    @Test
    void aSawtoothIsNotALeakButALeakUnderASawtoothIs() {
        DoubleUnaryOperator saw = t -> 2 * GB + 500 * MB * (t % 600) / 600;
        List<Finding> flat = run(3 * 3600, 1, saw, null);
        assertThat(first(flat, Verdict.LEAK)).isNull();
        assertThat(last(flat).verdict()).isEqualTo(Verdict.SAWTOOTH);

        List<Finding> leaking = run(3 * 3600, 1, t -> saw.applyAsDouble(t) + 5 * MB / 60 * t, null);
        Finding leak = first(leaking, Verdict.LEAK);
        assertThat(leak).isNotNull();
        assertThat(leak.rate()).isCloseTo(5 * MB / 60, org.assertj.core.data.Percentage.withPercentage(20));
    }

    @Test
    void aModelLoadIsAStepNotALeak() {
        List<Finding> findings = run(3 * 3600, 1, t -> 1 * GB + (t > 1200 ? 16 * GB : 0), null);
        assertThat(first(findings, Verdict.LEAK)).isNull();
        assertThat(findings).extracting(Finding::verdict).contains(Verdict.STEP);
    }

    @Test
    void aWarmUpEndsAsAPlateau() {
        List<Finding> findings = run(4 * 3600, 1, t -> 1 * GB + 3 * GB * (1 - Math.exp(-t / 1200.0)), null);
        assertThat(first(findings, Verdict.LEAK)).isNull();
        assertThat(last(findings).verdict()).isEqualTo(Verdict.PLATEAU);
        assertThat(last(findings).message()).isEqualTo("warm-up, now a plateau: no leak");
    }

    @Test
    void noiseAloneStaysStable() {
        List<Finding> findings = run(4 * 3600, 1, t -> 3 * GB, null);
        assertThat(findings).extracting(Finding::verdict).doesNotContain(Verdict.LEAK, Verdict.GROWTH_SUSPECTED);
    }

    @Test
    void irregularSamplesWithGapsStillShowALeak() {
        Random random = new Random(7);
        SignalDetector d = new SignalDetector("uss", true, null);
        List<Finding> findings = new ArrayList<>();
        double t = 0;
        while (t < 3 * 3600) {
            t += 0.5 + 2.5 * random.nextDouble();
            if (t > 3000 && t < 3600) {
                continue; // a ten-minute gap
            }
            Finding f = d.add(t, 2 * GB + 20 * MB / 60 * t + 3 * MB * random.nextGaussian());
            if (f != null) {
                findings.add(f);
            }
        }
        assertThat(first(findings, Verdict.LEAK)).isNotNull();
    }

    @Test
    void fileBackedGrowthIsNeverALeak() {
        SignalDetector d = new SignalDetector("rss_file", false, null);
        List<Finding> findings = feed(d, 2 * 3600, 1, t -> 1 * GB + 50 * MB / 60 * t, new Random(3));
        assertThat(first(findings, Verdict.LEAK)).isNull();
        Finding growth = first(findings, Verdict.GROWTH_SUSPECTED);
        assertThat(growth).isNotNull();
        assertThat(growth.message()).endsWith(": rss_file is never alarmed on");
    }

    static List<Finding> run(double seconds, double step, DoubleUnaryOperator signal, Long limit) {
        return feed(new SignalDetector("rss_anon", true, limit), seconds, step, signal, new Random(11));
    }

    private static List<Finding> feed(SignalDetector d, double seconds, double step, DoubleUnaryOperator signal, Random random) {
        List<Finding> findings = new ArrayList<>();
        double noise = 0;
        for (double t = 0; t < seconds; t += step) {
            noise = 0.7 * noise + 2 * MB * random.nextGaussian();
            Finding f = d.add(t, signal.applyAsDouble(t) + noise);
            if (f != null) {
                findings.add(f);
            }
        }
        return findings;
    }

    private static Finding first(List<Finding> findings, Verdict verdict) {
        return findings.stream().filter(f -> f.verdict() == verdict).findFirst().orElse(null);
    }

    private static Finding last(List<Finding> findings) {
        assertThat(findings).isNotEmpty();
        return findings.get(findings.size() - 1);
    }
}
