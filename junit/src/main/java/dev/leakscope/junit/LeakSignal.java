package dev.leakscope.junit;

import dev.leakscope.core.sample.Signals;

/** The memory a {@link LeakTest} measures after each settled iteration. */
public enum LeakSignal {

    /** Memory of the JVM's direct buffers (the {@code direct} buffer pool); needs no agent. */
    DIRECT_BUFFERS(Signals.DIRECT_BUFFERS, false, 0),

    /**
     * Live bytes of every kind the agent tracks (direct buffers, Unsafe, ONNX Runtime, DJL,
     * TensorFlow, JavaCPP, Netty): needs the agent, which the test attaches to its own JVM.
     */
    SITES("sites", true, 0),

    /**
     * The old generation after an explicit full collection; needs no agent. A few hundred bytes
     * move between two collections in a row (the JVM's own bookkeeping), so it is settled within 1 KiB.
     */
    HEAP_AFTER_GC(Signals.HEAP_AFTER_GC, false, 1024),

    /**
     * Anonymous resident memory ({@code RssAnon} of /proc/self/status; Linux only), bounded by
     * {@link LeakTest#maxRssGrowthPerIteration}. Collections do not return it to the system, so
     * it is not waited on.
     */
    RSS_ANON(Signals.RSS_ANON, false, Long.MAX_VALUE);

    private final String id;
    private final boolean needsAgent;
    private final long settledWithin;

    LeakSignal(String id, boolean needsAgent, long settledWithin) {
        this.id = id;
        this.needsAgent = needsAgent;
        this.settledWithin = settledWithin;
    }

    /** The name leakscope's events and docs use: {@code direct_buffers}, {@code sites}, ... */
    public String id() {
        return id;
    }

    boolean needsAgent() {
        return needsAgent;
    }

    /** How far two readings after consecutive collections may differ for the value to count as settled. */
    long settledWithin() {
        return settledWithin;
    }
}
