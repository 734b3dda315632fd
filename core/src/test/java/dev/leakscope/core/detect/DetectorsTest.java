package dev.leakscope.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakscope.core.sample.Signals;
import org.junit.jupiter.api.Test;

class DetectorsTest {

    private static final String SITE = "site:direct_buffer:a.B.m(B.java:1)";

    @Test
    void theWorstFindingIsAProcessSignalsLeakEvenWhenASiteGrowsFaster() {
        Detectors detectors = new Detectors(Limits.none().with(Signals.DIRECT_BUFFERS, 2_000_000_000L));
        for (int t = 0; t <= 300; t++) {
            detectors.add(t, SITE, 11e6 * t); // the site measures a little faster than the signal
            detectors.add(t, Signals.DIRECT_BUFFERS, 10e6 * t);
        }
        assertThat(detectors.bySignal().get(SITE).verdict()).isEqualTo(Verdict.LEAK);
        assertThat(detectors.worst().signal()).isEqualTo(Signals.DIRECT_BUFFERS);
    }

    @Test
    void aSiteIsTheWorstWhenNoProcessSignalIsAsSevere() {
        Detectors detectors = new Detectors(Limits.none().with(Signals.DIRECT_BUFFERS, 2_000_000_000L));
        for (int t = 0; t <= 300; t++) {
            detectors.add(t, SITE, 10e6 * t);
            detectors.add(t, Signals.DIRECT_BUFFERS, 1e9);
        }
        assertThat(detectors.worst().signal()).isEqualTo(SITE);
    }

    @Test
    void aSiteHasTheLimitOfTheSignalItsKindShowsIn() {
        Limits limits = Limits.none().with(Signals.DIRECT_BUFFERS, 1000).with(Signals.RSS_ANON, 2000);
        assertThat(limits.of(SITE)).isEqualTo(1000);
        assertThat(limits.of("site:onnx_tensor:a.B.m(B.java:1)")).isEqualTo(2000);
        assertThat(limits.of("site:other")).isNull();
        assertThat(limits.with(SITE, 5).of(SITE)).as("its own limit wins").isEqualTo(5);
    }
}
