package dev.leakscope.core.mark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakscope.core.sample.Signals;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CleanupCheckTest {

    private static final String SITE = "site:onnx_tensor:com.acme.Vlm.load(Vlm.java:42)";
    private static final long GB = 1_000_000_000L;

    @Test
    void aCleanupThatFreedWhatItShouldIsOk() {
        CleanupCheck check = begun(14 * GB);
        CleanupCheck.Result r = check.end(12.5, reading(2 * GB, 1 * GB, 10 * GB, Map.of(SITE, 0L), 0));
        assertThat(r.freedBytes()).isEqualTo(14 * GB - CleanupCheck.ANON_NOISE_BYTES);
        assertThat(r.ok()).isTrue();
        assertThat(r.seconds()).isEqualTo(2.5);
        assertThat(r.keptBy()).isEmpty();
    }

    @Test
    void whatStillHoldsMemoryIsNamedAndFileMemoryIsPageCache() {
        CleanupCheck check = begun(14 * GB);
        // GPU memory not released, a site grew, and the weights' file pages stayed cached
        CleanupCheck.Result r = check.end(11, reading(15 * GB, 1 * GB + 3 * GB, 12 * GB, Map.of(SITE, 64L << 20), 0));
        assertThat(r.ok()).isFalse();
        assertThat(r.freedBytes()).isZero();
        assertThat(r.keptBy()).containsEntry(Signals.RSS_ANON, GB).containsEntry(SITE, 64L << 20)
                .containsEntry(Signals.RSS_FILE, 3 * GB).doesNotContainKey(Signals.VRAM_PROCESS);
        assertThat(r.pageCacheBytes()).isEqualTo(3 * GB);
    }

    @Test
    void memoryTheTrackedLibrariesReleasedCountsWhenTheAllocatorKeepsItMapped() {
        CleanupCheck check = begun(100_000_000);
        // glibc kept the freed pages: rss_anon did not drop, but ONNX Runtime released 95 MB
        CleanupCheck.Result r = check.end(11, reading(14 * GB, 1 * GB, 12 * GB, Map.of(SITE, 0L), 95_000_000));
        assertThat(r.freedBytes()).isEqualTo(95_000_000);
        assertThat(r.ok()).as("within the %s slack", CleanupCheck.SLACK).isTrue();
        assertThat(begun(100_000_000).end(11, reading(14 * GB, 1 * GB, 12 * GB, Map.of(), 89_000_000)).ok()).isFalse();
    }

    @Test
    void rssAnonThatTheHeapGaveBackOrThatMovesByItselfIsNotFreedByTheBlock() {
        CleanupCheck check = new CleanupCheck("model switch", 1 << 20);
        check.begin(10, new CleanupCheck.Reading(Map.of(Signals.RSS_ANON, 900_000_000L, Signals.HEAP_COMMITTED, 400_000_000L),
                Map.of(SITE, 0L), 0));
        // the collector shrank the heap by 100 MB, and 2 MB more went back on their own; the block kept its 1 MiB
        CleanupCheck.Result r = check.end(11, new CleanupCheck.Reading(Map.of(Signals.RSS_ANON, 798_000_000L,
                Signals.HEAP_COMMITTED, 300_000_000L), Map.of(SITE, 1L << 20), 0));
        assertThat(r.freedBytes()).isZero();
        assertThat(r.ok()).isFalse();
        assertThat(r.keptBy()).containsOnly(Map.entry(SITE, 1L << 20));
    }

    @Test
    void aCheckThatNeverBeganCannotEnd() {
        CleanupCheck check = new CleanupCheck("VLM", GB);
        assertThat(check.begun()).isFalse();
        assertThatThrownBy(() -> check.end(1, reading(0, 0, 0, Map.of(), 0))).hasMessageContaining("VLM ended before it began");
        assertThatThrownBy(() -> new CleanupCheck("VLM", -1)).hasMessageContaining("-1 (expected: >= 0)");
    }

    /** Began at t=10 holding 14 GB anonymous (the VLM on the CPU), 1 GB of files and 12 GB on the GPU. */
    private static CleanupCheck begun(long expected) {
        CleanupCheck check = new CleanupCheck("VLM", expected);
        check.begin(10, reading(14 * GB, 1 * GB, 12 * GB, Map.of(SITE, 0L), 0));
        return check;
    }

    private static CleanupCheck.Reading reading(long anon, long file, long vram, Map<String, Long> sites, long trackedFreed) {
        return new CleanupCheck.Reading(Map.of(Signals.RSS_ANON, anon, Signals.RSS_FILE, file, Signals.VRAM_PROCESS, vram),
                sites, trackedFreed);
    }
}
