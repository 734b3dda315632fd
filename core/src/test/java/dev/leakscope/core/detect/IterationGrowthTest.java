package dev.leakscope.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.leakscope.core.sample.Signals;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IterationGrowthTest {

    private final IterationGrowth growth = new IterationGrowth();

    @Test
    void growthPerIterationIsMeasuredAgainstTheCountNotTheClock() {
        Random noise = new Random(1);
        long iterations = 0;
        long first = -1;
        for (int tick = 0; tick < 60; tick++) {
            iterations += 1 + noise.nextInt(20); // a busy service, then an idle one: the clock would mislead
            first = first < 0 ? iterations : first;
            long leak = iterations * 65_536;
            growth.add(tick * 0.1, values(iterations, 500_000_000L + leak + noise.nextInt(40_000), 7_000_000));
        }
        IterationGrowth.PerIteration direct = growth.of(Signals.DIRECT_BUFFERS).orElseThrow();
        assertThat(direct.bytes()).isCloseTo(65_536, within(65_536 * 0.05));
        assertThat(direct.low()).isLessThanOrEqualTo(direct.bytes());
        assertThat(direct.high()).isGreaterThanOrEqualTo(direct.bytes());
        assertThat(direct.points()).isEqualTo(60);
        assertThat(growth.of(Signals.HEAP_AFTER_GC).orElseThrow().bytes()).isZero();
        assertThat(growth.count().orElseThrow().iterations()).isEqualTo(iterations);
        assertThat(growth.count().orElseThrow().perSecond()).isCloseTo((iterations - first) / 5.9, within(1e-6));
    }

    @Test
    void ticksWithoutANewIterationAreLeftOutAndAWarmUpSlidesOutOfTheWindow() {
        long iterations = 0;
        for (int tick = 0; tick < 2 * (IterationGrowth.POINTS + 100); tick++) {
            if (tick % 2 == 0) {
                iterations++;
            }
            // a steep warm-up over the first 100 iterations, then 4 KiB an iteration
            long value = iterations < 100 ? iterations * 1_000_000 : 100_000_000 + (iterations - 100) * 4096;
            growth.add(tick, values(iterations, value, 0));
        }
        IterationGrowth.PerIteration p = growth.of(Signals.DIRECT_BUFFERS).orElseThrow();
        assertThat(p.points()).isEqualTo(IterationGrowth.POINTS);
        assertThat(p.bytes()).isEqualTo(4096);
    }

    @Test
    void withoutIterationsThereIsNothingPerIteration() {
        Map<String, Long> noCount = new LinkedHashMap<>();
        noCount.put(Signals.DIRECT_BUFFERS, 10L);
        for (int tick = 0; tick < 20; tick++) {
            growth.add(tick, noCount);
        }
        assertThat(growth.count()).isEmpty();
        assertThat(growth.of(Signals.DIRECT_BUFFERS)).isEmpty();
    }

    @Test
    void tooFewIterationsSayNothingYet() {
        for (int i = 1; i < IterationGrowth.MIN_POINTS; i++) {
            growth.add(i, values(i, i * 100L, 0));
        }
        assertThat(growth.of(Signals.DIRECT_BUFFERS)).isEmpty();
        assertThat(growth.count()).isPresent();
    }

    @Test
    void detectorsFeedItFromEveryTick() {
        Detectors detectors = new Detectors(Limits.none());
        for (int i = 1; i <= 10; i++) {
            detectors.add(new dev.leakscope.core.sample.Sample(i, 0, values(i * 3L, i * 3L * 1000, 0), Map.of()));
        }
        assertThat(detectors.iterations().of(Signals.DIRECT_BUFFERS).orElseThrow().bytes()).isEqualTo(1000);
        assertThat(detectors.bySignal()).doesNotContainKey(Signals.ITERATIONS);
    }

    private static Map<String, Long> values(long iterations, long direct, long heap) {
        Map<String, Long> v = new LinkedHashMap<>();
        v.put(Signals.ITERATIONS, iterations);
        v.put(Signals.DIRECT_BUFFERS, direct);
        v.put(Signals.HEAP_AFTER_GC, heap);
        return v;
    }
}
