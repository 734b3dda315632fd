package dev.leakscope.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakscope.junit.fixtures.BadAttributesFixture;
import org.junit.jupiter.api.Test;

/** A wrong attribute fails the test before its body runs, naming the attribute, the value and what was expected. */
class LeakTestAttributesTest {

    @Test
    void badValuesAreNamedWithWhatWasExpected() {
        BadAttributesFixture.runs = 0;

        assertThat(FixtureRuns.failures(FixtureRuns.run(BadAttributesFixture.class))).containsExactlyInAnyOrder(
                "badSize(): @LeakTest maxGrowthPerIteration: 64XB (expected: a size with unit B, KB, MB, GB, TB, KiB, MiB, "
                        + "GiB or TiB, e.g. 512MB or 1.5GiB)",
                "tooFewIterations(): @LeakTest iterations: 1 (expected: >= 2)",
                "negativeWarmups(): @LeakTest warmups: -1 (expected: >= 0)");
        assertThat(BadAttributesFixture.runs).isZero();
    }
}
