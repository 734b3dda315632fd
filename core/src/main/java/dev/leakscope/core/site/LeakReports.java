package dev.leakscope.core.site;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Paces {@code site_leak} events: a site's first leak is reported at once, later ones at most once
 * per {@link #INTERVAL_S}, with what was found in between, as Netty's detector reports a leak once
 * rather than on every collection. Nothing found is dropped: {@link #rest()} hands over what is
 * still pending when the run ends. Used by the sampling thread only.
 */
public final class LeakReports {

    /** The shortest time between two reports of one site. */
    public static final double INTERVAL_S = 60;

    private final Map<String, Double> lastReport = new HashMap<>();
    private final Map<String, SiteLeak> pending = new LinkedHashMap<>();

    /** The reports due at {@code t}, given the leaks just found. */
    public List<SiteLeak> due(List<SiteLeak> found, double t) {
        for (SiteLeak leak : found) {
            pending.merge(leak.site().id(), leak, (a, b) -> new SiteLeak(b.site(), a.count() + b.count(), a.bytes() + b.bytes()));
        }
        List<SiteLeak> due = new ArrayList<>();
        pending.values().removeIf(leak -> {
            Double last = lastReport.get(leak.site().id());
            if (last != null && t - last < INTERVAL_S) {
                return false;
            }
            lastReport.put(leak.site().id(), t);
            due.add(leak);
            return true;
        });
        return due;
    }

    /** What was found but not yet reported. */
    public List<SiteLeak> rest() {
        List<SiteLeak> rest = new ArrayList<>(pending.values());
        pending.clear();
        return rest;
    }
}
