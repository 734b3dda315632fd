package dev.leakscope.agent.instrument;

import java.lang.instrument.Instrumentation;
import java.util.Set;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.loading.ClassInjector;

/**
 * Defines the bridge ({@code Recorder}) in the bootstrap loader, where advice inlined into the
 * JDK's classes can see it. Defined there directly, not by appending the jar to the bootstrap
 * class path: that would turn class-data sharing off for the host's own classes and make the JVM
 * print a warning on the host's stderr. Must run before anything refers to {@code Recorder}.
 */
public final class Bridge {

    private static final String RECORDER = "dev.leakscope.agent.bootstrap.Recorder";
    /** Recorder and its nested classes; a test checks that the jar holds no other. */
    public static final Set<String> CLASSES = Set.of(RECORDER, RECORDER + "$Sink", RECORDER + "$PerThread",
            RECORDER + "$Local");

    private Bridge() {
    }

    /**
     * Defines the bridge unless an earlier load of the agent did.
     *
     * @return {@code null} when the bridge is in the bootstrap loader, else why not
     */
    public static String define(Instrumentation instrumentation, ClassLoader agentJarLoader) {
        try {
            Class.forName(RECORDER, false, null);
            return null;
        } catch (ClassNotFoundException notYet) {
            // defined below
        }
        try {
            ClassInjector.UsingUnsafe.Factory factory = ClassInjector.UsingUnsafe.Factory.resolve(instrumentation);
            if (!factory.isAvailable()) {
                return "cannot define classes in the bootstrap loader in this JVM";
            }
            factory.make(null).injectRaw(CLASSES, ClassFileLocator.ForClassLoader.of(agentJarLoader));
            return null;
        } catch (RuntimeException | LinkageError e) {
            return "cannot define the bridge in the bootstrap loader: " + e;
        }
    }
}
