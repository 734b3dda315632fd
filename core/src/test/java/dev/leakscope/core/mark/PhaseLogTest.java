package dev.leakscope.core.mark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakscope.core.sample.Signals;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhaseLogTest {

    @Test
    void eachPhaseTellsItsChangeSinceThePreviousOneTheFirstSinceTheStart() {
        PhaseLog log = new PhaseLog();
        Map<String, Long> start = Map.of(Signals.RSS_ANON, 1_000L, Signals.HEAP_AFTER_GC, 50L);
        PhaseLog.Phase loaded = log.next("VLM loaded", 1.0, Map.of(Signals.RSS_ANON, 15_000L, Signals.HEAP_AFTER_GC, 60L,
                Signals.ITERATIONS, 3L), start);
        assertThat(loaded.since()).isEqualTo(PhaseLog.RUN_START);
        assertThat(loaded.delta()).containsEntry(Signals.RSS_ANON, 14_000L).containsEntry(Signals.HEAP_AFTER_GC, 10L)
                .as("iterations are absent until the first marker: counted from 0").containsEntry(Signals.ITERATIONS, 3L);

        PhaseLog.Phase cleaned = log.next("after VLM cleanup", 2.0, Map.of(Signals.RSS_ANON, 3_000L, Signals.VRAM_PROCESS, 5L,
                Signals.ITERATIONS, 4L), start);
        assertThat(cleaned.since()).isEqualTo("VLM loaded");
        assertThat(cleaned.delta()).containsEntry(Signals.RSS_ANON, -12_000L).containsEntry(Signals.ITERATIONS, 1L)
                .as("a signal unknown at the previous phase has no delta").doesNotContainKey(Signals.VRAM_PROCESS);
        assertThat(cleaned.values()).containsEntry(Signals.VRAM_PROCESS, 5L);
    }
}
