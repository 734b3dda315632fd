package dev.leakscope.core.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.leakscope.core.Fixtures;
import dev.leakscope.core.proc.KeyValues;
import dev.leakscope.core.proc.ProcFs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CgroupTest {

    @Test
    void hybridMachinePrefersTheV1MemoryHierarchy() {
        // captured on this machine: v1 controllers plus an empty v2 hierarchy at /sys/fs/cgroup/unified
        CgroupMembership membership = CgroupMembership.parse(Fixtures.read("cgroup/cgroup-v1v2-hybrid.txt"));
        MountInfo mounts = MountInfo.parse(Fixtures.read("cgroup/mountinfo-v1v2-hybrid.txt"));
        List<CgroupMemory> candidates = CgroupMemory.candidates(membership, mounts);
        assertThat(candidates).hasSize(2);
        assertThat(candidates.get(0).version()).isEqualTo(CgroupMemory.Version.V1);
        assertThat(candidates.get(0).dir())
                .isEqualTo(Path.of("/sys/fs/cgroup/memory/process_api/3bd5323f0c833c9bc29829bc0b8e1ffc"));
        assertThat(candidates.get(0).selfAndAncestors()).containsExactly(
                Path.of("/sys/fs/cgroup/memory/process_api/3bd5323f0c833c9bc29829bc0b8e1ffc"),
                Path.of("/sys/fs/cgroup/memory/process_api"), Path.of("/sys/fs/cgroup/memory"));
        assertThat(candidates.get(1).version()).isEqualTo(CgroupMemory.Version.V2);
        assertThat(candidates.get(1).dir()).isEqualTo(Path.of("/sys/fs/cgroup/unified"));
    }

    @Test
    void v2OnlyResolvesUnderTheUnifiedMount() {
        // the kernel's documented formats (cgroup-v2.rst, proc(5)); no v2-only machine was at hand to capture
        CgroupMembership membership = CgroupMembership.parse("0::/kubepods.slice/pod42.slice/cri-abc.scope\n");
        MountInfo mounts = MountInfo.parse("30 23 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n");
        List<CgroupMemory> candidates = CgroupMemory.candidates(membership, mounts);
        assertThat(candidates).singleElement().satisfies(c -> {
            assertThat(c.version()).isEqualTo(CgroupMemory.Version.V2);
            assertThat(c.dir()).isEqualTo(Path.of("/sys/fs/cgroup/kubepods.slice/pod42.slice/cri-abc.scope"));
            assertThat(c.version().limitFile()).isEqualTo("memory.max");
        });
    }

    @Test
    void containerMountRootIsStrippedFromThePath() {
        CgroupMembership membership = CgroupMembership.parse("9:memory:/docker/abc/worker\n");
        MountInfo mounts = MountInfo.parse("35 31 0:32 /docker/abc /sys/fs/cgroup/memory ro - cgroup cgroup rw,memory\n");
        assertThat(CgroupMemory.candidates(membership, mounts).get(0).dir())
                .isEqualTo(Path.of("/sys/fs/cgroup/memory/worker"));
    }

    @Test
    void mountPointsWithSpacesAreUnescaped() {
        MountInfo mounts = MountInfo.parse("40 31 0:37 / /mnt/my\\040cgroups rw - cgroup2 cgroup2 rw\n");
        assertThat(mounts.cgroup2().mountPoint()).isEqualTo("/mnt/my cgroups");
    }

    @Test
    void oomKillCountFromV1OomControl() {
        assertThat(KeyValues.parse(Fixtures.read("cgroup/memory.oom_control-v1.txt"))).containsEntry("oom_kill", 0L);
        assertThat(KeyValues.parse("low 0\nhigh 0\nmax 12\noom 3\noom_kill 2\noom_group_kill 0\n"))
                .containsEntry("oom_kill", 2L);
    }

    @Test
    void limitsTreatMaxAndHugeValuesAsNone() {
        assertThat(CgroupMemory.parseLimit("max\n")).isEqualTo(-1);
        assertThat(CgroupMemory.parseLimit("9223372036854771712\n")).isEqualTo(-1);
        assertThat(CgroupMemory.parseLimit("4294967296\n")).isEqualTo(4_294_967_296L);
    }

    @Test
    void readsThisProcessCgroup() throws IOException {
        CgroupReader reader;
        try {
            reader = CgroupReader.locate(ProcFs.SYSTEM, (int) ProcessHandle.current().pid());
        } catch (IOException e) {
            assumeTrue(false, "no memory cgroup visible here: " + e.getMessage());
            return;
        }
        assertThat(reader.usage()).isPositive();
        assertThat(reader.oomKills()).isPresent();
        reader.smallestLimit().ifPresent(limit -> assertThat(limit).isPositive());
    }
}
