package dev.leakscope.core.observe;

import dev.leakscope.core.event.RunSummary;
import dev.leakscope.core.mark.CleanupCheck;
import dev.leakscope.core.site.Site;
import dev.leakscope.core.site.SiteKind;
import dev.leakscope.core.site.Tracking;
import java.util.LinkedHashMap;
import java.util.Map;

/** What phases, cleanup checks and the metrics read of a run: the latest values, the first tick's, the sites'. */
final class RunReadings {

    /** Index of freed bytes in {@link Tracking#totals()}'s counts: allocated count, bytes, freed count, bytes. */
    private static final int FREED_BYTES = 3;

    private final RunSummary summary;
    private final Tracking tracking;

    /** @param tracking allocation tracking, or {@code null} */
    RunReadings(RunSummary summary, Tracking tracking) {
        this.summary = summary;
        this.tracking = tracking;
    }

    /** Every signal's latest value. */
    Map<String, Long> latest() {
        Map<String, Long> values = new LinkedHashMap<>();
        summary.signals().forEach((signal, stats) -> values.put(signal, stats.last()));
        return values;
    }

    /** The values of the run's first tick: a signal first read later has no value at the start. */
    Map<String, Long> atStart() {
        Map<String, Long> values = new LinkedHashMap<>();
        summary.signals().forEach((signal, stats) -> {
            if (stats.firstT() <= summary.firstT()) {
                values.put(signal, stats.first());
            }
        });
        return values;
    }

    /** What a cleanup check compares: every signal now, each site's live bytes, all tracked releases so far. */
    CleanupCheck.Reading forCleanup() {
        Map<String, Long> sites = new LinkedHashMap<>();
        long freed = 0;
        if (tracking != null) {
            for (Site.Snapshot s : tracking.table().snapshot()) {
                sites.put(s.id(), s.liveBytes());
            }
            for (SiteKind kind : SiteKind.values()) {
                freed += tracking.totals().apply(kind)[FREED_BYTES];
            }
        }
        return new CleanupCheck.Reading(latest(), sites, freed);
    }
}
