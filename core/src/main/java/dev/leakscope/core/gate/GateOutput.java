package dev.leakscope.core.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A gate result as people read it (a short table) and as scripts read it ({@code --json}). */
public final class GateOutput {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] HEADER = {"RULE", "MEASURED", "LIMIT", "RESULT"};

    private GateOutput() {
    }

    /** One row per rule, its details indented below it, then the verdict line. */
    public static String table(GateResult result) {
        int[] widths = widths(result.outcomes());
        StringBuilder out = new StringBuilder();
        if (result.endNote() != null) {
            out.append("note: ").append(result.endNote()).append('\n');
        }
        row(out, widths, HEADER);
        for (RuleOutcome o : result.outcomes()) {
            row(out, widths, o.rule(), o.measured(), o.limit(), resultLabel(o, result.strict()));
            for (String detail : o.details()) {
                out.append("    ").append(detail).append('\n');
            }
        }
        out.append(verdictLine(result)).append('\n');
        return out.toString();
    }

    public static String json(GateResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("source", result.source());
        root.put("passed", result.passed());
        root.put("ended_early", result.endedEarly());
        root.put("strict", result.strict());
        if (result.endNote() != null) {
            root.put("note", result.endNote());
        }
        ArrayNode rules = root.putArray("rules");
        for (RuleOutcome o : result.outcomes()) {
            ObjectNode rule = rules.addObject();
            rule.put("rule", o.rule());
            rule.put("measured", o.measured());
            rule.put("limit", o.limit());
            rule.put("status", o.status().label());
            o.details().forEach(rule.putArray("details")::add);
        }
        return root.toString() + "\n";
    }

    private static String verdictLine(GateResult result) {
        long failed = result.outcomes().stream().filter(o -> o.status() == RuleOutcome.Status.FAIL).count();
        long skipped = result.outcomes().stream().filter(o -> o.status() == RuleOutcome.Status.SKIP).count();
        String counts = failed + " of " + result.outcomes().size() + " rule(s) failed, " + skipped + " skipped"
                + (result.strict() && skipped > 0 ? " (--strict: a skip fails)" : "");
        return "gate: " + (result.passed() ? "PASS" : "FAIL") + " (" + counts + ")";
    }

    /** Failures in capitals, so that they stand out in a CI log. */
    private static String resultLabel(RuleOutcome o, boolean strict) {
        boolean fails = o.status() == RuleOutcome.Status.FAIL || (strict && o.status() == RuleOutcome.Status.SKIP);
        return fails ? o.status().label().toUpperCase(java.util.Locale.ROOT) : o.status().label();
    }

    private static int[] widths(List<RuleOutcome> outcomes) {
        int[] widths = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            widths[i] = HEADER[i].length();
        }
        for (RuleOutcome o : outcomes) {
            widths[0] = Math.max(widths[0], o.rule().length());
            widths[1] = Math.max(widths[1], o.measured().length());
            widths[2] = Math.max(widths[2], o.limit().length());
        }
        return widths;
    }

    private static void row(StringBuilder out, int[] widths, String... cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(i == cells.length - 1 ? cells[i] : String.format("%-" + widths[i] + "s  ", cells[i]));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
