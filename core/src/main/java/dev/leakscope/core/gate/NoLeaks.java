package dev.leakscope.core.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakscope.core.analyze.RecordedRun;
import dev.leakscope.core.sample.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The default rule: no signal's latest verdict is {@code leak}. */
public record NoLeaks() implements GateRule {

    @Override
    public RuleOutcome evaluate(RecordedRun run) {
        List<String> leaking = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : run.assessments().entrySet()) {
            if (e.getValue().path("verdict").asText().equals("leak")) {
                leaking.add(e.getKey());
                details.add(RunSignals.verdictLine(run, e.getKey()));
                if (e.getKey().startsWith(Signals.SITE_PREFIX)) {
                    List<String> site = RunSignals.siteWithStack(run, e.getKey());
                    details.addAll(site.subList(1, site.size()));
                }
            }
        }
        String measured = leaking.isEmpty() ? "none" : String.join(", ", leaking);
        return RuleOutcome.of(leaking.isEmpty(), "no leak verdicts", measured, "none", details);
    }
}
