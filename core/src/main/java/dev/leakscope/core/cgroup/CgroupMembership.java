package dev.leakscope.core.cgroup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code /proc/<pid>/cgroup}: one line per hierarchy, {@code id:controllers:path}. On cgroup v2
 * the single line is {@code 0::/path}; hybrid machines have both kinds. Paths are relative to the
 * reader's cgroup namespace root.
 */
public record CgroupMembership(List<Line> lines) {

    /** One hierarchy: its controllers (empty for v2) and the process's path within it. */
    public record Line(int hierarchyId, List<String> controllers, String path) {
        public boolean isV2() {
            return hierarchyId == 0 && controllers.isEmpty();
        }
    }

    public static CgroupMembership parse(String text) {
        List<Line> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            int first = line.indexOf(':');
            int second = first < 0 ? -1 : line.indexOf(':', first + 1);
            if (second < 0) {
                continue;
            }
            String controllers = line.substring(first + 1, second);
            lines.add(new Line(Integer.parseInt(line.substring(0, first)),
                    controllers.isEmpty() ? List.of() : Arrays.asList(controllers.split(",")),
                    line.substring(second + 1)));
        }
        return new CgroupMembership(List.copyOf(lines));
    }

    /** The v1 hierarchy that carries {@code controller}, if any. */
    public Line v1(String controller) {
        return lines.stream().filter(l -> l.controllers().contains(controller)).findFirst().orElse(null);
    }

    /** The v2 (unified) line, if any. */
    public Line v2() {
        return lines.stream().filter(Line::isV2).findFirst().orElse(null);
    }
}
