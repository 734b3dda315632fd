package dev.leakscope.core.site;

import dev.leakscope.core.detect.Detectors;
import dev.leakscope.core.detect.Finding;
import dev.leakscope.core.detect.SignalDetector;
import dev.leakscope.core.sample.Signals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The sites with their growth rates, as the detector measured them on the signals
 * {@code site:<id>}: which sites grow the fastest, and how much of a process signal's growth the
 * tracked sites explain. Read on the sampling thread.
 */
public final class SiteRates {

    /** A site's figures and its rate of growth in live bytes, {@code NaN} until measured. */
    public record Rated(Site.Snapshot site, double rate) {
    }

    /** Sites named in a finding. */
    public static final int TOP_IN_FINDING = 5;
    /** Sites named in the summary. */
    public static final int TOP_IN_SUMMARY = 20;

    private final List<Rated> rated;

    private SiteRates(List<Rated> rated) {
        this.rated = rated;
    }

    /** The table's sites now, rated by their detectors. */
    public static SiteRates of(SiteTable table, Detectors detectors) {
        List<Rated> rated = new ArrayList<>();
        for (Site.Snapshot s : table.snapshot()) {
            SignalDetector d = detectors.bySignal().get(s.id());
            Finding latest = d == null ? null : d.latest();
            rated.add(new Rated(s, latest == null ? Double.NaN : latest.rate()));
        }
        return new SiteRates(rated);
    }

    /**
     * The sites behind {@code signal}, fastest growing first, then largest: for a site signal the
     * site itself, for a process signal the sites of the kinds whose memory it holds, for
     * {@code null} every site.
     */
    public List<Rated> top(String signal, int n) {
        return rated.stream().filter(r -> behind(signal, r.site()))
                .sorted(Comparator.comparingDouble((Rated r) -> Double.isNaN(r.rate()) ? Double.NEGATIVE_INFINITY : r.rate())
                        .reversed().thenComparing(Comparator.comparingLong((Rated r) -> r.site().liveBytes()).reversed()))
                .limit(n).toList();
    }

    /** The growth of {@code signal} that tracked sites account for: the sum of their positive rates. */
    public double explained(String signal) {
        double sum = 0;
        for (Rated r : rated) {
            if (!signal.startsWith(Signals.SITE_PREFIX) && behind(signal, r.site()) && r.rate() > 0) {
                sum += r.rate();
            }
        }
        return sum;
    }

    private static boolean behind(String signal, Site.Snapshot site) {
        if (signal == null) {
            return true;
        }
        if (signal.startsWith(Signals.SITE_PREFIX)) {
            return signal.equals(site.id());
        }
        SiteKind kind = SiteKind.named(site.kind());
        return kind != null && kind.explains(signal); // the overflow site mixes kinds
    }
}
