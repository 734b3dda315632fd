package dev.leakscope.core.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakscope.core.analyze.RecordedRun;
import dev.leakscope.core.sample.Signals;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Allocation sites that leak in this run and did not in the baseline, named with their stacks. A
 * site leaks when its verdict is {@code leak} or {@code growth_suspected}, when objects it
 * allocated were collected unclosed ({@code site_leak}), or, in a run too short for a verdict,
 * when its live bytes grew throughout (the lower bound of their slope is above 0).
 *
 * @param baselineLeaking the baseline's leaking sites: these are not new
 */
public record NewLeakingSites(Set<String> baselineLeaking) implements GateRule {

    /** The sites that leak in {@code run}, by id, in the order the run names them. */
    public static Set<String> leaking(RecordedRun run) {
        Set<String> ids = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> e : run.assessments().entrySet()) {
            String verdict = e.getValue().path("verdict").asText();
            if (e.getKey().startsWith(Signals.SITE_PREFIX) && (verdict.equals("leak") || verdict.equals("growth_suspected"))) {
                ids.add(e.getKey()); // a site signal is named by the site id
            }
        }
        run.siteLeaks().forEach(leak -> ids.add(leak.path("id").asText()));
        for (String signal : run.series().keySet()) {
            if (signal.startsWith(Signals.SITE_PREFIX) && RunSignals.rate(run, signal)
                    .map(r -> r.fromSamples() && r.low() != null && r.low() > 0).orElse(false)) {
                ids.add(signal);
            }
        }
        return ids;
    }

    @Override
    public RuleOutcome evaluate(RecordedRun run) {
        List<String> details = new ArrayList<>();
        int fresh = 0;
        for (String id : leaking(run)) {
            if (!baselineLeaking.contains(id)) {
                fresh++;
                details.add("new leaking site:");
                details.addAll(RunSignals.siteWithStack(run, id));
            }
        }
        return RuleOutcome.of(fresh == 0, "baseline: no new leaking sites", fresh == 0 ? "none" : fresh + " new", "none", details);
    }
}
