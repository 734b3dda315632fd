package dev.leakscope.core.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakscope.core.Fixtures;
import org.junit.jupiter.api.Test;

/** Parsers on text captured from this machine's /proc (Linux 6.18, x86_64). */
class ProcParsersTest {

    @Test
    void statusOfAJvm() {
        ProcStatus s = ProcStatus.parse(Fixtures.read("proc/status-jvm.txt"));
        assertThat(s.name()).isEqualTo("java");
        assertThat(s.state()).isEqualTo('S');
        assertThat(s.pid()).isEqualTo(2653);
        assertThat(s.ppid()).isEqualTo(1);
        assertThat(s.threads()).isEqualTo(19);
        assertThat(s.vmRss()).isEqualTo(136_860L * 1024);
        assertThat(s.rssAnon()).isEqualTo(116_264L * 1024);
        assertThat(s.rssFile()).isEqualTo(20_596L * 1024);
        assertThat(s.rssShmem()).isZero();
        assertThat(s.vmSwap()).isZero();
        assertThat(s.rssAnon() + s.rssFile() + s.rssShmem()).isEqualTo(s.vmRss());
        assertThat(s.nsPids()).containsExactly(2653);
        assertThat(s.inNestedPidNamespace()).isFalse();
        assertThat(s.hasRssSplit()).isTrue();
        assertThat(s.isDead()).isFalse();
    }

    @Test
    void statusInsideANestedPidNamespaceListsBothPids() {
        ProcStatus s = ProcStatus.parse(Fixtures.read("proc/status-pidns.txt"));
        assertThat(s.nsPids()).containsExactly(2732, 1);
        assertThat(s.inNestedPidNamespace()).isTrue();
    }

    @Test
    void statusWithoutRssSplitReportsAbsent() {
        ProcStatus s = ProcStatus.parse("Name:\told\nState:\tR (running)\nPid:\t7\nVmRSS:\t    100 kB\n");
        assertThat(s.vmRss()).isEqualTo(102_400L);
        assertThat(s.rssAnon()).isEqualTo(ProcStatus.ABSENT);
        assertThat(s.hasRssSplit()).isFalse();
    }

    @Test
    void smapsRollupOfAJvm() {
        SmapsRollup r = SmapsRollup.parse(Fixtures.read("proc/smaps_rollup-jvm.txt"));
        assertThat(r.rss()).isEqualTo(136_860L * 1024);
        assertThat(r.pss()).isEqualTo(126_082L * 1024);
        assertThat(r.pssAnon()).isEqualTo(116_264L * 1024);
        assertThat(r.uss()).isEqualTo((52L + 116_280L) * 1024);
        assertThat(r.anonHugePages()).isZero();
    }

    @Test
    void smapsRollupWithTransparentHugePages() {
        SmapsRollup r = SmapsRollup.parse(Fixtures.read("proc/smaps_rollup-thp.txt"));
        assertThat(r.anonHugePages()).isEqualTo(1_097_728L * 1024);
        assertThat(r.anonHugePages() % (2L << 20)).as("THP comes in 2 MiB pages").isZero();
        assertThat(r.uss()).isEqualTo((72L + 1_149_092L) * 1024);
        // the same process's status agrees on anonymous memory
        ProcStatus s = ProcStatus.parse(Fixtures.read("proc/status-thp.txt"));
        assertThat(r.pssAnon()).isLessThanOrEqualTo(s.rssAnon());
    }

    @Test
    void statmInPages() {
        ProcStatm m = ProcStatm.parse(Fixtures.read("proc/statm-jvm.txt"), 4096);
        assertThat(m.resident()).isEqualTo(34_215L * 4096);
        assertThat(m.shared()).isEqualTo(5_149L * 4096);
        assertThat(m.residentAnon()).isEqualTo((34_215L - 5_149L) * 4096);
        // statm and status were read a moment apart from the same process: they agree within pages
        ProcStatus s = ProcStatus.parse(Fixtures.read("proc/status-jvm.txt"));
        assertThat(m.resident()).isCloseTo(s.vmRss(), org.assertj.core.data.Offset.offset(64L * 4096));
    }

    @Test
    void statmRejectsGarbage() {
        assertThatThrownBy(() -> ProcStatm.parse("1 2 3", 4096)).hasMessage("statm: 1 2 3 (expected: 7 numbers)");
    }

    @Test
    void keyValuesSkipNonNumericLinesAndScaleKilobytes() {
        var v = KeyValues.parse("Name:\tjava\nVmRSS:\t 10 kB\noom_kill 3\nCpus_allowed:\t3\nSigQ:\t0/96365\n");
        assertThat(v).containsEntry("VmRSS", 10_240L).containsEntry("oom_kill", 3L).containsEntry("Cpus_allowed", 3L)
                .doesNotContainKeys("Name", "SigQ");
    }

    @Test
    void pageSizeComesFromAuxv() {
        assertThat(ProcFs.SYSTEM.pageSize()).isIn(4096L, 16384L, 65536L);
    }
}
