package dev.leakscope.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Defines the bridge ({@code Recorder} and {@code Marks}) in the bootstrap loader, where advice inlined into the
 * JDK's classes can see it. Defined there directly, not by appending the jar to the bootstrap
 * class path: that would turn class-data sharing off for the host's own classes and make the JVM
 * print a warning on the host's stderr. The JDK's internal {@code Unsafe.defineClass} does it,
 * reached by exporting its package to this module through {@link Instrumentation#redefineModule}:
 * unlike {@code sun.misc.Unsafe}, it makes no JDK 24+ print a deprecation warning either. Must run
 * before anything refers to {@code Recorder}.
 */
public final class Bridge {

    private static final String RECORDER = "dev.leakscope.agent.bootstrap.Recorder";
    private static final String MARKS = "dev.leakscope.agent.bootstrap.Marks";
    /** Recorder and Marks with their nested classes; a test checks that the jar holds no other of theirs. */
    public static final List<String> CLASSES = List.of(RECORDER, RECORDER + "$Sink", RECORDER + "$PerThread",
            RECORDER + "$Local", MARKS, MARKS + "$Listener");
    private static final String INTERNAL_UNSAFE = "jdk.internal.misc";

    private Bridge() {
    }

    /**
     * Defines the bridge unless an earlier load of the agent did.
     *
     * @param agentJarLoader the loader that reads the agent jar's top level, where the bridge's class files are
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
            Module base = Object.class.getModule();
            instrumentation.redefineModule(base, Set.of(), Map.of(INTERNAL_UNSAFE, Set.of(Bridge.class.getModule())),
                    Map.of(), Set.of(), Map.of());
            Class<?> unsafeClass = Class.forName(INTERNAL_UNSAFE + ".Unsafe");
            Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
            Method defineClass = unsafeClass.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                    ClassLoader.class, ProtectionDomain.class);
            for (String name : CLASSES) {
                byte[] bytes = classFile(agentJarLoader, name);
                defineClass.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
            }
            return null;
        } catch (InvocationTargetException e) {
            return "cannot define the bridge in the bootstrap loader: " + e.getCause();
        } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "cannot define the bridge in the bootstrap loader: " + e;
        }
    }

    private static byte[] classFile(ClassLoader loader, String name) throws IOException {
        String path = name.replace('.', '/') + ".class";
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException(path + " is not in the agent jar");
            }
            return in.readAllBytes();
        }
    }
}
