package dev.leakscope.core.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakscope.testkit.JavaProcess;
import dev.leakscope.workload.AnonGrower;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TargetSelectorTest {

    private final String marker = "leakscope-test-" + UUID.randomUUID();

    @Test
    void matchesTheFullCommandLineButNotTheWatcher() throws Exception {
        try (JavaProcess p = JavaProcess.start(AnonGrower.class, List.of("-Xint"), "--name", marker)) {
            p.expect("READY", Duration.ofSeconds(30));
            assertThat(TargetSelector.byMatch("--name " + marker, false)).isEqualTo((int) p.pid());
            // this JVM's own command line does not contain the marker; the watcher's ancestors are excluded anyway
            assertThat(TargetSelector.byMatch(marker + "$", false)).isEqualTo((int) p.pid());
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
        // JVMs that fork nothing: a shell's child would carry the shell's command line until it execs
        try (JavaProcess a = JavaProcess.start(AnonGrower.class, List.of("-Xint"), marker);
             JavaProcess b = JavaProcess.start(AnonGrower.class, List.of("-Xint"), marker)) {
            a.expect("READY", Duration.ofSeconds(30));
            b.expect("READY", Duration.ofSeconds(30));
            assertThatThrownBy(() -> TargetSelector.byMatch(marker, false))
                    .hasMessageStartingWith("--match: " + marker + " matches 2 processes: ")
                    .hasMessageContaining(a.pid() + " (")
                    .hasMessageEndingWith("(expected: exactly one; narrow the pattern, or add --children to watch a process tree)");
            assertThatThrownBy(() -> TargetSelector.byMatch(marker, true))
                    .hasMessageEndingWith("(expected: exactly one process tree)");
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
