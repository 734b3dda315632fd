package dev.leakscope.core.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report's page: HTML, CSS and script in one resource file, with {@code {{name}}} slots. The
 * template is split once at its slots and the values are written between the pieces, so text in a
 * value that looks like a slot stays text.
 */
final class Template {

    private final List<String> pieces = new ArrayList<>();
    private final List<String> slots = new ArrayList<>();

    private Template(String text) {
        int from = 0;
        int open;
        while ((open = text.indexOf("{{", from)) >= 0) {
            int close = text.indexOf("}}", open);
            pieces.add(text.substring(from, open));
            slots.add(text.substring(open + 2, close));
            from = close + 2;
        }
        pieces.add(text.substring(from));
    }

    /** A template from a resource beside this class. */
    static Template load(String name) {
        try (InputStream in = Template.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the report template " + name + " is missing from leakscope's jar");
            }
            return new Template(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report template " + name, e);
        }
    }

    void render(Map<String, String> values, Appendable out) throws IOException {
        for (int i = 0; i < slots.size(); i++) {
            out.append(pieces.get(i));
            String value = values.get(slots.get(i));
            if (value == null) {
                throw new IllegalArgumentException("slot " + slots.get(i) + " has no value (expected one of " + values.keySet() + ")");
            }
            out.append(value);
        }
        out.append(pieces.get(pieces.size() - 1));
    }
}
