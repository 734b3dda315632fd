package dev.leakscope.core.event;

import dev.leakscope.core.mark.CleanupCheck;
import dev.leakscope.core.sample.Signals;
import dev.leakscope.core.unit.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The one line a {@code cleanup} event says to people: what was freed, and what still holds memory. */
final class CleanupMessage {

    /** How many holders the line names; {@code kept_by} has them all. */
    private static final int NAMED = 3;

    private CleanupMessage() {
    }

    static String of(CleanupCheck.Result r) {
        StringBuilder m = new StringBuilder(r.label()).append(": freed ").append(Units.formatBytes(r.freedBytes()))
                .append(" of ").append(Units.formatBytes(r.expectedBytes())).append(" expected");
        m.append(r.ok() ? ": ok" : ": LESS THAN EXPECTED");
        List<String> holders = new ArrayList<>();
        for (Map.Entry<String, Long> e : r.keptBy().entrySet()) {
            if (!e.getKey().equals(Signals.RSS_FILE)) {
                holders.add(e.getKey() + " " + Units.formatDelta(e.getValue()));
            }
        }
        if (!holders.isEmpty()) {
            m.append("; still held: ").append(String.join(", ", holders.subList(0, Math.min(NAMED, holders.size()))));
        }
        if (r.pageCacheBytes() > 0) {
            m.append("; rss_file ").append(Units.formatDelta(r.pageCacheBytes()))
                    .append(" is page cache of mapped files (model weights): the kernel reclaims it, not a leak");
        }
        return m.toString();
    }
}
