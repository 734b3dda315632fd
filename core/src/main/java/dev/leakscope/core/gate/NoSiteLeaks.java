package dev.leakscope.core.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakscope.core.analyze.RecordedRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --no-site-leaks}: no tracked object was garbage-collected without {@code close()}. */
public record NoSiteLeaks() implements GateRule {

    @Override
    public RuleOutcome evaluate(RecordedRun run) {
        Map<String, Long> countBySite = new LinkedHashMap<>();
        for (JsonNode leak : run.siteLeaks()) {
            countBySite.merge(leak.path("id").asText(), leak.path("count").asLong(0), Long::sum);
        }
        long objects = countBySite.values().stream().mapToLong(Long::longValue).sum();
        List<String> details = new ArrayList<>();
        countBySite.forEach((id, count) -> {
            List<String> site = RunSignals.siteWithStack(run, id);
            details.add(count + " unclosed at " + site.get(0));
            details.addAll(site.subList(1, site.size()));
        });
        String measured = countBySite.isEmpty() ? "none" : objects + " object(s) at " + countBySite.size() + " site(s)";
        return RuleOutcome.of(countBySite.isEmpty(), "no site leaks", measured, "none", details);
    }
}
