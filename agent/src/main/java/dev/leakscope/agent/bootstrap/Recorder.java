package dev.leakscope.agent.bootstrap;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The bridge that advice inlined into JDK and library classes calls: defined in the bootstrap loader,
 * so that {@code DirectByteBuffer} and {@code Unsafe} can see it, and free of dependencies. It counts
 * every allocation and release per kind, which must cost next to nothing, and hands a byte-weighted
 * sample of allocations to the {@link Sink}, where stacks are walked and sites kept.
 * <p>
 * Every method may be called from any thread, including the JDK's Cleaner thread, and never throws.
 * While no sink is installed every call returns at once. The hot path finds the calling thread's
 * cells and does plain arithmetic: counts are kept per thread (summed by {@link #totals}), and the
 * sampling decision is a per-thread countdown of bytes, not a random draw per allocation.
 */
public final class Recorder {

    /** Where sampled allocations and every release go: the site table in the agent's own loader. */
    public interface Sink {
        /**
         * A sampled allocation; {@code key} is its address for address-keyed kinds, else 0;
         * {@code weight} how many allocations like it the sample stands for.
         */
        void sampled(int kind, Object object, long key, long bytes, double weight);

        /**
         * A release; returns the bytes it frees, or -1 when the allocation was left to an outer kind
         * (and so was never counted). {@code bytes} is -1 where only the allocation knew its size.
         */
        long freed(int kind, Object object, long key, long bytes);

        /**
         * The release of a direct buffer whose address the bridge watches (sampled or nested): lets go
         * of it, and returns what the sink held of it, {@link #HELD_NONE}, {@link #HELD_SAMPLED}
         * or {@link #HELD_NESTED}.
         */
        int releasedWatched(long key);

        /** An allocation of an address-keyed kind inside an outer one, left to the outer kind. */
        void nested(int kind, long key);

        /** An allocation whose size its release will not know ({@code Unsafe.freeMemory}). */
        void sized(int kind, long key, long bytes);

        /**
         * How many objects of each kind (by id) the sink holds until their release, kept up to date
         * by the sink; {@code null} when it cannot say. A release of an object of a kind with none
         * held is counted without calling {@link #freed}.
         */
        AtomicIntegerArray trackedObjects();
    }

    public static final int DIRECT_BUFFER = 0;
    public static final int UNSAFE = 1;
    public static final int ONNX_TENSOR = 2;
    public static final int ONNX_RESULT = 3;
    public static final int ONNX_SESSION = 4;
    public static final int NETTY_BYTEBUF = 5;
    public static final int JAVACPP_POINTER = 6;
    public static final int TF_TENSOR = 7;
    public static final int DJL_NDARRAY = 8;
    public static final int DJL_NDMANAGER = 9;
    public static final int KINDS = 10;

    /**
     * The nominal size an allocation of 0 bytes is sampled at: objects that hold no memory Java can
     * see (a result, a manager, a tensor whose data is a direct buffer) must be sampled at all.
     */
    public static final long UNSIZED_SAMPLED_AS = 64 * 1024;

    /** What a sink held of a released direct buffer (the ordinals of core's {@code SiteTable.AddressRelease}). */
    public static final int HELD_NONE = 0;
    public static final int HELD_SAMPLED = 1;
    public static final int HELD_NESTED = 2;

    /** allocated count, allocated bytes, freed count, freed bytes: per kind. */
    private static final int COUNTERS = 4;

    private static volatile Sink sink;
    /** The sink's {@link Sink#trackedObjects()}: read on every release of an object, so kept beside it. */
    private static volatile AtomicIntegerArray trackedObjects;
    /** The mean number of bytes between two samples; 1 samples every allocation. */
    private static volatile long interval = 512 * 1024;
    private static volatile long configured = interval;
    private static volatile long maxPerSecond;
    private static final AtomicLong SAMPLES = new AtomicLong();
    /** Time spent in the sink on samples since the last retune. */
    private static final AtomicLong SAMPLING_NANOS = new AtomicLong();
    /**
     * The most of one core's time that samples may take, when sampling is throttled. Until the JIT
     * has compiled the sampling path (at 100 samples a second, about a minute) a sample takes tens
     * of microseconds, not the 1.5 it takes later: this slows sampling down meanwhile, so that the
     * cost stays bounded, rather than the number of stack walks.
     */
    public static final double MAX_SAMPLING_SHARE = 0.002;
    /**
     * Samples a second that the time limit never goes below: the first samples at a new site
     * (a whole stack, classes loaded) take milliseconds, and a leak of ten large buffers a second
     * must still have every one sampled, as the count limit alone would.
     */
    public static final double MIN_TIMED_PER_SECOND = 25;
    /** How often sampling retunes itself: a burst is throttled within this. */
    static final long RETUNE_NANOS = 100_000_000L;
    private static final AtomicLong RETUNED_AT = new AtomicLong(System.nanoTime());
    private static final AtomicLong ADVICE_ERRORS = new AtomicLong();
    private static volatile Throwable firstAdviceError;

    /** Cells: padding, {@link #COUNTERS} per kind, the sampling countdown, the nesting depth, padding. */
    private static final int PAD = 8;
    private static final int UNTIL_SAMPLE = PAD + KINDS * COUNTERS;
    private static final int OUTER_DEPTH = UNTIL_SAMPLE + 1;
    private static final int CELLS = OUTER_DEPTH + 1 + PAD;
    /**
     * Cells for up to this many threads at once, found by the thread's id, each owned by one live
     * thread. Why not a thread-local alone: its lookup is a chain of some nine dependent loads
     * (map, table, entry, referent, value, array), which the native code of an inference leaves
     * cold in the cache; a stripe is two (BridgeToggle: the bridge's work on the ONNX Runtime loop
     * fell from 2.2% to 1.5-1.7%, docs/benchmarks.md). A thread whose stripe another owns falls back
     * to its thread-local cells.
     */
    private static final int STRIPES = 128;
    private static final long[][] STRIPE_CELLS = new long[STRIPES][];
    private static final AtomicReferenceArray<Thread> OWNERS = new AtomicReferenceArray<Thread>(STRIPES);

    static {
        for (int i = 0; i < STRIPES; i++) {
            STRIPE_CELLS[i] = new long[CELLS]; // padded: stripes written by threads on other cores share no cache line
        }
    }

    private static final ThreadLocal<PerThread> THREAD = new Local();
    /**
     * Direct-buffer addresses handed to the sink (sampled, or nested in an outer kind), counted per
     * hash slot. A release whose slot is 0 is none of them and is counted without calling the sink:
     * nearly every release, at the cost of one array read. This keeps the code inlined into the
     * Deallocator small, so that the JIT still inlines the JDK's cleaner into its callers as it
     * does without the agent. A slot is lowered when the sink lets go of an address counted there.
     */
    private static final AtomicIntegerArray WATCHED = new AtomicIntegerArray(1 << 16);
    private static final ConcurrentLinkedQueue<PerThread> THREADS = new ConcurrentLinkedQueue<PerThread>();
    /** Counts of threads that have ended, folded in by {@link #totals}. */
    private static final long[] ENDED = new long[KINDS * COUNTERS];

    /** The cells of a thread without a stripe of its own: written by that thread only. */
    static final class PerThread {
        final long[] cells = new long[CELLS];
        final WeakReference<Thread> thread = new WeakReference<Thread>(Thread.currentThread());

        PerThread() {
            cells[UNTIL_SAMPLE] = gap(interval);
        }
    }

    /** Registers each thread's counts where {@link #totals} finds them. */
    static final class Local extends ThreadLocal<PerThread> {
        @Override
        protected PerThread initialValue() {
            PerThread t = new PerThread();
            THREADS.add(t);
            return t;
        }
    }

    private Recorder() {
    }

    /** Installs the sink (null turns recording off) and the sampling interval in bytes, never throttled. */
    public static void install(Sink newSink, long sampleBytes) {
        install(newSink, sampleBytes, 0);
    }

    /**
     * Installs the sink (null turns recording off), the sampling interval in bytes, and the most
     * samples a second ({@code 0}: no limit): at most every {@link #RETUNE_NANOS} the sampling path
     * itself retunes the interval, so that the limit holds whatever the agent's tick interval.
     */
    public static void install(Sink newSink, long sampleBytes, long maxSamplesPerSecond) {
        interval = Math.max(1, sampleBytes);
        configured = interval;
        maxPerSecond = maxSamplesPerSecond;
        SAMPLES.set(0);
        SAMPLING_NANOS.set(0);
        RETUNED_AT.set(System.nanoTime());
        for (int i = 0; i < WATCHED.length(); i++) {
            WATCHED.set(i, 0); // a new sink holds nothing yet; an old one's leftovers would only cost time
        }
        redrawCountdowns();
        trackedObjects = newSink == null ? null : newSink.trackedObjects();
        sink = newSink;
    }

    /**
     * Every thread's bytes to its next sample, drawn again with the interval now in force: a
     * countdown drawn with an earlier one (a re-attach after a run with {@code sample_bytes=1TiB})
     * would hold that thread's sampling back until it ran out. A thread counting down meanwhile may
     * keep its own; either is a fair draw.
     */
    private static void redrawCountdowns() {
        for (long[] stripe : STRIPE_CELLS) {
            stripe[UNTIL_SAMPLE] = gap(interval);
        }
        for (PerThread t : THREADS) {
            t.cells[UNTIL_SAMPLE] = gap(interval);
        }
    }

    /** An allocation of {@code bytes} by an object of {@code kind} (an outer kind, or one that is never nested). */
    public static void allocated(int kind, Object object, long key, long bytes) {
        allocated(kind, object, key, bytes, bytes);
    }

    /**
     * The same, sampled as if it were {@code sampledAs} bytes: {@code Long.MAX_VALUE} samples
     * every one (sessions: few and large).
     */
    public static void allocated(int kind, Object object, long key, long bytes, long sampledAs) {
        Sink s = sink;
        if (s != null) {
            record(s, cells(), kind, object, key, bytes, sampledAs);
        }
    }

    /** An allocation of an inner kind (direct buffers, Unsafe): left to the outer kind when inside one. */
    public static void allocatedInner(int kind, long key, long bytes) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        long[] c = cells();
        if (c[OUTER_DEPTH] > 0) {
            watch(kind, key);
            s.nested(kind, key);
            return;
        }
        if (kind == UNSAFE) {
            s.sized(kind, key, bytes);
        }
        record(s, c, kind, null, key, bytes, bytes);
    }

    /** A release: {@code close()}, {@code release()}, a Deallocator run, {@code freeMemory}. */
    public static void freed(int kind, Object object, long key, long bytes) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        long freed;
        if (kind == DIRECT_BUFFER) {
            freed = WATCHED.get(slot(key)) == 0 ? bytes : freedWatched(s, key, bytes);
        } else if (object != null && noneTracked(kind)) {
            freed = bytes; // the sink holds no object of this kind: nothing to let go of (a tensor's close)
        } else {
            freed = s.freed(kind, object, key, bytes);
        }
        if (freed >= 0) {
            long[] c = cells();
            c[PAD + kind * COUNTERS + 2]++;
            c[PAD + kind * COUNTERS + 3] += freed;
        }
    }

    /**
     * Whether the sink holds no object of {@code kind}, so that its release need not reach it: two
     * loads, where the sink's own check is a chain of some six (sink, table, its counts, the kind)
     * that the native code of an inference leaves cold in the cache.
     */
    private static boolean noneTracked(int kind) {
        AtomicIntegerArray held = trackedObjects;
        return held != null && held.get(kind) == 0;
    }

    /** A direct buffer's release whose slot is watched: the sink decides; -1 when it was nested. */
    private static long freedWatched(Sink s, long key, long bytes) {
        int held = s.releasedWatched(key);
        if (held != HELD_NONE) {
            WATCHED.decrementAndGet(slot(key));
        }
        return held == HELD_NESTED ? -1 : bytes;
    }

    /** Counts a direct-buffer address in its slot before the sink holds it. */
    private static void watch(int kind, long key) {
        if (kind == DIRECT_BUFFER) {
            WATCHED.incrementAndGet(slot(key));
        }
    }

    /** Fibonacci hashing: addresses are aligned, so their low bits alone would crowd a few slots. */
    static int slot(long address) {
        return (int) ((address * 0x9E3779B97F4A7C15L) >>> 48);
    }

    /**
     * Entering an outer kind's allocation (a tensor's factory): inner allocations are its own.
     * Returns whether this is the outermost one, which alone counts when factories call each other.
     */
    public static boolean enterOuter() {
        if (sink == null) {
            return false;
        }
        return cells()[OUTER_DEPTH]++ == 0;
    }

    /** Leaving it; pairs with {@link #enterOuter()} even when the sink changed in between. */
    public static void exitOuter() {
        long[] c = cells();
        if (c[OUTER_DEPTH] > 0) {
            c[OUTER_DEPTH]--;
        }
    }

    /**
     * Keeps sampling under {@code maxPerSecond} samples a second and under {@code maxShare} of one
     * core's time, though not below {@link #MIN_TIMED_PER_SECOND} for the time: called by the
     * sampling path at most every {@link #RETUNE_NANOS}, {@code seconds} after the previous call.
     * Raises the interval by as much as either limit was exceeded, lowers
     * it again (not below {@code configured}) when both are far from their limits; samples weigh in
     * the interval they were drawn with, so estimates stay unbiased. Returns the interval now in force.
     */
    public static long retune(long configured, double seconds, long maxPerSecond, double maxShare) {
        double span = Math.max(seconds, 1e-3);
        double rate = SAMPLES.getAndSet(0) / span;
        double share = SAMPLING_NANOS.getAndSet(0) / 1e9 / span;
        long now = interval;
        if (configured <= 1) {
            return now; // every allocation was asked for
        }
        double over = Math.max(rate / maxPerSecond, Math.min(share / maxShare, rate / MIN_TIMED_PER_SECOND));
        if (over > 1) {
            now = (long) Math.min(now * over, Long.MAX_VALUE / 4);
        } else if (over < 0.25 && now > configured) {
            now = Math.max(configured, now / 2);
        }
        interval = now;
        return now;
    }

    /**
     * On the sampling path, so that only sampled allocations pay for it: every
     * {@link #RETUNE_NANOS}, or at once when this window has already taken its share of either
     * limit (a burst is throttled within that share, not after a whole window of it).
     */
    private static void retuneWhenDue(long taken, long spentNanos) {
        long limit = maxPerSecond;
        if (limit <= 0) {
            return;
        }
        long last = RETUNED_AT.get();
        long now = System.nanoTime();
        boolean due = now - last >= RETUNE_NANOS || taken > limit * RETUNE_NANOS / 1_000_000_000L
                || spentNanos > MAX_SAMPLING_SHARE * RETUNE_NANOS;
        if (due && RETUNED_AT.compareAndSet(last, now)) {
            retune(configured, (now - last) / 1e9, limit, MAX_SAMPLING_SHARE);
        }
    }

    /** Called in place of a suppressed advice exception: counted, and the first one kept. */
    public static void adviceFailed(Throwable t) {
        if (ADVICE_ERRORS.getAndIncrement() == 0) {
            firstAdviceError = t;
        }
    }

    public static long adviceErrors() {
        return ADVICE_ERRORS.get();
    }

    public static Throwable firstAdviceError() {
        return firstAdviceError;
    }

    /**
     * {allocated count, allocated bytes, freed count, freed bytes} of {@code kind}, summed over
     * threads; a thread's latest counts may show a moment late. Folds in threads that have ended.
     */
    public static long[] totals(int kind) {
        synchronized (ENDED) {
            long[] out = new long[COUNTERS];
            for (Iterator<PerThread> it = THREADS.iterator(); it.hasNext(); ) {
                PerThread t = it.next();
                if (t.thread.get() == null) {
                    for (int i = 0; i < KINDS * COUNTERS; i++) {
                        ENDED[i] += t.cells[PAD + i];
                    }
                    it.remove();
                } else {
                    addCounts(out, t.cells, kind);
                }
            }
            for (int stripe = 0; stripe < STRIPES; stripe++) {
                addCounts(out, STRIPE_CELLS[stripe], kind); // an ended owner's counts stay in its stripe
                Thread owner = OWNERS.get(stripe);
                if (owner != null && !owner.isAlive()) {
                    OWNERS.compareAndSet(stripe, owner, null);
                }
            }
            for (int i = 0; i < COUNTERS; i++) {
                out[i] += ENDED[kind * COUNTERS + i];
            }
            return out;
        }
    }

    private static void addCounts(long[] out, long[] cells, int kind) {
        for (int i = 0; i < COUNTERS; i++) {
            out[i] += cells[PAD + kind * COUNTERS + i];
        }
    }

    /**
     * The calling thread's cells: its stripe's when it owns it or can claim it, else its
     * thread-local ones.
     */
    private static long[] cells() {
        Thread me = Thread.currentThread();
        int stripe = (int) me.getId() & (STRIPES - 1);
        if (OWNERS.get(stripe) == me || claim(me, stripe)) {
            return STRIPE_CELLS[stripe];
        }
        return THREAD.get().cells;
    }

    /**
     * Makes the calling thread the owner of a free stripe. Its counts so far stay in its
     * thread-local cells; its nesting depth and sampling countdown move with it.
     */
    private static boolean claim(Thread me, int stripe) {
        if (OWNERS.get(stripe) != null || !OWNERS.compareAndSet(stripe, null, me)) {
            return false;
        }
        long[] own = THREAD.get().cells;
        long[] c = STRIPE_CELLS[stripe];
        c[OUTER_DEPTH] = own[OUTER_DEPTH];
        c[UNTIL_SAMPLE] = own[UNTIL_SAMPLE];
        own[OUTER_DEPTH] = 0;
        return true;
    }

    private static void record(Sink s, long[] c, int kind, Object object, long key, long bytes, long sampledAsGiven) {
        c[PAD + kind * COUNTERS]++;
        c[PAD + kind * COUNTERS + 1] += bytes;
        long sampledAs = sampledAsGiven > 0 ? sampledAsGiven : UNSIZED_SAMPLED_AS;
        long mean = interval;
        if (sampledAs >= mean || mean <= 1) {
            sample(s, kind, object, key, bytes, 1);
            return;
        }
        c[UNTIL_SAMPLE] -= sampledAs;
        if (c[UNTIL_SAMPLE] <= 0) {
            c[UNTIL_SAMPLE] = gap(mean);
            // sampled with probability 1 - e^(-b/mean): the sample stands for the inverse of that
            sample(s, kind, object, key, bytes, 1 / -Math.expm1(-(double) sampledAs / mean));
        }
    }

    private static void sample(Sink s, int kind, Object object, long key, long bytes, double weight) {
        long taken = SAMPLES.incrementAndGet();
        watch(kind, key);
        long start = System.nanoTime();
        s.sampled(kind, object, key, bytes, weight);
        retuneWhenDue(taken, SAMPLING_NANOS.addAndGet(System.nanoTime() - start));
    }

    /** Bytes to the next sample: exponential with mean {@code mean}, so that sampling is a Poisson process over bytes. */
    static long gap(long mean) {
        return mean <= 1 ? 0 : (long) Math.ceil(-Math.log(1 - ThreadLocalRandom.current().nextDouble()) * mean);
    }
}
