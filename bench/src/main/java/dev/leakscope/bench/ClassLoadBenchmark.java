package dev.leakscope.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the agent adds to loading a class that none of its modules instruments: every class the
 * host loads passes through the agent's transformer, which must decide by the class's name alone
 * (parsing the class file to decide would cost tens of microseconds a class, for as long as the
 * host loads classes). Each call defines JMH's {@code TimeValue} class file, 4.4 KiB, in a loader of
 * its own: a class of the host's, as the agent sees it, neither its own nor one it instruments.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClassLoadBenchmark {

    private static final String DEFINED = "org.openjdk.jmh.runner.options.TimeValue";

    private byte[] classFile;

    /** A loader that defines one class from bytes. */
    private static final class OneClass extends ClassLoader {
        OneClass() {
            super(ClassLoadBenchmark.class.getClassLoader());
        }

        Class<?> define(byte[] bytes) {
            return defineClass(DEFINED, bytes, 0, bytes.length);
        }
    }

    @Setup
    public void setUp() throws IOException {
        String resource = DEFINED.replace('.', '/') + ".class";
        try (InputStream in = ClassLoadBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not on the benchmark's class path");
            }
            classFile = in.readAllBytes();
        }
    }

    @Benchmark
    public Class<?> defineAClass() {
        return new OneClass().define(classFile);
    }
}
