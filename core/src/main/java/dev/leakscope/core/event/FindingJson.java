package dev.leakscope.core.event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakscope.core.detect.Finding;
import dev.leakscope.core.detect.IterationGrowth;

/** The JSON form of a {@link Finding}, shared by {@code finding} events and {@code summary.worst}. */
final class FindingJson {

    private FindingJson() {
    }

    /** The fields of a finding (docs/events.md); a rate bound that is infinite is written as null. */
    static ObjectNode fields(ObjectNode into, Finding f) {
        into.put("signal", f.signal());
        into.put("verdict", f.verdict().json());
        number(into, "rate_bytes_per_s", f.rate());
        number(into, "rate_low", f.low());
        number(into, "rate_high", f.high());
        number(into, "window_s", f.window());
        into.put("current_bytes", f.current());
        if (f.limit() == null) {
            into.putNull("limit_bytes");
        } else {
            into.put("limit_bytes", f.limit());
        }
        number(into, "time_to_limit_s", f.timeToLimit() == null ? Double.NaN : f.timeToLimit());
        into.put("message", f.message());
        into.putArray("sites");
        return into;
    }

    /** {@code per_iteration_bytes}, {@code per_iteration_low} and {@code per_iteration_high}; nothing when {@code p} is null. */
    static void perIteration(ObjectNode into, IterationGrowth.PerIteration p) {
        if (p != null) {
            number(into, "per_iteration_bytes", p.bytes());
            number(into, "per_iteration_low", p.low());
            number(into, "per_iteration_high", p.high());
        }
    }

    static ObjectNode of(Finding f) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("t", f.t());
        return fields(node, f);
    }

    /** Finite numbers rounded to a precision that means something (0.1 byte/s, 1 ms); others null. */
    static void number(ObjectNode into, String field, double value) {
        if (Double.isFinite(value)) {
            into.put(field, Math.round(value * 1000) / 1000.0);
        } else {
            into.putNull(field);
        }
    }
}
