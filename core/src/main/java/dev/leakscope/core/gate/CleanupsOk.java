package dev.leakscope.core.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakscope.core.analyze.RecordedRun;
import java.util.ArrayList;
import java.util.List;

/** The default rule: every declared cleanup block freed what it was expected to ({@code cleanup.ok}). */
public record CleanupsOk() implements GateRule {

    @Override
    public RuleOutcome evaluate(RecordedRun run) {
        List<String> failed = new ArrayList<>();
        for (JsonNode cleanup : run.cleanups()) {
            if (!cleanup.path("ok").asBoolean(true)) {
                failed.add(cleanup.path("label").asText("?") + ": freed " + cleanup.path("freed_bytes").asText("?")
                        + " of " + cleanup.path("expected_bytes").asText("?") + " bytes; kept by " + cleanup.path("kept_by"));
            }
        }
        String measured = run.cleanups().isEmpty() ? "no cleanup checks"
                : failed.size() + " of " + run.cleanups().size() + " failed";
        return RuleOutcome.of(failed.isEmpty(), "cleanup checks", measured, "none failed", failed);
    }
}
