package dev.leakscope.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Takes the agent's advice out of some classes and puts it back, by retransformation: while off,
 * a transformer added after the agent's hands the JVM each class's original class file in place of
 * what the agent made of it. Both states are retransformed at every switch, so both pay the same
 * deoptimization and recompilation.
 */
final class AdviceSwitch implements BridgeToggle.Switch, ClassFileTransformer {

    private final Instrumentation instrumentation;
    private final Set<String> internalNames;
    private final List<Class<?>> classes = new ArrayList<>();
    private volatile boolean off;
    /** Classes given their original class file since the last switch. */
    private final Set<String> restored = ConcurrentHashMap.newKeySet();

    /** Switches the named classes, which must be loaded already (the loop has run). */
    AdviceSwitch(Instrumentation instrumentation, List<String> classNames) throws ClassNotFoundException {
        this.instrumentation = instrumentation;
        this.internalNames = Set.copyOf(classNames.stream().map(n -> n.replace('.', '/')).toList());
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (classNames.contains(c.getName())) {
                classes.add(c);
            }
        }
        if (classes.size() != classNames.size()) {
            throw new ClassNotFoundException("loaded: " + classes + ", expected all of " + classNames);
        }
        instrumentation.addTransformer(this, true);
    }

    /** Retransforms the classes; while off, fails unless every one of them got its original class file. */
    @Override
    public void set(boolean on) {
        off = !on;
        restored.clear();
        try {
            instrumentation.retransformClasses(classes.toArray(new Class<?>[0]));
        } catch (UnmodifiableClassException e) {
            throw new IllegalStateException("cannot retransform " + classes + ": " + e.getMessage(), e);
        }
        if (off && !restored.equals(internalNames)) {
            throw new IllegalStateException("the advice stayed in some classes: restored " + restored + " of " + internalNames);
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                            byte[] classFile) {
        if (!off || className == null || !internalNames.contains(className)) {
            return null;
        }
        try {
            byte[] original = original(loader, className + ".class");
            restored.add(className);
            return original;
        } catch (IOException e) {
            throw new IllegalStateException(e); // the JVM keeps the agent's version; the count check then fails
        }
    }

    /** The class file as its jar (or the JDK's image) holds it, before any agent changed it. */
    private static byte[] original(ClassLoader loader, String path) throws IOException {
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(path) : loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException(path + " not found by " + loader);
            }
            return in.readAllBytes();
        }
    }
}
