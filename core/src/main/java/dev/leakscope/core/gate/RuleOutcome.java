package dev.leakscope.core.gate;

import java.util.List;

/**
 * What one rule found: the rule as written, the measured value and the limit (as people read
 * them), the status, and why (a skip's reason, a failure's culprits with their stacks).
 */
public record RuleOutcome(String rule, String measured, String limit, Status status, List<String> details) {

    public enum Status {
        PASS, FAIL, SKIP;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static RuleOutcome pass(String rule, String measured, String limit) {
        return new RuleOutcome(rule, measured, limit, Status.PASS, List.of());
    }

    static RuleOutcome fail(String rule, String measured, String limit, List<String> details) {
        return new RuleOutcome(rule, measured, limit, Status.FAIL, List.copyOf(details));
    }

    static RuleOutcome skip(String rule, String limit, String why) {
        return new RuleOutcome(rule, "-", limit, Status.SKIP, List.of(why));
    }

    static RuleOutcome of(boolean passed, String rule, String measured, String limit, List<String> details) {
        return passed ? pass(rule, measured, limit) : fail(rule, measured, limit, details);
    }
}
