package dev.leakscope.core.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TargetSelectorTest {

    private final String marker = "leakscope-test-" + UUID.randomUUID();

    @Test
    void matchesTheFullCommandLineButNotTheWatcher() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "sleep 60; echo " + marker).start();
        try {
            assertThat(TargetSelector.byMatch("echo " + marker, false)).isEqualTo((int) p.pid());
            // this JVM's own command line does not contain the marker; the watcher's ancestors are excluded anyway
            assertThat(TargetSelector.byMatch(marker + "$", false)).isEqualTo((int) p.pid());
        } finally {
            p.destroy();
        }
    }

    @Test
    void noMatchNamesThePattern() {
        assertThatThrownBy(() -> TargetSelector.byMatch(marker, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--match: " + marker + " (expected: a pattern that matches one running command line; it matches none)");
    }

    @Test
    void severalUnrelatedMatchesNeedANarrowerPattern() throws Exception {
        Process a = new ProcessBuilder("sh", "-c", "sleep 60; echo " + marker).start();
        Process b = new ProcessBuilder("sh", "-c", "sleep 60; echo " + marker).start();
        try {
            assertThatThrownBy(() -> TargetSelector.byMatch(marker, false))
                    .hasMessageStartingWith("--match: " + marker + " matches 2 processes: ")
                    .hasMessageContaining(a.pid() + " (sh -c sleep 60; echo leakscope-test-")
                    .hasMessageEndingWith("(expected: exactly one; narrow the pattern, or add --children to watch a process tree)");
            assertThatThrownBy(() -> TargetSelector.byMatch(marker, true))
                    .hasMessageEndingWith("(expected: exactly one process tree)");
        } finally {
            a.destroy();
            b.destroy();
        }
    }

    @Test
    void withChildrenAMatchingTreeGivesItsRoot() throws Exception {
        // bash -c with a trailing command forks a subshell whose command line equals the parent's
        Process root = new ProcessBuilder("sh", "-c", "(sleep 60; echo " + marker + ") & sleep 60; echo " + marker).start();
        try {
            for (int i = 0; i < 100 && root.descendants().count() < 2; i++) {
                Thread.sleep(20);
            }
            assertThat(TargetSelector.byMatch(marker, true)).isEqualTo((int) root.pid());
        } finally {
            root.descendants().forEach(ProcessHandle::destroy);
            root.destroy();
        }
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> TargetSelector.byMatch("model-garden (serve", false))
                .hasMessageStartingWith("--match: model-garden (serve (expected: a regular expression; Unclosed group");
        assertThatThrownBy(() -> TargetSelector.byPid(0)).hasMessage("--pid: 0 (expected: a process id > 0)");
        assertThatThrownBy(() -> TargetSelector.byPid(Integer.MAX_VALUE - 1))
                .hasMessage("--pid: " + (Integer.MAX_VALUE - 1) + " (expected: the pid of a running process; none has it)");
        assertThat(TargetSelector.byPid(ProcessHandle.current().pid())).isEqualTo((int) ProcessHandle.current().pid());
    }
}
