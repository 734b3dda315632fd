package dev.leakscope.agent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bridge's counting and sampling, with a sink that keeps what it is given. */
class RecorderTest {

    /** A whole core: sampling time never slows sampling down. */
    private static final double NO_TIME_LIMIT = 1.0;

    /** A sink whose every sample takes at least a millisecond, as a cold sampling path can take tens of microseconds. */
    private static final class Slow extends Kept {
        @Override
        public void sampled(int kind, Object object, long key, long bytes, double weight) {
            super.sampled(kind, object, key, bytes, weight);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static class Kept implements Recorder.Sink {
        final List<double[]> samples = new ArrayList<>();
        final List<Long> sampledKeys = new ArrayList<>();
        final List<Long> nested = new ArrayList<>();
        final List<Long> watchedReleases = new ArrayList<>();

        @Override
        public void sampled(int kind, Object object, long key, long bytes, double weight) {
            samples.add(new double[] {kind, bytes, weight});
            sampledKeys.add(key);
        }

        @Override
        public int releasedWatched(long key) {
            watchedReleases.add(key);
            return nested.remove(key) ? Recorder.HELD_NESTED : sampledKeys.remove(key) ? Recorder.HELD_SAMPLED : Recorder.HELD_NONE;
        }

        @Override
        public long freed(int kind, Object object, long key, long bytes) {
            return nested.remove(key) ? -1 : bytes;
        }

        @Override
        public void nested(int kind, long key) {
            nested.add(key);
        }

        @Override
        public void sized(int kind, long key, long bytes) {
        }

        @Override
        public AtomicIntegerArray trackedObjects() {
            return null;
        }
    }

    /** A sink that says how many objects of each kind it holds, and keeps the objects whose release reached it. */
    private static final class Holding extends Kept {
        final AtomicIntegerArray held = new AtomicIntegerArray(Recorder.KINDS);
        final List<Object> released = new ArrayList<>();

        @Override
        public long freed(int kind, Object object, long key, long bytes) {
            released.add(object);
            return super.freed(kind, object, key, bytes);
        }

        @Override
        public AtomicIntegerArray trackedObjects() {
            return held;
        }
    }

    @AfterEach
    void off() {
        Recorder.install(null, 1);
    }

    @Test
    void everyAllocationAndReleaseIsCountedAndSamplesEstimateTheBytes() {
        Kept sink = new Kept();
        Recorder.install(sink, 64 * 1024);
        long[] before = Recorder.totals(Recorder.ONNX_TENSOR);
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            Recorder.allocated(Recorder.ONNX_TENSOR, null, 0, 4096);
            Recorder.freed(Recorder.ONNX_TENSOR, null, 0, 4096);
        }
        long[] after = Recorder.totals(Recorder.ONNX_TENSOR);
        assertThat(after[0] - before[0]).isEqualTo(n);
        assertThat(after[1] - before[1]).isEqualTo(4096L * n);
        assertThat(after[2] - before[2]).isEqualTo(n);
        assertThat(after[3] - before[3]).isEqualTo(4096L * n);
        // about one sample per 64 KiB: 12,500 expected, each standing for about 16 allocations
        assertThat(sink.samples).hasSizeBetween(11_500, 13_500);
        double estimated = sink.samples.stream().mapToDouble(s -> s[1] * s[2]).sum();
        assertThat(estimated / (4096.0 * n)).isBetween(0.93, 1.07);
    }

    @Test
    void releasesOfAKindTheSinkHoldsNoneOfAreCountedWithoutReachingIt() {
        Holding sink = new Holding();
        Recorder.install(sink, 1); // every allocation sampled; the sink below counts none as held until told
        long[] before = Recorder.totals(Recorder.ONNX_TENSOR);
        Object tensor = new Object();
        Recorder.allocated(Recorder.ONNX_TENSOR, tensor, 0, 4096);
        Recorder.freed(Recorder.ONNX_TENSOR, tensor, 0, 4096);
        assertThat(sink.released).isEmpty();
        long[] after = Recorder.totals(Recorder.ONNX_TENSOR);
        assertThat(new long[] {after[0] - before[0], after[1] - before[1], after[2] - before[2], after[3] - before[3]})
                .containsExactly(1, 4096, 1, 4096);

        sink.held.incrementAndGet(Recorder.ONNX_TENSOR); // as the sink does once it tracks a sampled tensor
        Object other = new Object();
        Recorder.freed(Recorder.ONNX_TENSOR, tensor, 0, 4096);
        Recorder.freed(Recorder.ONNX_RESULT, other, 0, 0);
        assertThat(sink.released).containsExactly(tensor);
        assertThat(Recorder.totals(Recorder.ONNX_TENSOR)[2] - before[2]).isEqualTo(2);
    }

    @Test
    void aNewIntervalTakesEffectAtOnceForThreadsThatCountedDownWithTheOldOne() {
        Recorder.install(new Kept(), Long.MAX_VALUE / 8); // as a run with sample_bytes=1TiB, say
        // runs out this thread's countdown, which is then drawn with the mean of 1 EiB
        Recorder.allocated(Recorder.ONNX_TENSOR, null, 0, Long.MAX_VALUE / 16);
        Kept sink = new Kept();
        Recorder.install(sink, 64 * 1024);
        for (int i = 0; i < 20_000; i++) {
            Recorder.allocated(Recorder.ONNX_TENSOR, null, 0, 4096);
        }
        // about one sample per 64 KiB: 1,250 expected
        assertThat(sink.samples).hasSizeBetween(1_000, 1_500);
    }

    @Test
    void anAllocationAsLargeAsTheIntervalIsAlwaysSampledWithWeightOne() {
        Kept sink = new Kept();
        Recorder.install(sink, 64 * 1024);
        Recorder.allocated(Recorder.ONNX_SESSION, null, 0, 0, Long.MAX_VALUE);
        Recorder.allocated(Recorder.ONNX_TENSOR, null, 0, 1 << 20);
        assertThat(sink.samples).extracting(s -> s[2]).containsExactly(1.0, 1.0);
    }

    @Test
    void anAllocationOfNoBytesIsSampledAtTheNominalSize() {
        Kept sink = new Kept();
        Recorder.install(sink, Recorder.UNSIZED_SAMPLED_AS * 8);
        for (int i = 0; i < 80_000; i++) {
            Recorder.allocated(Recorder.ONNX_RESULT, null, 0, 0);
        }
        // about one in eight sampled, each standing for about eight
        assertThat(sink.samples).hasSizeBetween(9_000, 11_000);
        double estimated = sink.samples.stream().mapToDouble(s -> s[2]).sum();
        assertThat(estimated / 80_000).isBetween(0.93, 1.07);
    }

    @Test
    void insideAnOuterKindInnerAllocationsAreLeftToItAndSoAreTheirReleases() {
        Kept sink = new Kept();
        Recorder.install(sink, 1);
        long[] before = Recorder.totals(Recorder.DIRECT_BUFFER);
        Recorder.enterOuter();
        Recorder.allocatedInner(Recorder.DIRECT_BUFFER, 42, 1024);
        Recorder.exitOuter();
        Recorder.freed(Recorder.DIRECT_BUFFER, null, 42, 1024);
        assertThat(Recorder.totals(Recorder.DIRECT_BUFFER)).isEqualTo(before);
        assertThat(sink.samples).isEmpty();
    }

    @Test
    void directBufferReleasesReachTheSinkOnlyForAddressesItHolds() throws InterruptedException {
        Kept sink = new Kept();
        Recorder.install(sink, Long.MAX_VALUE / 4); // nothing sampled
        long[] before = Recorder.totals(Recorder.DIRECT_BUFFER);
        // a thread of its own: a thread's countdown to its next sample is drawn with the interval of its first allocation
        Thread allocating = new Thread(() -> {
            for (long address = 4096; address < 4096 + 10_000 * 64; address += 64) {
                Recorder.allocatedInner(Recorder.DIRECT_BUFFER, address, 64);
                Recorder.freed(Recorder.DIRECT_BUFFER, null, address, 64);
            }
        });
        allocating.start();
        allocating.join();
        long[] after = Recorder.totals(Recorder.DIRECT_BUFFER);
        assertThat(after[2] - before[2]).isEqualTo(10_000);
        assertThat(after[3] - before[3]).isEqualTo(640_000);
        assertThat(sink.watchedReleases).as("no address was sampled: no release reached the sink").isEmpty();

        Recorder.install(sink, 1); // every one sampled
        Recorder.allocatedInner(Recorder.DIRECT_BUFFER, 1 << 20, 64);
        Recorder.freed(Recorder.DIRECT_BUFFER, null, 1 << 20, 64);
        assertThat(sink.watchedReleases).containsExactly(1L << 20);
        Recorder.freed(Recorder.DIRECT_BUFFER, null, 1 << 20, 64); // the slot was lowered when the sink let go
        assertThat(sink.watchedReleases).containsExactly(1L << 20);
        assertThat(Recorder.totals(Recorder.DIRECT_BUFFER)[3] - after[3]).isEqualTo(128);
    }

    @Test
    void samplingSlowsDownWhenTooManyAreTakenAndComesBackWhenFewAre() {
        Recorder.retune(1024, 1, 1000, NO_TIME_LIMIT); // forget earlier tests' samples
        Recorder.install(new Kept(), 1024);
        for (int i = 0; i < 8000; i++) {
            Recorder.allocated(Recorder.ONNX_TENSOR, null, 0, 1024); // every one sampled: 8000 in "one second"
        }
        assertThat(Recorder.retune(1024, 1, 1000, NO_TIME_LIMIT)).isEqualTo(8 * 1024);
        assertThat(Recorder.retune(1024, 1, 1000, NO_TIME_LIMIT)).as("none since").isEqualTo(4 * 1024);
        assertThat(Recorder.retune(1024, 1, 1000, NO_TIME_LIMIT)).isEqualTo(2 * 1024);
        assertThat(Recorder.retune(1024, 1, 1000, NO_TIME_LIMIT)).isEqualTo(1024);
        assertThat(Recorder.retune(1024, 1, 1000, NO_TIME_LIMIT)).as("never below the configured interval").isEqualTo(1024);
        assertThat(Recorder.retune(1, 1, 1000, NO_TIME_LIMIT)).as("stacks=all is never slowed").isEqualTo(1024);
    }

    @Test
    void withALimitSamplingThrottlesItselfWithoutAnyTick() throws InterruptedException {
        Kept sink = new Kept();
        Recorder.install(sink, 1024, 1000);
        askForSamplesForOneSecond();
        // unthrottled, a second of this is about a million samples
        assertThat(sink.samples.size()).isBetween(500, 3000);
    }

    @Test
    void samplingSlowsDownWhenSamplesTakeTooLongButNotBelowItsFloor() {
        Recorder.retune(1024, 1, 1000, NO_TIME_LIMIT); // forget earlier tests' samples and their time
        Recorder.install(new Slow(), 1024);
        for (int i = 0; i < 100; i++) {
            Recorder.allocated(Recorder.ONNX_TENSOR, null, 0, 1024); // every one sampled
        }
        // 100 in "one second" is far below 1000, but 100 ms of it is 50 times the share: slowed to the floor of 25
        assertThat(Recorder.retune(1024, 1, 1000, Recorder.MAX_SAMPLING_SHARE)).isEqualTo(4 * 1024);
        assertThat(Recorder.retune(1024, 1, 1000, Recorder.MAX_SAMPLING_SHARE)).as("none since").isEqualTo(2 * 1024);
        for (int i = 0; i < 20; i++) {
            Recorder.allocated(Recorder.ONNX_TENSOR, null, 0, 10 * 1024); // every one sampled
        }
        assertThat(Recorder.retune(1024, 1, 1000, Recorder.MAX_SAMPLING_SHARE))
                .as("20 in a second, each 1 ms: below the floor, time slows it no further").isEqualTo(2 * 1024);
    }

    @Test
    void withALimitSlowSamplesKeepTheirShareOfTimeWithoutAnyTick() throws InterruptedException {
        Slow sink = new Slow();
        Recorder.install(sink, 1024, 1000);
        askForSamplesForOneSecond();
        // by count alone, up to 1000 samples of a millisecond each: the whole second
        assertThat(sink.samples.size()).isBetween(1, 80);
    }

    @Test
    void nothingIsRecordedWithoutASink() {
        long[] before = Recorder.totals(Recorder.UNSAFE);
        Recorder.allocatedInner(Recorder.UNSAFE, 1, 100);
        Recorder.freed(Recorder.UNSAFE, null, 1, 100);
        assertThat(Recorder.totals(Recorder.UNSAFE)).isEqualTo(before);
    }

    /**
     * Threads find their counts by their id among a fixed number of stripes: with more threads at
     * once than stripes, some share a stripe's slot and fall back to thread-local counts, and
     * stripes whose owner ended pass to new threads. Not one count may be lost on the way.
     */
    @Test
    void countsOfMoreThreadsThanStripesAreAllKeptAsThreadsComeAndGo() throws InterruptedException {
        Recorder.install(new Counting(), Long.MAX_VALUE / 4); // nothing sampled
        long[] before = Recorder.totals(Recorder.DIRECT_BUFFER);
        int rounds = 3;
        int threads = 200;
        for (int round = 0; round < rounds; round++) {
            runTogether(threads, () -> {
                for (int i = 0; i < 1000; i++) {
                    if (Recorder.enterOuter()) { // left to the outer kind: not counted
                        Recorder.allocatedInner(Recorder.DIRECT_BUFFER, 0, 1_000_000);
                    }
                    Recorder.exitOuter();
                    Recorder.allocatedInner(Recorder.DIRECT_BUFFER, 0, 3);
                    Recorder.freed(Recorder.DIRECT_BUFFER, null, 0, 2);
                }
            });
            Recorder.totals(Recorder.DIRECT_BUFFER); // lets the ended threads' stripes go
        }
        long[] after = Recorder.totals(Recorder.DIRECT_BUFFER);
        long each = (long) rounds * threads * 1000;
        assertThat(new long[] {after[0] - before[0], after[1] - before[1], after[2] - before[2], after[3] - before[3]})
                .containsExactly(each, 3 * each, each, 2 * each);
    }

    /** Starts {@code n} threads that run {@code work} at the same moment, and waits for them all. */
    private static void runTogether(int n, Runnable work) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                work.run();
            });
            thread.start();
            started.add(thread);
        }
        start.countDown();
        for (Thread thread : started) {
            thread.join();
        }
    }

    /** A sink that any number of threads may call at once, and that keeps nothing. */
    private static final class Counting implements Recorder.Sink {
        @Override
        public void sampled(int kind, Object object, long key, long bytes, double weight) {
        }

        @Override
        public long freed(int kind, Object object, long key, long bytes) {
            return bytes;
        }

        @Override
        public int releasedWatched(long key) {
            return Recorder.HELD_NONE;
        }

        @Override
        public void nested(int kind, long key) {
        }

        @Override
        public void sized(int kind, long key, long bytes) {
        }

        @Override
        public AtomicIntegerArray trackedObjects() {
            return null;
        }
    }

    /** Allocations for a second on a new thread, with its own countdown drawn with the installed interval. */
    private static void askForSamplesForOneSecond() throws InterruptedException {
        Thread allocating = new Thread(() -> {
            long end = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < end) {
                Recorder.allocated(Recorder.ONNX_TENSOR, null, 0, 1024); // each asks for a sample
            }
        });
        allocating.start();
        allocating.join();
    }
}
