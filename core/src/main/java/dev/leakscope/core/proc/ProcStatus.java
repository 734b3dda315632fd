package dev.leakscope.core.proc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The memory lines of {@code /proc/<pid>/status}, in bytes. Cheap to read (no page-table walk),
 * so it is read on every tick. {@code RssAnon}, {@code RssFile} and {@code RssShmem} exist since
 * Linux 4.5; on older kernels they are {@link #ABSENT}.
 *
 * @param name      the {@code Name:} line (the kernel's comm, at most 15 characters)
 * @param state     the first letter of {@code State:} ({@code R}, {@code S}, {@code Z}, ...)
 * @param nsPids    {@code NSpid:}, outermost namespace first; more than one entry means the
 *                  process lives in a nested PID namespace
 */
public record ProcStatus(String name, char state, int pid, int ppid, int threads, List<Integer> nsPids,
                         long vmRss, long rssAnon, long rssFile, long rssShmem, long vmSwap, long vmHwm) {

    /** A field the kernel did not report. */
    public static final long ABSENT = -1;

    public static ProcStatus parse(String text) {
        Map<String, Long> v = KeyValues.parse(text);
        String name = "";
        char state = '?';
        List<Integer> nsPids = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("Name:")) {
                name = line.substring(5).trim();
            } else if (line.startsWith("State:")) {
                String s = line.substring(6).trim();
                state = s.isEmpty() ? '?' : s.charAt(0);
            } else if (line.startsWith("NSpid:")) {
                for (String field : line.substring(6).trim().split("\\s+")) {
                    if (!field.isEmpty()) {
                        nsPids.add(Integer.parseInt(field));
                    }
                }
            }
        }
        ToLongFunction<String> field = key -> KeyValues.valueOrAbsent(v, key);
        return new ProcStatus(name, state, (int) field.applyAsLong("Pid"), (int) field.applyAsLong("PPid"),
                (int) field.applyAsLong("Threads"), Collections.unmodifiableList(nsPids), field.applyAsLong("VmRSS"),
                field.applyAsLong("RssAnon"), field.applyAsLong("RssFile"), field.applyAsLong("RssShmem"),
                field.applyAsLong("VmSwap"), field.applyAsLong("VmHWM"));
    }

    /** Whether the process is in a PID namespace nested below the reader's ({@code NSpid} has several fields). */
    public boolean inNestedPidNamespace() {
        return nsPids.size() > 1;
    }

    /** A zombie or dead process: its memory is gone and it will never come back. */
    public boolean isDead() {
        return state == 'Z' || state == 'X';
    }

    /** Whether the split of RSS into anon/file/shmem is present (Linux 4.5+). */
    public boolean hasRssSplit() {
        return rssAnon != ABSENT;
    }
}
