package dev.leakscope.agent.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bridge that iteration, phase and cleanup markers call (docs/phases.md): advice on the
 * {@code leakscope-api} methods and on the methods named in the {@code iteration}, {@code phase}
 * and {@code cleanup} options. Defined in the bootstrap loader with {@link Recorder}, so that a
 * marker in any class can see it, and free of dependencies. While no listener is installed every
 * call returns at once. Every method may be called from any thread and never throws.
 */
public final class Marks {

    /** Where phases and cleanup checks go: the observation, in the agent's own loader. */
    public interface Listener {
        /** A phase; may wait, boundedly, for the reading it writes. */
        void phase(String label);

        /** A cleanup block began; returns its handle, or {@code null} when it cannot be checked. */
        Object cleanupBegan(String label, String expected);

        /** The block with {@code token} (from {@link #cleanupBegan}) ended. */
        void cleanupEnded(Object token);
    }

    private static volatile Listener listener;
    private static final AtomicLong ITERATIONS = new AtomicLong();

    private Marks() {
    }

    /** Installs the listener; {@code null} turns markers off. */
    public static void install(Listener newListener) {
        listener = newListener;
    }

    /** One iteration ended. Counted only while a listener is installed. */
    public static void iteration() {
        if (listener != null) {
            ITERATIONS.incrementAndGet();
        }
    }

    /** Iterations counted so far (by any agent loaded into this JVM). */
    public static long iterations() {
        return ITERATIONS.get();
    }

    public static void phase(String label) {
        Listener l = listener;
        if (l != null) {
            try {
                l.phase(label);
            } catch (Throwable t) {
                Recorder.adviceFailed(t);
            }
        }
    }

    public static Object cleanupBegan(String label, String expected) {
        Listener l = listener;
        if (l == null) {
            return null;
        }
        try {
            return l.cleanupBegan(label, expected);
        } catch (Throwable t) {
            Recorder.adviceFailed(t);
            return null;
        }
    }

    public static void cleanupEnded(Object token) {
        Listener l = listener;
        if (l != null && token != null) {
            try {
                l.cleanupEnded(token);
            } catch (Throwable t) {
                Recorder.adviceFailed(t);
            }
        }
    }
}
