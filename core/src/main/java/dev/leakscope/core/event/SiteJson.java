package dev.leakscope.core.event;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakscope.core.site.Site;
import dev.leakscope.core.site.SiteKind;
import dev.leakscope.core.site.SiteRates;
import dev.leakscope.core.site.Tracking;
import java.util.List;

/** The JSON form of sites (docs/events.md), shared by {@code finding}, {@code site_leak} and {@code summary}. */
final class SiteJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SiteJson() {
    }

    /** A site with its rate: {@code id, site, kind, live_count, live_bytes, rate_bytes_per_s, ...}. */
    static ObjectNode of(SiteRates.Rated r, boolean estimated) {
        ObjectNode n = identity(JSON.objectNode(), r.site());
        n.put("live_count", r.site().liveCount());
        n.put("live_bytes", r.site().liveBytes());
        FindingJson.number(n, "rate_bytes_per_s", r.rate());
        n.put("unclosed_gc_count", r.site().unclosedGcCount());
        n.put("allocated_count", r.site().allocatedCount());
        n.put("allocated_bytes", r.site().allocatedBytes());
        n.put("freed_count", r.site().freedCount());
        n.put("freed_bytes", r.site().freedBytes());
        n.put("estimated", estimated);
        stack(n, r.site());
        return n;
    }

    static ArrayNode list(List<SiteRates.Rated> sites, boolean estimated) {
        ArrayNode a = JSON.arrayNode();
        sites.forEach(r -> a.add(of(r, estimated)));
        return a;
    }

    static ObjectNode identity(ObjectNode into, Site.Snapshot s) {
        into.put("id", s.id());
        into.put("site", s.site());
        into.put("kind", s.kind());
        return into;
    }

    static void stack(ObjectNode into, Site.Snapshot s) {
        ArrayNode stack = into.putArray("stack");
        s.stack().forEach(stack::add);
    }

    /** Exact per-kind totals since the agent started: {@code allocations.<kind>}. */
    static ObjectNode allocations(Tracking tracking) {
        ObjectNode all = JSON.objectNode();
        for (SiteKind kind : SiteKind.values()) {
            long[] t = tracking.totals().apply(kind);
            if (t[0] == 0 && t[2] == 0) {
                continue;
            }
            ObjectNode k = all.putObject(kind.json());
            k.put("allocated_count", t[0]);
            k.put("allocated_bytes", t[1]);
            k.put("freed_count", t[2]);
            k.put("freed_bytes", t[3]);
        }
        return all;
    }
}
