package dev.leakscope.core.site;

import java.util.Map;
import java.util.function.Function;

/**
 * Allocation-site tracking as an observation sees it: the site table, the instrumentation modules
 * with their state ("on", or why not), and the exact per-kind totals the bridge counts.
 *
 * @param modules module name to "on" or the reason it is off, for the {@code start} event
 * @param totals  a kind's {allocated count, allocated bytes, freed count, freed bytes}
 * @param onTick  run by the sampling thread on each tick (the agent adjusts its sampling rate)
 */
public record Tracking(SiteTable table, Map<String, String> modules, Function<SiteKind, long[]> totals, Runnable onTick) {
}
