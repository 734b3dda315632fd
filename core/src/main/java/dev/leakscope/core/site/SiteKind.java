package dev.leakscope.core.site;

import dev.leakscope.core.sample.Signals;
import java.util.List;

/**
 * The kinds of object whose allocations are tracked, one or more per instrumentation module. The
 * ids are those the agent's bootstrap bridge passes ({@code Recorder.DIRECT_BUFFER}, ...); the json
 * names are part of the event contract (site ids begin with them): never rename one.
 */
public enum SiteKind {
    DIRECT_BUFFER(0, "direct_buffer", Release.BY_GC_OR_CALL, Key.ADDRESS, Signals.DIRECT_BUFFERS),
    UNSAFE(1, "unsafe", Release.BY_CALL, Key.ADDRESS, Signals.RSS_ANON),
    ONNX_TENSOR(2, "onnx_tensor", Release.BY_CLOSE, Key.OBJECT, Signals.RSS_ANON),
    ONNX_RESULT(3, "onnx_result", Release.BY_CLOSE, Key.OBJECT, Signals.RSS_ANON),
    ONNX_SESSION(4, "onnx_session", Release.BY_CLOSE, Key.OBJECT, Signals.RSS_ANON),
    NETTY_BYTEBUF(5, "netty_bytebuf", Release.BY_CLOSE, Key.OBJECT, Signals.RSS_ANON),
    /** JavaCPP frees a pointer's memory when it is collected: keyed by its deallocator's reference. */
    JAVACPP_POINTER(6, "javacpp_pointer", Release.BY_GC_OR_CALL, Key.OBJECT, Signals.RSS_ANON),
    /** TensorFlow tensors are JavaCPP pointers, freed when collected too: keyed by the native tensor's address. */
    TF_TENSOR(7, "tf_tensor", Release.BY_GC_OR_CALL, Key.ADDRESS, Signals.RSS_ANON),
    DJL_NDARRAY(8, "djl_ndarray", Release.BY_CLOSE, Key.OBJECT, Signals.RSS_ANON),
    DJL_NDMANAGER(9, "djl_ndmanager", Release.BY_CLOSE, Key.OBJECT, Signals.RSS_ANON);

    /** How an object of a kind gives its memory back. */
    public enum Release {
        /** The JDK frees it after GC (a Cleaner), or an explicit call does sooner: unreachable is not a leak. */
        BY_GC_OR_CALL,
        /** Only an explicit free does; the memory has no object to become unreachable. */
        BY_CALL,
        /** Only {@code close()}: an object that becomes unreachable unclosed has leaked its memory. */
        BY_CLOSE
    }

    /** What identifies an allocation when it is released. */
    public enum Key {
        /** Its address: the release names only that ({@code freeMemory(address)}, a Deallocator). */
        ADDRESS,
        /** The object itself ({@code close()} on it). */
        OBJECT
    }

    private final int id;
    private final String json;
    private final Release release;
    private final Key key;
    private final String processSignal;

    SiteKind(int id, String json, Release release, Key key, String processSignal) {
        this.id = id;
        this.json = json;
        this.release = release;
        this.key = key;
        this.processSignal = processSignal;
    }

    public int id() {
        return id;
    }

    public String json() {
        return json;
    }

    public Release release() {
        return release;
    }

    /** Whether an unreachable, unclosed object of this kind is proof of a leak. */
    public boolean closeable() {
        return release == Release.BY_CLOSE;
    }

    /** Whether objects are keyed by address (their release names an address, not an object). */
    public boolean addressKeyed() {
        return key == Key.ADDRESS;
    }

    /**
     * The process signal whose growth this kind's memory shows in, besides rss_anon and uss:
     * the limit of a site is that signal's.
     */
    public String processSignal() {
        return processSignal;
    }

    /** Whether this kind's memory is part of {@code signal}: direct buffers are in direct_buffers and in RSS. */
    public boolean explains(String signal) {
        return signal.equals(processSignal) || MEMORY_OF_PROCESS.contains(signal);
    }

    private static final List<String> MEMORY_OF_PROCESS = List.of(Signals.RSS_ANON, Signals.USS, Signals.PSS_ANON,
            Signals.RSS, Signals.NMT_COMMITTED);

    private static final SiteKind[] BY_ID = byId();

    /** The kind whose json name is {@code json}, or {@code null} ({@code other}, or not a kind). */
    public static SiteKind named(String json) {
        for (SiteKind k : values()) {
            if (k.json.equals(json)) {
                return k;
            }
        }
        return null;
    }

    /** The kind of a site signal {@code site:<kind>:<frame>}, or {@code null} ({@code site:other}, or not a site). */
    public static SiteKind ofSignal(String signal) {
        if (!signal.startsWith(Signals.SITE_PREFIX)) {
            return null;
        }
        int end = signal.indexOf(':', Signals.SITE_PREFIX.length());
        return end < 0 ? null : named(signal.substring(Signals.SITE_PREFIX.length(), end));
    }

    /** The kind with bridge id {@code id}; an id out of range names what was expected. */
    public static SiteKind of(int id) {
        if (id < 0 || id >= BY_ID.length || BY_ID[id] == null) {
            throw new IllegalArgumentException("site kind id " + id + " (expected: 0 to " + (BY_ID.length - 1) + ")");
        }
        return BY_ID[id];
    }

    private static SiteKind[] byId() {
        SiteKind[] all = new SiteKind[values().length];
        for (SiteKind k : values()) {
            all[k.id] = k;
        }
        return all;
    }
}
