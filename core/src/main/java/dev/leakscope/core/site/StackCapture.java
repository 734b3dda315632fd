package dev.leakscope.core.site;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Walks the current thread's stack to find an allocation's site: the first frame outside the JDK,
 * leakscope and the tracked libraries (ONNX Runtime, Netty, JavaCPP, TensorFlow, DJL), which is
 * where the application asked for the memory. Costs microseconds, so it runs only for sampled
 * allocations. Thread-safe.
 */
public final class StackCapture {

    /** A captured stack: the site frame, and the frames from the allocation outwards. */
    public record Captured(String site, List<String> stack) {
    }

    /** Frames kept per stack: enough to see through a framework's layers, bounded for memory. */
    public static final int MAX_FRAMES = 32;

    /** leakscope's own frames never appear: the bridge, the agent, core, and what it shades. */
    private static final String[] OWN = {"dev.leakscope.agent.bootstrap.", "dev.leakscope.agent.runtime.",
        "dev.leakscope.agent.instrument.", "dev.leakscope.core.", "dev.leakscope.shaded."};
    private static final String[] NOT_SITES = {"java.", "javax.", "jdk.", "sun.", "com.sun.", "ai.onnxruntime.",
        "io.netty.", "org.bytedeco.", "org.tensorflow.", "ai.djl."};

    private static final StackWalker WALKER = StackWalker.getInstance();

    private StackCapture() {
    }

    /**
     * The site frame's class, method and bytecode index: what tells a site apart, known without
     * the line-number lookup and string building that formatting a frame costs.
     */
    public record Frame(String className, String method, int bci) {
    }

    /**
     * The calling thread's site frame alone, walking no further than it and not formatting it: the
     * cheap half of {@link #here()}. {@code null} when the stack has no application frame.
     */
    public static Frame siteFrame() {
        return WALKER.walk(frames -> frames.filter(f -> isSite(f.getClassName())).findFirst()
                .map(f -> new Frame(f.getClassName(), f.getMethodName(), f.getByteCodeIndex())).orElse(null));
    }

    /** The calling thread's allocation site and stack. */
    public static Captured here() {
        return WALKER.walk(StackCapture::capture);
    }

    private static Captured capture(Stream<StackWalker.StackFrame> frames) {
        List<String> stack = new ArrayList<>();
        String site = null;
        for (StackWalker.StackFrame f : (Iterable<StackWalker.StackFrame>) frames::iterator) {
            String cls = f.getClassName();
            if (stack.isEmpty() && startsWithAny(cls, OWN)) {
                continue;
            }
            String frame = format(cls, f.getMethodName(), f.getFileName(), f.getLineNumber());
            if (site == null && isSite(cls)) {
                site = frame;
            }
            if (stack.size() < MAX_FRAMES) {
                stack.add(frame);
            } else if (site != null) {
                break;
            }
        }
        return new Captured(site != null ? site : stack.isEmpty() ? "(unknown)" : stack.get(stack.size() - 1), stack);
    }

    /** {@code pkg.Class.method(File.java:42)}, as in a Java stack trace. */
    static String format(String cls, String method, String file, int line) {
        String where = line == -2 ? "Native Method" : file == null ? "Unknown Source" : line >= 0 ? file + ":" + line : file;
        return cls + "." + method + "(" + where + ")";
    }

    private static boolean isSite(String cls) {
        return !startsWithAny(cls, OWN) && !startsWithAny(cls, NOT_SITES);
    }

    private static boolean startsWithAny(String s, String[] prefixes) {
        for (String p : prefixes) {
            if (s.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
