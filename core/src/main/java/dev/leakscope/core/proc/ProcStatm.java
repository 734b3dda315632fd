package dev.leakscope.core.proc;

/**
 * {@code /proc/<pid>/statm}, converted from pages to bytes. Used where {@code status} lacks the
 * RSS split (kernels before 4.5): {@code resident - shared} is the anonymous part.
 */
public record ProcStatm(long size, long resident, long shared, long text, long data) {

    public static ProcStatm parse(String content, long pageSize) {
        String[] f = content.trim().split("\\s+");
        if (f.length < 7) {
            throw new IllegalArgumentException("statm: " + content.trim() + " (expected: 7 numbers)");
        }
        return new ProcStatm(Long.parseLong(f[0]) * pageSize, Long.parseLong(f[1]) * pageSize,
                Long.parseLong(f[2]) * pageSize, Long.parseLong(f[3]) * pageSize, Long.parseLong(f[5]) * pageSize);
    }

    /** Resident anonymous memory: resident pages that are neither file-backed nor shared memory. */
    public long residentAnon() {
        return resident - shared;
    }
}
