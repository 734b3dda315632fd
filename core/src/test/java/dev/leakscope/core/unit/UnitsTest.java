package dev.leakscope.core.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {

    @Test
    void sizesUseDecimalAndBinaryUnits() {
        assertThat(Units.parseSize("512MB")).isEqualTo(512_000_000L);
        assertThat(Units.parseSize("1.5GiB")).isEqualTo(1_610_612_736L);
        assertThat(Units.parseSize("64KB")).isEqualTo(64_000L);
        assertThat(Units.parseSize("64KiB")).isEqualTo(65_536L);
        assertThat(Units.parseSize("4096")).isEqualTo(4096L);
        assertThat(Units.parseSize("2 tb")).isEqualTo(2_000_000_000_000L);
        assertThat(Units.parseSize("0B")).isZero();
    }

    @Test
    void ratesTakeAnyTimeUnit() {
        assertThat(Units.parseRate("600MB/min")).isEqualTo(10_000_000.0);
        assertThat(Units.parseRate("10MiB/s")).isEqualTo(10 * 1024 * 1024.0);
        assertThat(Units.parseRate("3.6GB/h")).isEqualTo(1_000_000.0);
        assertThat(Units.parseRate("50MB/m")).isEqualTo(50_000_000 / 60.0);
        assertThat(Units.parseRate("1000")).isEqualTo(1000.0);
    }

    @Test
    void durationsDefaultToSeconds() {
        assertThat(Units.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Units.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Units.parseDuration("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Units.parseDuration("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Units.parseDuration("0.1s")).isEqualTo(Duration.ofMillis(100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12XB", "MB", "-5MB", "1..2GB", "5 MBs", ""})
    void badSizesNameTheValueAndWhatWasExpected(String text) {
        assertThatThrownBy(() -> Units.parseSize(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.isEmpty() ? "\"\"" : text)
                .hasMessageContaining("(expected: ");
    }

    @Test
    void badUnitsListTheGoodOnes() {
        assertThatThrownBy(() -> Units.parseSize("12XB"))
                .hasMessage("12XB (expected: a size with unit B, KB, MB, GB, TB, KiB, MiB, GiB or TiB, e.g. 512MB or 1.5GiB)");
        assertThatThrownBy(() -> Units.parseDuration("5 fortnights"))
                .hasMessage("5 fortnights (expected: a duration with unit ms, s, m (or min), h or d, e.g. 250ms or 5m)");
        assertThatThrownBy(() -> Units.parseRate("600MB/week"))
                .hasMessage("600MB/week (expected: a rate per ms, s, min, h or d, e.g. 600MB/min)");
        assertThatThrownBy(() -> Units.parseRate("lots/min"))
                .hasMessage("lots/min (expected: a rate such as 600MB/min or 10MiB/s)");
    }

    @Test
    void positiveRejectsZeroInTheConventionalForm() {
        assertThatThrownBy(() -> Units.positive("0ms")).hasMessage("0ms (expected: > 0)");
        assertThatThrownBy(() -> Units.positive("-1s")).hasMessageStartingWith("-1s (expected: a duration");
        assertThat(Units.positive("100ms")).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void formatsForPeople() {
        assertThat(Units.formatBytes(1_610_612_736L)).isEqualTo("1.50 GiB");
        assertThat(Units.formatBytes(512)).isEqualTo("512 B");
        assertThat(Units.formatBytes(268_435_456L)).isEqualTo("256 MiB");
        assertThat(Units.formatDelta(-10.5 * 1024 * 1024)).isEqualTo("-10.5 MiB");
        assertThat(Units.formatDelta(2048)).isEqualTo("+2.00 KiB");
        assertThat(Units.formatRate(10 * 1024 * 1024)).isEqualTo("10.0 MiB/s");
        assertThat(Units.formatRate(600.0 * 1024 * 1024 / 60 / 100)).isEqualTo("6.00 MiB/min");
        assertThat(Units.formatDuration(Duration.ofSeconds(200))).isEqualTo("3m20s");
        assertThat(Units.formatDuration(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Units.formatDuration(Duration.ofSeconds(3720))).isEqualTo("1h02m");
    }
}
