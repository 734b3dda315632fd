package dev.leakscope.core.cgroup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code /proc/<pid>/mountinfo}: where each cgroup hierarchy is mounted and which part of it the
 * mount shows ({@code root}; not {@code /} inside containers with a private cgroup view).
 */
public record MountInfo(List<Mount> mounts) {

    /**
     * One mount.
     *
     * @param root         the directory of the filesystem that appears at {@code mountPoint}
     * @param superOptions for cgroup v1, the controllers, e.g. {@code rw,memory}
     */
    public record Mount(String root, String mountPoint, String fsType, List<String> superOptions) {
    }

    public static MountInfo parse(String text) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : text.split("\n")) {
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] left = line.substring(0, dash).split(" ");
            String[] right = line.substring(dash + 3).split(" ");
            if (left.length < 5 || right.length < 3) {
                continue;
            }
            mounts.add(new Mount(unescape(left[3]), unescape(left[4]), right[0], Arrays.asList(right[2].split(","))));
        }
        return new MountInfo(List.copyOf(mounts));
    }

    /** The cgroup v2 mount, if any. */
    public Mount cgroup2() {
        return mounts.stream().filter(m -> m.fsType().equals("cgroup2")).findFirst().orElse(null);
    }

    /** The cgroup v1 mount that carries {@code controller}, if any. */
    public Mount cgroup1(String controller) {
        return mounts.stream().filter(m -> m.fsType().equals("cgroup") && m.superOptions().contains(controller))
                .findFirst().orElse(null);
    }

    /** mountinfo escapes space, tab, newline and backslash as octal ({@code \040}). */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 4 <= field.length()) {
                try {
                    out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                    i += 3;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape: keep the backslash
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
