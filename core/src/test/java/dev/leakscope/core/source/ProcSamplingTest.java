package dev.leakscope.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.leakscope.testkit.SignalReads.read;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakscope.core.proc.ProcFs;
import dev.leakscope.core.proc.ProcessGoneException;
import dev.leakscope.core.sample.Notice;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.Signals;
import dev.leakscope.testkit.JavaProcess;
import dev.leakscope.workload.AnonGrower;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Samples real child processes through the real /proc. */
class ProcSamplingTest {

    private static final long GROWTH = 256L << 20;
    private static final List<String> QUIET_JVM = List.of("-Xint", "-Xmx32m", "-XX:+UseSerialGC",
            "-XX:MaxDirectMemorySize=1g", "-XX:-UsePerfData");

    @Test
    void anonymousGrowthOf256MiBIsMeasuredWithin5Percent() throws Exception {
        try (JavaProcess child = JavaProcess.start(AnonGrower.class, QUIET_JVM)) {
            child.expect("READY", Duration.ofSeconds(30));
            ProcessSet set = ProcessSet.single((int) child.pid());
            ProcStatusSource status = new ProcStatusSource(ProcFs.SYSTEM, set);
            SmapsRollupSource smaps = new SmapsRollupSource(ProcFs.SYSTEM, set, Duration.ZERO);
            assertThat(status.probe().available()).contains(Signals.RSS_ANON);
            assertThat(smaps.probe().available()).contains(Signals.USS);

            Map<String, Long> before = read(status, smaps);
            child.send("GROW " + GROWTH);
            child.expect("GROWN", Duration.ofSeconds(30));
            Map<String, Long> after = read(status, smaps);

            assertThat(after.get(Signals.RSS_ANON) - before.get(Signals.RSS_ANON))
                    .as("rss_anon delta").isCloseTo(GROWTH, org.assertj.core.data.Percentage.withPercentage(5));
            assertThat(after.get(Signals.USS) - before.get(Signals.USS))
                    .as("uss delta").isCloseTo(GROWTH, org.assertj.core.data.Percentage.withPercentage(5));
            assertThat(after.get(Signals.RSS_FILE) - before.get(Signals.RSS_FILE))
                    .as("file-backed memory does not move").isLessThan(GROWTH / 20);
            child.send("EXIT");
            child.process().waitFor(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> read(status)).isInstanceOf(ProcessGoneException.class)
                    .hasMessage("process " + child.pid() + " has exited");
        }
    }

    @Test
    void aProcessTreeIsSummedWithAPerProcessBreakdown() throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", "sleep 60 & sleep 60 & wait").start();
        try {
            ProcessSet tree = ProcessSet.tree((int) shell.pid(), Duration.ZERO);
            List<Notice> notices = new ArrayList<>();
            tree.onChange(notices::add);
            List<Integer> pids = waitForMembers(tree, 3);
            assertThat(pids.get(0)).isEqualTo((int) shell.pid());
            assertThat(notices).filteredOn(n -> n.message().contains("joined the tree") && n.message().endsWith("sleep 60"))
                    .hasSize(2);

            ProcStatusSource status = new ProcStatusSource(ProcFs.SYSTEM, tree);
            status.probe();
            Sample.Builder b = new Sample.Builder().perProcess(true);
            status.read(b);
            Sample s = b.build(0, 0);
            assertThat(s.processes()).hasSize(3);
            long sum = s.processes().values().stream().mapToLong(v -> v.get(Signals.RSS)).sum();
            assertThat(s.get(Signals.RSS)).isEqualTo(sum);

            ProcessHandle.of(pids.get(1)).ifPresent(ProcessHandle::destroy);
            waitForMembers(tree, 2);
            assertThat(notices).anySatisfy(n -> assertThat(n.message()).isEqualTo(
                    "process " + pids.get(1) + " left the tree of " + shell.pid()));
        } finally {
            shell.descendants().forEach(ProcessHandle::destroy);
            shell.destroy();
        }
    }

    @Test
    void aMissingProcessIsRejectedUpFront() {
        assertThatThrownBy(() -> ProcessSet.single(Integer.MAX_VALUE - 1)).isInstanceOf(ProcessGoneException.class)
                .hasMessage("process " + (Integer.MAX_VALUE - 1) + " does not exist");
    }

    private static List<Integer> waitForMembers(ProcessSet set, int count) throws Exception {
        for (int i = 0; i < 200; i++) {
            List<Integer> pids = set.pids();
            if (pids.size() == count) {
                return pids;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("tree did not reach " + count + " processes: " + set.pids());
    }
}
