package dev.leakscope.core.event;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file that never grows past {@code maxBytes} by much: when a flush finds it at or over the cap,
 * it becomes {@code <file>.1}, older ones move up to {@code <file>.<keep>}, the oldest is dropped,
 * and writing goes on in a fresh file. {@link JsonLinesWriter} flushes after each line, so files
 * are cut between lines. So a week-long run holds at most {@code (keep + 1) x maxBytes} on disk.
 * Each fresh file begins with the stream's first line again (its {@code start} event, with the
 * target and the limits), so that every file on disk can be read, and replayed, on its own.
 */
final class RotatingFileStream extends OutputStream {

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private OutputStream current;
    private long size;
    /** The stream's first line as written so far; complete once it ends in a newline. */
    private final ByteArrayOutputStream firstLine = new ByteArrayOutputStream();
    private boolean firstLineComplete;

    RotatingFileStream(Path file, long maxBytes, int keep) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
        if (Files.size(JsonLinesWriter.createPrivate(file)) > 0) {
            shiftOlder(); // an earlier run's stream (an agent attached again) is kept, not overwritten
        }
        this.current = JsonLinesWriter.openPrivate(file);
    }

    @Override
    public void write(int b) throws IOException {
        current.write(b);
        size++;
        keepFirstLine(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        current.write(b, off, len);
        size += len;
        keepFirstLine(b, off, len);
    }

    private void keepFirstLine(byte[] b, int off, int len) {
        for (int i = off; i < off + len && !firstLineComplete; i++) {
            firstLine.write(b[i]);
            firstLineComplete = b[i] == '\n';
        }
    }

    @Override
    public void flush() throws IOException {
        current.flush();
        if (size >= maxBytes) {
            rotate();
        }
    }

    private void rotate() throws IOException {
        current.close();
        shiftOlder();
        current = Files.newOutputStream(JsonLinesWriter.createPrivate(file), StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        size = 0;
        if (firstLineComplete && firstLine.size() < maxBytes / 2) { // a huge command line is not repeated
            firstLine.writeTo(current);
            size = firstLine.size();
        }
    }

    /** {@code file} becomes {@code file.1}, {@code file.1} becomes {@code file.2}, ...; the oldest goes. */
    private void shiftOlder() throws IOException {
        if (keep == 0) {
            Files.deleteIfExists(file);
            return;
        }
        Files.deleteIfExists(numbered(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(numbered(i))) {
                Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
    }

    private Path numbered(int i) {
        return file.resolveSibling(file.getFileName() + "." + i);
    }

    @Override
    public void close() throws IOException {
        current.close();
    }
}
