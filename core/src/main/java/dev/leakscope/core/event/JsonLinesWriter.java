package dev.leakscope.core.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes one JSON object per line, UTF-8, flushed per line so that a killed process leaves every
 * written line whole. Thread-safe. A failed write is remembered, not thrown: callers check
 * {@link #failure()} and decide what to switch off.
 */
public final class JsonLinesWriter implements Closeable {

    /**
     * Events are written with jackson-core's generator alone: an ObjectMapper would load several
     * hundred databind classes on the agent's way to its first sample (docs/benchmarks.md).
     */
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final OutputStream out;
    private final String destination;
    private final boolean closeStream;
    private IOException failure;

    public JsonLinesWriter(OutputStream out, String destination, boolean closeStream) {
        this.out = out;
        this.destination = destination;
        this.closeStream = closeStream;
    }

    /**
     * Opens {@code file} for writing from its start. A new file gets permissions 0600 where the file
     * system has POSIX permissions, since findings may reveal a service's internals.
     */
    public static JsonLinesWriter toFile(Path file) throws IOException {
        return new JsonLinesWriter(openPrivate(file), file.toString(), true);
    }

    /**
     * Like {@link #toFile(Path)}, rotating when the file reaches {@code maxBytes}: it becomes
     * {@code <file>.1}, and at most {@code keep} older files are kept.
     */
    public static JsonLinesWriter toFile(Path file, long maxBytes, int keep) throws IOException {
        return new JsonLinesWriter(new RotatingFileStream(file, maxBytes, keep), file.toString(), true);
    }

    /**
     * Writes to this process's standard output. Not {@code System.out}: a PrintStream swallows
     * write errors, and a closed pipe must be seen as a failed write.
     */
    public static JsonLinesWriter toStdout() {
        return new JsonLinesWriter(new FileOutputStream(FileDescriptor.out), "stdout", false);
    }

    /** Writes to this process's standard error, like {@link #toStdout()}. */
    public static JsonLinesWriter toStderr() {
        return new JsonLinesWriter(new FileOutputStream(FileDescriptor.err), "stderr", false);
    }

    /** Opens {@code file} from its start; see {@link #createPrivate}. */
    static OutputStream openPrivate(Path file) throws IOException {
        return Files.newOutputStream(createPrivate(file), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * Creates {@code file} where it does not exist yet, with permissions 0600 where the file system
     * has POSIX permissions; an existing file keeps its own. Used for every file leakscope writes.
     */
    public static Path createPrivate(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException(parent + " is not a directory");
        }
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // an existing file keeps the permissions its owner gave it
        }
        return file;
    }

    /** Writes {@code event} as one line; returns false (and writes nothing more) once a write failed. */
    public synchronized boolean write(ObjectNode event) {
        if (failure != null) {
            return false;
        }
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            try (JsonGenerator g = JSON.createGenerator(line)) {
                writeTree(g, event);
            }
            line.write('\n');
            line.writeTo(out);
            out.flush();
            return true;
        } catch (IOException e) {
            failure = e;
            return false;
        }
    }

    /**
     * A failure to open or write a file, for a one-line message: the reason the system gave, not
     * only the path that java.nio puts in the message of most of its exceptions.
     */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException) {
            return e.getClass().getSimpleName() + " on " + ((FileSystemException) e).getFile();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** The first write failure, or {@code null}. */
    public synchronized IOException failure() {
        return failure;
    }

    /** Where lines go, for messages: a path, "stdout" or "stderr". */
    public String destination() {
        return destination;
    }

    /** Writes a tree of object, array, text, number, boolean and null nodes: all that events hold. */
    private static void writeTree(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) node::fields) {
                    g.writeFieldName(field.getKey());
                    writeTree(g, field.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode element : node) {
                    writeTree(g, element);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case NUMBER -> writeNumber(g, node);
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL -> g.writeNull();
            default -> throw new IOException("cannot write a " + node.getNodeType() + " node in an event");
        }
    }

    private static void writeNumber(JsonGenerator g, JsonNode node) throws IOException {
        if (node.isIntegralNumber()) {
            g.writeNumber(node.longValue());
        } else {
            g.writeNumber(node.doubleValue());
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.flush();
            if (closeStream) {
                out.close();
            }
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}
