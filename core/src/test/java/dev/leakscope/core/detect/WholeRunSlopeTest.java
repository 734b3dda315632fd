package dev.leakscope.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WholeRunSlopeTest {

    @Test
    void aLineGivesItsSlope() {
        assertThat(WholeRunSlope.slope(new double[] {0, 1, 2, 3}, new double[] {10, 12, 14, 16})).isEqualTo(2);
    }

    @Test
    void oneDisturbedReadingDoesNotMoveIt() {
        double[] x = {0, 1, 2, 3, 4, 5, 6};
        double[] y = {100, 100, 100, 5_000_000, 100, 100, 100};
        assertThat(WholeRunSlope.slope(x, y)).isZero();
    }

    @Test
    void fewerThanTwoPointsAreRefused() {
        assertThatThrownBy(() -> WholeRunSlope.slope(new double[] {1}, new double[] {1}))
                .hasMessage("1 x and 1 y values (expected: as many of each, at least 2)");
    }

    @Test
    void aLongRunIsFittedOnEvenlySpacedPointsWithAnIntervalAroundTheSlope() {
        int n = 86_400;
        double[] t = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
            v[i] = 1e6 + 4096.0 * i + (i % 60) * 100_000; // 4 KiB/s under a sawtooth
        }
        WholeRunSlope.Rate rate = WholeRunSlope.of(t, v, n).orElseThrow();
        assertThat(rate.slope()).isBetween(4096 * 0.9, 4096 * 1.1);
        assertThat(rate.low()).isLessThanOrEqualTo(rate.slope());
        assertThat(rate.high()).isGreaterThanOrEqualTo(rate.slope());
        assertThat(WholeRunSlope.of(t, v, 4)).as("too few points").isEmpty();
    }
}
