package dev.leakscope.natives;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import java.util.Optional;

/**
 * A native library that was loaded, or the reason it could not be. Absence is a value here, never
 * an exception: callers ask {@link #isAvailable()} and report {@link #unavailableReason()}.
 *
 * @param <T> the JNA interface of the library
 */
public final class Loaded<T extends Library> {
    private final T library;
    private final NativeLibrary handle;
    private final String unavailableReason;

    private Loaded(T library, NativeLibrary handle, String unavailableReason) {
        this.library = library;
        this.handle = handle;
        this.unavailableReason = unavailableReason;
    }

    static <T extends Library> Loaded<T> of(T library, NativeLibrary handle) {
        return new Loaded<>(library, handle, null);
    }

    static <T extends Library> Loaded<T> unavailable(String reason) {
        return new Loaded<>(null, null, reason);
    }

    public boolean isAvailable() {
        return library != null;
    }

    /** The library; only call when {@link #isAvailable()}. */
    public T library() {
        if (library == null) {
            throw new IllegalStateException("library not loaded: " + unavailableReason);
        }
        return library;
    }

    /** Why the library is absent, or {@code null} when it is loaded. */
    public String unavailableReason() {
        return unavailableReason;
    }

    /** The file the library was loaded from, or the reason it was not. */
    public String describe() {
        return library == null ? unavailableReason : handle.getFile() == null ? handle.getName()
                : handle.getFile().getPath();
    }

    /**
     * Why {@code symbol} cannot be called, or empty when it can. A function that an older
     * library version lacks shows up here instead of as an {@link UnsatisfiedLinkError} later.
     */
    public Optional<String> missing(String symbol) {
        if (library == null) {
            return Optional.of(unavailableReason);
        }
        try {
            handle.getFunction(symbol);
            return Optional.empty();
        } catch (UnsatisfiedLinkError e) {
            return Optional.of(symbol + " not found in " + describe());
        }
    }
}
