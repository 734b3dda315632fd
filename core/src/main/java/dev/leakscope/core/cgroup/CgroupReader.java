package dev.leakscope.core.cgroup;

import dev.leakscope.core.proc.KeyValues;
import dev.leakscope.core.proc.ProcFs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a process's memory cgroup: usage, OOM kills and the effective limit. The thin I/O layer
 * over {@link CgroupMembership}, {@link MountInfo} and {@link CgroupMemory}.
 */
public final class CgroupReader {

    private final CgroupMemory cgroup;

    private CgroupReader(CgroupMemory cgroup) {
        this.cgroup = cgroup;
    }

    /**
     * Finds the memory cgroup of {@code pid}, resolved through its {@code /proc/<pid>/cgroup} and
     * our own {@code mountinfo} (we read the files through our mount namespace).
     *
     * @throws IOException with a reason when none can be found or read
     */
    public static CgroupReader locate(ProcFs proc, int pid) throws IOException {
        CgroupMembership membership = CgroupMembership.parse(proc.read(pid, "cgroup"));
        MountInfo mounts = MountInfo.parse(proc.read("self/mountinfo"));
        for (CgroupMemory candidate : CgroupMemory.candidates(membership, mounts)) {
            if (Files.isReadable(candidate.dir().resolve(candidate.version().usageFile()))) {
                return new CgroupReader(candidate);
            }
        }
        throw new IOException("no memory cgroup found for process " + pid
                + " (no cgroup v1 memory controller or cgroup v2 memory.current visible here)");
    }

    public CgroupMemory cgroup() {
        return cgroup;
    }

    /** Current usage in bytes: v2 {@code memory.current}, v1 {@code memory.usage_in_bytes}. */
    public long usage() throws IOException {
        return Long.parseLong(read(cgroup.dir(), cgroup.version().usageFile()).trim());
    }

    /** How many processes the kernel OOM-killed in this cgroup, if the kernel counts it (4.13+). */
    public OptionalLong oomKills() throws IOException {
        Long kills = KeyValues.parse(read(cgroup.dir(), cgroup.version().eventsFile())).get("oom_kill");
        return kills == null ? OptionalLong.empty() : OptionalLong.of(kills);
    }

    /** The smallest limit from the process's cgroup up to the root of the hierarchy, if any is set. */
    public Optional<Long> smallestLimit() {
        long smallest = -1;
        for (Path dir : cgroup.selfAndAncestors()) {
            try {
                long limit = CgroupMemory.parseLimit(read(dir, cgroup.version().limitFile()));
                if (limit >= 0 && (smallest < 0 || limit < smallest)) {
                    smallest = limit;
                }
            } catch (IOException | NumberFormatException e) {
                // the root of a v2 hierarchy has no memory.max; an unreadable level sets no limit
            }
        }
        return smallest < 0 ? Optional.empty() : Optional.of(smallest);
    }

    private static String read(Path dir, String file) throws IOException {
        return Files.readString(dir.resolve(file), StandardCharsets.ISO_8859_1);
    }
}
