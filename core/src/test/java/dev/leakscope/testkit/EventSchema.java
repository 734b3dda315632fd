package dev.leakscope.testkit;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks event lines against the published contract, docs/events.schema.json. */
public final class EventSchema {

    private static final Schema SCHEMA = load();

    private EventSchema() {
    }

    /** The problems of one JSON line against the schema; empty when it conforms. */
    public static List<String> problems(String jsonLine) {
        List<String> out = new ArrayList<>();
        for (Error e : SCHEMA.validate(jsonLine, InputFormat.JSON)) {
            out.add(e.toString());
        }
        return out;
    }

    /** Fails with every problem of every line that does not conform. */
    public static void assertConforms(List<String> lines) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            for (String p : problems(lines.get(i))) {
                all.add("line " + (i + 1) + ": " + p + "\n    " + lines.get(i));
            }
        }
        if (!all.isEmpty()) {
            throw new AssertionError("events do not conform to docs/events.schema.json:\n" + String.join("\n", all));
        }
    }

    /** The repository's docs/ folder, found upwards from the module directory tests run in. */
    public static Path docs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/events.schema.json"))) {
                return dir.resolve("docs");
            }
        }
        throw new IllegalStateException("docs/events.schema.json not found above " + Path.of("").toAbsolutePath());
    }

    private static Schema load() {
        try {
            String text = Files.readString(docs().resolve("events.schema.json"));
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(text, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
