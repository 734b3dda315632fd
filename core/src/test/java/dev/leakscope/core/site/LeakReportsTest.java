package dev.leakscope.core.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeakReportsTest {

    private static final Site.Snapshot SITE = new Site.Snapshot("site:onnx_tensor:a.B.m(B.java:1)", "a.B.m(B.java:1)",
            "onnx_tensor", List.of(), 0, 0, 0, 0, 0, 0, 0);

    @Test
    void aSitesFirstLeakIsReportedAtOnceThenAtMostOncePerInterval() {
        LeakReports reports = new LeakReports();
        assertThat(reports.due(List.of(new SiteLeak(SITE, 2, 20)), 10)).extracting(SiteLeak::count).containsExactly(2L);
        assertThat(reports.due(List.of(new SiteLeak(SITE, 3, 30)), 11)).isEmpty();
        assertThat(reports.due(List.of(new SiteLeak(SITE, 4, 40)), 20)).isEmpty();
        List<SiteLeak> later = reports.due(List.of(), 10 + LeakReports.INTERVAL_S);
        assertThat(later).hasSize(1);
        assertThat(later.get(0).count()).as("what was found in between").isEqualTo(7);
        assertThat(later.get(0).bytes()).isEqualTo(70);
    }

    @Test
    void whatIsPendingAtTheEndIsHandedOver() {
        LeakReports reports = new LeakReports();
        reports.due(List.of(new SiteLeak(SITE, 1, 10)), 0);
        reports.due(List.of(new SiteLeak(SITE, 5, 50)), 1);
        assertThat(reports.rest()).extracting(SiteLeak::count).containsExactly(5L);
        assertThat(reports.rest()).isEmpty();
    }
}
