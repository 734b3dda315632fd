package dev.leakscope.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.leakscope.junit.fixtures.DirectLeakFixture;
import dev.leakscope.junit.fixtures.HeapLeakFixture;
import dev.leakscope.junit.fixtures.RssLeakFixture;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Leaking bodies fail, naming the signals that grew and by about how much. */
class LeakTestFailuresTest {

    @Test
    void aRetainedDirectBufferFailsOnDirectBuffersAndSitesNamingTheSite() {
        Throwable failure = FixtureRuns.onlyFailure(FixtureRuns.run(DirectLeakFixture.class));
        String message = failure.getMessage();
        System.out.println(message);

        assertThat(failure).isInstanceOf(AssertionFailedError.class);
        assertThat(FixtureRuns.growthPerIteration(message, "direct_buffers")).isCloseTo(DirectLeakFixture.BYTES, within(1024.0));
        assertThat(FixtureRuns.growthPerIteration(message, "sites")).isCloseTo(DirectLeakFixture.BYTES, within(1024.0));
        assertThat(FixtureRuns.growthPerIteration(message, "heap_after_gc")).isEqualTo(-1);
        assertThat(message).contains("within its bound: heap_after_gc")
                .contains("site:direct_buffer:dev.leakscope.junit.fixtures.DirectLeakFixture.retainsDirectBuffer(DirectLeakFixture.java:")
                .contains("at java.nio.ByteBuffer.allocateDirect(");
    }

    @Test
    void aRetainedArrayFailsOnTheHeapAlone() {
        Throwable failure = FixtureRuns.onlyFailure(FixtureRuns.run(HeapLeakFixture.class));
        String message = failure.getMessage();
        System.out.println(message);

        assertThat(FixtureRuns.growthPerIteration(message, "heap_after_gc")).isCloseTo(HeapLeakFixture.BYTES, within(4096.0));
        assertThat(FixtureRuns.growthPerIteration(message, "direct_buffers")).isEqualTo(-1);
        assertThat(FixtureRuns.growthPerIteration(message, "sites")).isEqualTo(-1);
        assertThat(message).contains("within its bound: direct_buffers", "within its bound: sites");
    }

    @Test
    void residentMemoryThatGrowsFailsOnRssAnon() {
        Throwable failure = FixtureRuns.onlyFailure(FixtureRuns.run(RssLeakFixture.class));
        String message = failure.getMessage();
        System.out.println(message);

        // resident memory also moves with the JIT and malloc's arenas, by up to about 1 MiB a run (docs/junit.md)
        assertThat(FixtureRuns.growthPerIteration(message, "rss_anon")).isCloseTo(RssLeakFixture.BYTES, within(1024 * 1024.0));
        assertThat(message).contains("(bound 1.00 MiB)").doesNotContain("top allocation sites");
    }
}
