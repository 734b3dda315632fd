package dev.leakscope.bench;

import java.lang.instrument.Instrumentation;

/**
 * The benchmark jar as a second Java agent ({@code -javaagent:bench/target/benchmarks.jar}), for
 * {@link AdviceSwitch}: it only keeps the JVM's {@link Instrumentation}, and changes nothing itself.
 */
public final class BenchAgent {

    private static volatile Instrumentation instrumentation;

    private BenchAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        instrumentation = inst;
    }

    /** The JVM's instrumentation, or an error that says how to get it. */
    static Instrumentation instrumentation() {
        Instrumentation inst = instrumentation;
        if (inst == null) {
            throw new IllegalStateException("no instrumentation: start this JVM with -javaagent:bench/target/benchmarks.jar"
                    + " after the leakscope agent");
        }
        return inst;
    }
}
