package dev.leakscope.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The sites of the {@code summary} event that ends an agent's stream (docs/events.md). */
final class SummarySites {

    /** Sites named in a failure message. */
    static final int TOP = 5;
    /** At most this many frames per site, from the allocation out to the site's own frame. */
    static final int FRAMES = 6;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SummarySites() {
    }

    /** The summary's sites that hold live memory, in its order (fastest growing, then largest), at most {@link #TOP}. */
    static List<TopSite> read(Path stream) throws IOException {
        List<String> lines = Files.readAllLines(stream);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains("\"summary\"")) {
                JsonNode event = JSON.readTree(lines.get(i));
                if (event.path("type").asText().equals("summary")) {
                    return sites(event.path("sites"));
                }
            }
        }
        throw new IOException(stream + " has no summary event (expected: the agent writes one when it stops)");
    }

    private static List<TopSite> sites(JsonNode sites) {
        List<TopSite> top = new ArrayList<>();
        for (JsonNode site : sites) {
            if (top.size() == TOP) {
                break;
            }
            long liveBytes = site.path("live_bytes").asLong();
            if (liveBytes > 0) {
                top.add(new TopSite(site.path("id").asText(), liveBytes, site.path("live_count").asLong(), frames(site)));
            }
        }
        return top;
    }

    /** The stack's first frames, up to the site's frame: the code that asked for the memory. */
    private static List<String> frames(JsonNode site) {
        String siteFrame = site.path("site").asText();
        List<String> frames = new ArrayList<>();
        for (JsonNode frame : site.path("stack")) {
            frames.add(frame.asText());
            if (frames.size() == FRAMES || frame.asText().equals(siteFrame)) {
                break;
            }
        }
        return frames;
    }
}
