package dev.leakscope.core.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapClassWatchTest {

    /** Histograms of this JVM, taken for real, while the test grows a class of its own. */
    static final List<Retained> RETAINED = new ArrayList<>();

    record Retained(byte[] payload) {
    }

    @Test
    void whileTheHeapLeaksItComparesHistogramsRarelyAndNamesTheClassThatGrew() {
        HeapClassWatch watch = HeapClassWatch.ofThisJvm();
        assertThat(watch.onTick(0, false)).as("no leak, no histogram").isNull();
        assertThat(watch.onTick(1, true)).as("the first histogram is the baseline").isNull();
        for (int i = 0; i < 2000; i++) {
            RETAINED.add(new Retained(new byte[100]));
        }
        assertThat(watch.onTick(1 + HeapClassWatch.FIRST_SPAN_S / 2, true)).as("not due yet").isNull();
        HeapClassWatch.Report report = watch.onTick(1 + HeapClassWatch.FIRST_SPAN_S, true);
        assertThat(report.failure()).isNull();
        assertThat(report.spanSeconds()).isEqualTo(HeapClassWatch.FIRST_SPAN_S);
        assertThat(report.classes()).anySatisfy(g -> {
            assertThat(g.className()).isEqualTo(Retained.class.getName());
            assertThat(g.instancesDelta()).isEqualTo(2000);
        });
        assertThat(watch.onTick(2 + HeapClassWatch.FIRST_SPAN_S, true)).as("then every " + HeapClassWatch.LATER_SPAN_S + " s").isNull();
    }

    @Test
    void aHistogramThatFailsTurnsTheWatchOffWithTheReason() {
        HeapClassWatch watch = new HeapClassWatch(() -> {
            throw new IllegalStateException("no DiagnosticCommand here");
        });
        assertThat(watch.onTick(0, true).failure()).contains("no DiagnosticCommand here");
        assertThat(watch.onTick(100, true)).isNull();
    }
}
