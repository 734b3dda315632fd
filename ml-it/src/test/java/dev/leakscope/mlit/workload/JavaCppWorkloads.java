package dev.leakscope.mlit.workload;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;

/**
 * JavaCPP's own allocations: a {@code BytePointer} of 64 KiB per iteration, closed, kept in a list
 * that only grows (a leak), or dropped. JavaCPP frees a dropped pointer's memory when its collector
 * thread sees it collected, so dropping is no leak; keeping is.
 * <p>
 * Each variant allocates on a line of its own in a method of its own, so that each site is a
 * distinct file and line.
 */
public final class JavaCppWorkloads {

    /** Bytes per pointer: 64 KiB. */
    public static final int BYTES = 64 * 1024;
    /** The leak: pointers kept for the life of the process. */
    static final List<BytePointer> KEPT = new ArrayList<>();

    private JavaCppWorkloads() {
    }

    static void run(MlWorkloads.Mode mode, double seconds) throws InterruptedException {
        MlWorkloads.Paced done = MlWorkloads.paced(seconds, i -> {
            byte value = (byte) i;
            return switch (mode) {
                case CLOSING -> closing(value);
                case KEEPING -> keeping(value);
                case DROPPING -> dropping(value);
            };
        });
        System.out.println("javacpp done iterations=" + done.iterations() + " kept=" + KEPT.size() + " checksum=" + done.checksum());
    }

    private static long closing(byte value) {
        try (BytePointer p = new BytePointer(BYTES)) {
            return use(p, value);
        }
    }

    private static long keeping(byte value) {
        BytePointer p = new BytePointer(BYTES);
        KEPT.add(p);
        return use(p, value);
    }

    private static long dropping(byte value) {
        BytePointer p = new BytePointer(BYTES);
        return use(p, value);
    }

    /** Writes the whole pointer, so that its pages are really in use, and reads one byte back. */
    private static long use(BytePointer p, byte value) {
        p.fill(value);
        return p.get(BYTES - 1);
    }
}
