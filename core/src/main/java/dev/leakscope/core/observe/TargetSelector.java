package dev.leakscope.core.observe;

import dev.leakscope.core.source.CommandLines;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Finds the process to watch, by pid or by a regex over full command lines (as {@code pgrep -f}
 * does), leaving out the watcher itself and its ancestors, which would otherwise match their own
 * pattern. Bad input is an {@link IllegalArgumentException} that names the value and what was
 * expected.
 */
public final class TargetSelector {

    private TargetSelector() {
    }

    /** Checks that {@code pid} names a running process. */
    public static int byPid(long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("--pid: " + pid + " (expected: a process id > 0)");
        }
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return (int) pid;
        }
        throw new IllegalArgumentException("--pid: " + pid + " (expected: the pid of a running process; none has it)");
    }

    /**
     * The one process whose command line matches {@code regex}. With {@code tree}, several matches
     * are fine when they form one process tree (forked workers share their parent's command line);
     * its root is returned.
     */
    public static int byMatch(String regex, boolean tree) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("--match: " + regex + " (expected: a regular expression; "
                    + e.getDescription() + " at index " + e.getIndex() + ")");
        }
        Set<Long> excluded = selfAndAncestors();
        List<ProcessHandle> matches = ProcessHandle.allProcesses()
                .filter(p -> !excluded.contains(p.pid()))
                .filter(p -> pattern.matcher(CommandLines.of(p.pid())).find())
                .collect(Collectors.toList());
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("--match: " + regex
                    + " (expected: a pattern that matches one running command line; it matches none)");
        }
        List<ProcessHandle> roots = tree ? roots(matches) : matches;
        if (roots.size() == 1) {
            return (int) roots.get(0).pid();
        }
        throw new IllegalArgumentException("--match: " + regex + " matches " + roots.size() + " processes: "
                + describe(roots) + " (expected: exactly one"
                + (tree ? " process tree" : "; narrow the pattern, or add --children to watch a process tree") + ")");
    }

    /** Matches none of whose ancestors also match: the tops of the matching trees. */
    private static List<ProcessHandle> roots(List<ProcessHandle> matches) {
        Set<Long> matched = new HashSet<>();
        matches.forEach(p -> matched.add(p.pid()));
        List<ProcessHandle> roots = new ArrayList<>();
        for (ProcessHandle p : matches) {
            boolean hasMatchingAncestor = false;
            for (ProcessHandle a = p.parent().orElse(null); a != null; a = a.parent().orElse(null)) {
                if (matched.contains(a.pid())) {
                    hasMatchingAncestor = true;
                    break;
                }
            }
            if (!hasMatchingAncestor) {
                roots.add(p);
            }
        }
        return roots;
    }

    private static Set<Long> selfAndAncestors() {
        Set<Long> chain = new HashSet<>();
        for (ProcessHandle p = ProcessHandle.current(); p != null; p = p.parent().orElse(null)) {
            chain.add(p.pid());
        }
        return chain;
    }

    private static String describe(List<ProcessHandle> processes) {
        return processes.stream().limit(5)
                .map(p -> p.pid() + " (" + abbreviate(CommandLines.of(p.pid())) + ")")
                .collect(Collectors.joining(", ")) + (processes.size() > 5 ? ", ..." : "");
    }

    private static String abbreviate(String commandLine) {
        return commandLine.length() > 60 ? commandLine.substring(0, 57) + "..." : commandLine;
    }
}
