package dev.leakscope.core.proc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The only class that touches {@code /proc}: it reads whole files as text and leaves parsing to
 * {@link ProcStatus}, {@link SmapsRollup} and friends. A file of a process that no longer exists
 * raises {@link ProcessGoneException}.
 */
public final class ProcFs {

    /** The machine's {@code /proc}. */
    public static final ProcFs SYSTEM = new ProcFs(Path.of("/proc"));

    private static final long AT_PAGESZ = 6;

    private final Path root;

    public ProcFs(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Whether this looks like a Linux procfs (it has {@code self/status}). */
    public boolean exists() {
        return Files.isReadable(root.resolve("self/status"));
    }

    /** {@code /proc/<pid>/<file>} as text. */
    public String read(int pid, String file) throws IOException {
        try {
            return Files.readString(root.resolve(Integer.toString(pid)).resolve(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            // a missing file, or ESRCH mid-read: if the process's directory is gone, the process is
            if (!Files.exists(root.resolve(Integer.toString(pid)))) {
                throw new ProcessGoneException(pid, "has exited");
            }
            throw e;
        }
    }

    /** A file under /proc that is not per process, e.g. {@code meminfo}. */
    public String read(String file) throws IOException {
        return Files.readString(root.resolve(file), StandardCharsets.ISO_8859_1);
    }

    /** The pids now in /proc, in no particular order. */
    public List<Integer> pids() throws IOException {
        List<Integer> pids = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root)) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (!name.isEmpty() && Character.isDigit(name.charAt(0)) && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Integer.parseInt(name));
                }
            }
        }
        return pids;
    }

    /**
     * The command line with arguments joined by spaces, as {@code ps -f} and {@code pgrep -f} show
     * it; empty for kernel threads and zombies.
     */
    public String commandLine(int pid) throws IOException {
        byte[] raw;
        try {
            raw = Files.readAllBytes(root.resolve(Integer.toString(pid)).resolve("cmdline"));
        } catch (NoSuchFileException e) {
            throw new ProcessGoneException(pid, "has exited");
        }
        int end = raw.length;
        while (end > 0 && raw[end - 1] == 0) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            if (raw[i] == 0) {
                raw[i] = ' ';
            }
        }
        return new String(raw, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * The kernel's page size, from the {@code AT_PAGESZ} entry of {@code /proc/self/auxv}
     * (pairs of native-order longs), or 4096 when it cannot be read.
     */
    public long pageSize() {
        try {
            ByteBuffer auxv = ByteBuffer.wrap(Files.readAllBytes(root.resolve("self/auxv"))).order(ByteOrder.nativeOrder());
            while (auxv.remaining() >= 16) {
                long type = auxv.getLong();
                long value = auxv.getLong();
                if (type == AT_PAGESZ) {
                    return value;
                }
            }
        } catch (IOException e) {
            // fall through to the common size
        }
        return 4096;
    }

    /** A one-line reason for an I/O failure, naming the file; permission problems say what to do. */
    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied reading " + e.getMessage()
                    + " (run as the process's user or as root; ptrace access is required)";
        }
        if (e instanceof NoSuchFileException) {
            return e.getMessage() + " does not exist";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
