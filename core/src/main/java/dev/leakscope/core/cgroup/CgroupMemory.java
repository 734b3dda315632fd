package dev.leakscope.core.cgroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a process's memory cgroup lives and which files describe it. v1 and v2 name the same
 * quantities differently; this record hides that.
 *
 * @param dir        the process's own cgroup directory
 * @param mountPoint the top of the hierarchy as mounted here; limits are looked up from
 *                   {@code dir} to here
 */
public record CgroupMemory(Version version, Path dir, Path mountPoint) {

    /** Values at or above this mean "no limit" (v1 reports 2^63 rounded down to a page). */
    public static final long NO_LIMIT_THRESHOLD = 1L << 62;

    public enum Version {
        V1("memory.usage_in_bytes", "memory.limit_in_bytes", "memory.oom_control"),
        V2("memory.current", "memory.max", "memory.events");

        private final String usageFile;
        private final String limitFile;
        private final String eventsFile;

        Version(String usageFile, String limitFile, String eventsFile) {
            this.usageFile = usageFile;
            this.limitFile = limitFile;
            this.eventsFile = eventsFile;
        }

        /** The file holding current usage in bytes. */
        public String usageFile() {
            return usageFile;
        }

        /** The file holding the limit ({@code max} or a huge number for none). */
        public String limitFile() {
            return limitFile;
        }

        /** The file whose {@code oom_kill} line counts OOM kills in this cgroup. */
        public String eventsFile() {
            return eventsFile;
        }
    }

    /**
     * The candidate memory cgroups of a process, best first: the v1 memory hierarchy where one is
     * mounted (on hybrid machines the memory controller lives there), then the unified v2 one.
     * Nothing here touches the filesystem; the reader checks which candidate exists.
     */
    public static List<CgroupMemory> candidates(CgroupMembership membership, MountInfo mounts) {
        List<CgroupMemory> out = new ArrayList<>();
        CgroupMembership.Line v1 = membership.v1("memory");
        MountInfo.Mount m1 = mounts.cgroup1("memory");
        if (v1 != null && m1 != null) {
            out.add(new CgroupMemory(Version.V1, resolve(m1, v1.path()), Path.of(m1.mountPoint())));
        }
        CgroupMembership.Line v2 = membership.v2();
        MountInfo.Mount m2 = mounts.cgroup2();
        if (v2 != null && m2 != null) {
            out.add(new CgroupMemory(Version.V2, resolve(m2, v2.path()), Path.of(m2.mountPoint())));
        }
        return out;
    }

    /** {@code dir}, its parent and so on up to the mount point, innermost first. */
    public List<Path> selfAndAncestors() {
        List<Path> chain = new ArrayList<>();
        for (Path p = dir; p != null && p.startsWith(mountPoint); p = p.getParent()) {
            chain.add(p);
        }
        return chain;
    }

    /** Parses a limit file's content: {@code -1} for "max" or anything at or over 2^62. */
    public static long parseLimit(String content) {
        String value = content.trim();
        if (value.equals("max")) {
            return -1;
        }
        long limit = Long.parseLong(value);
        return limit >= NO_LIMIT_THRESHOLD ? -1 : limit;
    }

    private static Path resolve(MountInfo.Mount mount, String cgroupPath) {
        String root = mount.root();
        String relative = root.equals("/") ? cgroupPath
                : cgroupPath.equals(root) ? "/"
                : cgroupPath.startsWith(root + "/") ? cgroupPath.substring(root.length())
                : cgroupPath;
        Path mountPoint = Path.of(mount.mountPoint());
        String trimmed = relative.replaceFirst("^/+", "");
        return trimmed.isEmpty() ? mountPoint : mountPoint.resolve(trimmed);
    }
}
