package dev.leakscope.junit;

import dev.leakscope.core.unit.Units;
import java.util.List;
import java.util.Map;

/** The failure message of a leak test: the signals over their bounds, the others, and the top sites. */
final class LeakMessage {

    private final StringBuilder text = new StringBuilder();

    private LeakMessage() {
    }

    /**
     * @param sites the top-sites section, or {@code null} when sites were not measured
     */
    static String of(String test, LeakTestPlan plan, List<Growth> growths, Map<LeakSignal, String> unavailable,
                     String sites) {
        LeakMessage m = new LeakMessage();
        m.line(test + " leaks: memory grew over " + plan.iterations() + " runs (after " + plan.warmups()
                + (plan.warmups() == 1 ? " warm-up)" : " warm-ups)"));
        growths.stream().filter(Growth::exceeds).forEach(g -> m.line("  " + g.signal().id() + " grew "
                + Units.formatBytes(g.perIteration()) + " per iteration (bound " + Units.formatBytes(g.bound()) + "), "
                + Units.formatDelta(g.total()) + " in all"));
        growths.stream().filter(g -> !g.exceeds()).forEach(g -> m.line("  within its bound: " + g.signal().id() + " "
                + Units.formatDelta(g.perIteration()) + " per iteration (bound " + Units.formatBytes(g.bound()) + ")"));
        unavailable.forEach((signal, why) -> m.line("  not measured: " + signal.id() + ": " + why));
        if (sites != null) {
            m.line(sites);
        }
        return m.text.toString().stripTrailing();
    }

    /** The lines that list the top sites, indented. */
    static String sites(List<TopSite> top) {
        if (top.isEmpty()) {
            return "  none holds live memory: what grew is memory the agent does not track (heap objects, or native"
                    + " memory of an untracked library)\n";
        }
        StringBuilder out = new StringBuilder();
        for (TopSite site : top) {
            out.append("  ").append(site.id()).append("  ").append(Units.formatBytes(site.liveBytes())).append(" live in ")
                    .append(site.liveCount()).append(site.liveCount() == 1 ? " object\n" : " objects\n");
            for (String frame : site.frames()) {
                out.append("      at ").append(frame).append('\n');
            }
        }
        return out.toString();
    }

    private void line(String line) {
        text.append(line).append('\n');
    }
}
