package dev.leakscope.core.analyze;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakscope.core.event.EventStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** One line of a leakscope event stream, checked: a JSON object of schema {@code leakscope.v1}. */
public final class EventLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventLines() {
    }

    /** The event on this line, or {@code null} for a blank line. */
    public static JsonNode parse(String source, long number, String line) throws TraceFormatException {
        if (line.isBlank()) {
            return null;
        }
        JsonNode event;
        try {
            event = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new TraceFormatException(source, number, "not JSON: " + e.getOriginalMessage() + " (expected: one leakscope event per line)");
        }
        if (!event.isObject()) {
            throw new TraceFormatException(source, number, "not a JSON object (expected: one leakscope event per line)");
        }
        String schema = event.path("schema").asText("");
        if (!schema.equals(EventStream.SCHEMA)) {
            throw new TraceFormatException(source, number, "schema \"" + schema + "\" (expected: " + EventStream.SCHEMA + ")");
        }
        return event;
    }

    /** A {@code sample} event's {@code t}: seconds since the observation started. */
    public static double sampleTime(String source, long number, JsonNode sample) throws TraceFormatException {
        JsonNode t = sample.get("t");
        if (t == null || !t.isNumber()) {
            throw new TraceFormatException(source, number, "sample without a numeric \"t\" (expected: seconds since start)");
        }
        return t.asDouble();
    }

    /** A {@code sample} event's values, signal → bytes (or a count), in the stream's order. */
    public static Map<String, Double> sampleValues(String source, long number, JsonNode sample) throws TraceFormatException {
        Map<String, Double> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = sample.path("values").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber()) {
                throw new TraceFormatException(source, number, "value of " + e.getKey() + " is " + e.getValue()
                        + " (expected: a number of bytes)");
            }
            values.put(e.getKey(), e.getValue().asDouble());
        }
        return values;
    }
}
