package dev.leakscope.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictBandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachFindingStartsAVerdictThatLastsUntilTheSignalsNextFinding() throws Exception {
        List<JsonNode> findings = List.of(finding(30, "growth_suspected"), finding(45, "leak"), finding(80, "plateau"));

        assertThat(VerdictBand.of(findings, 120)).containsExactly(new VerdictBand(30, 45, "growth_suspected"),
                new VerdictBand(45, 80, "leak"), new VerdictBand(80, 120, "plateau"));
    }

    @Test
    void aVerdictThisVersionDoesNotKnowGetsANeutralColour() {
        assertThat(VerdictBand.cssClass("leak")).isEqualTo("v-leak");
        assertThat(VerdictBand.cssClass("\"><script>")).isEqualTo("v-other");
    }

    private static JsonNode finding(double t, String verdict) throws Exception {
        return JSON.readTree("{\"type\":\"finding\",\"t\":" + t + ",\"verdict\":\"" + verdict + "\"}");
    }
}
