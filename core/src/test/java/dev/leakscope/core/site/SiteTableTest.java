package dev.leakscope.core.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakscope.testkit.SiteCalls;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class SiteTableTest {

    private static final String DIRECT_SITE = "site:direct_buffer:" + SiteCalls.frame("direct");

    @Test
    void aSiteIsTheFirstApplicationFrameAndItsIdIsStable() {
        SiteTable table = new SiteTable(10, 1);
        SiteCalls.direct(table, 100, 4096);
        Site.Snapshot s = only(table);
        assertThat(s.id()).isEqualTo(DIRECT_SITE);
        assertThat(s.site()).isEqualTo(SiteCalls.frame("direct"));
        assertThat(s.kind()).isEqualTo("direct_buffer");
        assertThat(s.stack()).first().isEqualTo(SiteCalls.frame("direct"));
        assertThat(s.stack()).anyMatch(f -> f.startsWith(getClass().getName() + ".aSiteIs"));
    }

    @Test
    void anAddressFreedTakesItsBytesOffItsSite() {
        SiteTable table = new SiteTable(10, 1);
        SiteCalls.direct(table, 100, 4096);
        SiteCalls.direct(table, 200, 4096);
        assertThat(table.freed(SiteKind.DIRECT_BUFFER, null, 100, 4096)).isEqualTo(4096);
        Site.Snapshot s = only(table);
        assertThat(s.liveCount()).isEqualTo(1);
        assertThat(s.liveBytes()).isEqualTo(4096);
        assertThat(s.allocatedBytes()).isEqualTo(8192);
        assertThat(s.freedCount()).isEqualTo(1);
        assertThat(table.estimated()).isFalse();
    }

    @Test
    void memoryLeftToAnOuterKindIsNotCountedWhenFreed() {
        SiteTable table = new SiteTable(10, 1);
        table.nested(300);
        assertThat(table.freed(SiteKind.DIRECT_BUFFER, null, 300, 1024)).isEqualTo(-1);
        assertThat(table.freed(SiteKind.DIRECT_BUFFER, null, 300, 1024)).as("once only").isEqualTo(1024);
    }

    @Test
    void releasingAnAddressSaysWhatTheTableHeldOfIt() {
        SiteTable table = new SiteTable(10, 1);
        SiteCalls.direct(table, 100, 4096);
        table.nested(300);
        assertThat(table.releaseAddress(100)).isEqualTo(SiteTable.AddressRelease.SAMPLED);
        assertThat(table.releaseAddress(300)).isEqualTo(SiteTable.AddressRelease.NESTED);
        assertThat(table.releaseAddress(100)).as("let go of already").isEqualTo(SiteTable.AddressRelease.NONE);
        assertThat(only(table).liveBytes()).isZero();
    }

    @Test
    void unsafeFreesFindTheirSizeFromTheAllocation() {
        SiteTable table = new SiteTable(10, 1);
        table.sized(500, 65536);
        assertThat(table.freed(SiteKind.UNSAFE, null, 500, -1)).isEqualTo(65536);
        assertThat(table.freed(SiteKind.UNSAFE, null, 600, -1)).as("allocated before the agent").isEqualTo(-1);
    }

    @Test
    void theSizesOfLiveUnsafeBlocksAreKeptUpToABound() {
        SiteTable table = new SiteTable(10, 1);
        for (long key = 1; key <= SiteTable.MAX_SIZED + 10; key++) {
            table.sized(key, 8);
        }
        assertThat(table.freed(SiteKind.UNSAFE, null, 1, -1)).isEqualTo(8);
        assertThat(table.freed(SiteKind.UNSAFE, null, SiteTable.MAX_SIZED + 5, -1)).as("not kept").isEqualTo(-1);
    }

    @Test
    void sampledAllocationsStandForTheOnesNotSampledAndAreFreedWithTheirWeight() {
        SiteTable table = new SiteTable(10, 1024);
        SiteCalls.weighted(table, 100, 256, 4); // sampled with probability 1/4
        SiteCalls.weighted(table, 200, 4096, 1); // always sampled
        Site.Snapshot s = only(table);
        assertThat(s.liveCount()).isEqualTo(5);
        assertThat(s.liveBytes()).isEqualTo(1024 + 4096);
        assertThat(table.estimated()).isTrue();
        table.freed(SiteKind.DIRECT_BUFFER, null, 100, 256);
        assertThat(only(table).liveBytes()).isEqualTo(4096);
        assertThat(only(table).freedCount()).isEqualTo(4);
    }

    @Test
    void aFullTableCountsNewSitesAsOneAndAFrameSeenBeforeStillFindsItsSite() {
        SiteTable table = new SiteTable(1, 1);
        SiteCalls.direct(table, 100, 10);
        SiteCalls.otherDirect(table, 200, 20);
        SiteCalls.otherDirect(table, 300, 30);
        SiteCalls.direct(table, 400, 40);
        List<Site.Snapshot> all = table.snapshot();
        assertThat(all).extracting(Site.Snapshot::id).containsExactly(DIRECT_SITE, Site.OTHER_ID);
        assertThat(all).extracting(Site.Snapshot::liveBytes).containsExactly(50L, 50L);
        assertThatThrownBy(() -> new SiteTable(0, 1)).hasMessage("max sites: 0 (expected: >= 1)");
    }

    @Test
    void oneLineAllocatingTwoKindsIsTwoSites() {
        SiteTable table = new SiteTable(10, 1);
        SiteCalls.ofKind(table, SiteKind.DIRECT_BUFFER, null, 100, 10);
        SiteCalls.ofKind(table, SiteKind.ONNX_TENSOR, new Object(), 0, 20);
        SiteCalls.ofKind(table, SiteKind.DIRECT_BUFFER, null, 200, 30);
        assertThat(table.snapshot()).extracting(Site.Snapshot::id, Site.Snapshot::liveBytes).containsExactlyInAnyOrder(
                Tuple.tuple("site:direct_buffer:" + SiteCalls.frame("ofKind"), 40L),
                Tuple.tuple("site:onnx_tensor:" + SiteCalls.frame("ofKind"), 20L));
    }

    @Test
    void anObjectCollectedUnclosedIsALeakAndItsMemoryStaysLive() throws InterruptedException {
        SiteTable table = new SiteTable(10, 1);
        SiteCalls.tensor(table, new Object(), 1000);
        Object closed = new Object();
        SiteCalls.tensor(table, closed, 1000);
        assertThat(table.freed(SiteKind.ONNX_TENSOR, closed, 0, 1000)).isEqualTo(1000);
        closed = null;
        List<SiteLeak> leaks = SiteCalls.drainAfterGc(table);
        assertThat(leaks).hasSize(1);
        assertThat(leaks.get(0).count()).as("the closed one is no leak").isEqualTo(1);
        assertThat(leaks.get(0).bytes()).isEqualTo(1000);
        Site.Snapshot s = only(table);
        assertThat(s.unclosedGcCount()).isEqualTo(1);
        assertThat(s.liveBytes()).as("nothing will free it").isEqualTo(1000);
        assertThat(table.drainLeaks()).as("reported once").isEmpty();
    }

    @Test
    void anObjectWhoseMemoryGoesWithItIsNoLeakWhenCollectedAndCountsOnceWhenReleasedFirst() throws InterruptedException {
        SiteTable table = new SiteTable(10, 1);
        Object released = new Object();
        SiteCalls.pointer(table, released, 4096);
        SiteCalls.pointer(table, new Object(), 4096);
        assertThat(table.freed(SiteKind.JAVACPP_POINTER, released, 0, 4096)).isEqualTo(4096);
        released = null;
        for (int i = 0; i < 50 && only(table).freedCount() < 2; i++) {
            System.gc();
            assertThat(table.drainLeaks()).as("freed by its library after collection: no leak").isEmpty();
            Thread.sleep(100);
        }
        Site.Snapshot s = only(table);
        assertThat(s.freedCount()).as("the released one once, the collected one once").isEqualTo(2);
        assertThat(s.liveBytes()).isZero();
        assertThat(s.unclosedGcCount()).isZero();
    }

    @Test
    void theLargestSitesAreFedToTheDetectorAndStayThere() {
        SiteTable table = new SiteTable(10, 1);
        SiteCalls.direct(table, 100, 4096);
        assertThat(table.detectedValues()).containsEntry(DIRECT_SITE, 4096L);
        table.freed(SiteKind.DIRECT_BUFFER, null, 100, 4096);
        assertThat(table.detectedValues()).containsEntry(DIRECT_SITE, 0L);
    }

    private static Site.Snapshot only(SiteTable table) {
        assertThat(table.snapshot()).hasSize(1);
        return table.snapshot().get(0);
    }
}
