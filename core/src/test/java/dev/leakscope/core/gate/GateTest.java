package dev.leakscope.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakscope.core.Fixtures;
import dev.leakscope.core.analyze.RecordedRun;
import dev.leakscope.core.analyze.RecordedRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate's rules on streams captured from real runs (fixtures/streams/README.md). */
class GateTest {

    private static final String NATIVE_LEAK_SITE = "site:direct_buffer:dev.leakscope.workload.NativeLeak.load(NativeLeak.java:42)";

    @TempDir
    Path dir;

    @Test
    void byDefaultALeakFailsNamingTheSignalsAndTheSiteWithItsStack() throws Exception {
        GateResult result = GateResult.of(run("direct-leak"), Rules.DEFAULTS, false);
        assertThat(result.passed()).isFalse();
        RuleOutcome leaks = outcome(result, "no leak verdicts");
        assertThat(leaks.status()).isEqualTo(RuleOutcome.Status.FAIL);
        assertThat(leaks.measured()).contains("direct_buffers", NATIVE_LEAK_SITE);
        assertThat(leaks.details()).anySatisfy(d -> assertThat(d).startsWith("direct_buffers: leaking at 20.0 MiB/s"));
        assertThat(leaks.details()).contains("    at dev.leakscope.workload.NativeLeak.load(NativeLeak.java:42)");
        assertThat(outcome(result, "no site leaks").status()).isEqualTo(RuleOutcome.Status.PASS);
        assertThat(outcome(result, "cleanup checks").measured()).isEqualTo("no cleanup checks");
    }

    @Test
    void byDefaultABoundedCacheThatPlateausPasses() throws Exception {
        GateResult result = GateResult.of(run("lru-plateau"), Rules.DEFAULTS, false);
        assertThat(result.outcomes()).extracting(RuleOutcome::status).containsOnly(RuleOutcome.Status.PASS);
        assertThat(result.passed()).isTrue();
        assertThat(result.endNote()).isNull();
    }

    @Test
    void unclosedOnnxResultsFailWithTheirSitesAndStacks() throws Exception {
        GateResult result = GateResult.of(run("onnx-leak"), List.of(new NoSiteLeaks()), false);
        RuleOutcome outcome = result.outcomes().get(0);
        assertThat(outcome.status()).isEqualTo(RuleOutcome.Status.FAIL);
        assertThat(outcome.measured()).matches("\\d+ object\\(s\\) at \\d+ site\\(s\\)");
        assertThat(outcome.details()).anySatisfy(d -> assertThat(d).matches(
                "\\d+ unclosed at site:onnx_result:dev\\.leakscope\\.agent\\.it\\.workload\\.OnnxWorkloads\\.runLeaky\\(OnnxWorkloads\\.java:85\\)"));
        assertThat(outcome.details()).anySatisfy(d -> assertThat(d).startsWith("    at ai.onnxruntime.OrtSession.run("));
    }

    @Test
    void aRunKilledBeforeItsSummaryIsGatedOnWhatItHoldsAndSaysSo() throws Exception {
        GateResult result = GateResult.of(run("killed-leak"), Rules.DEFAULTS, false);
        assertThat(result.endNote()).startsWith("the stream ended early, without its summary");
        assertThat(outcome(result, "no leak verdicts").measured()).contains("direct_buffers");
        assertThat(result.passed()).isFalse();
        assertThat(GateOutput.table(result)).startsWith("note: the stream ended early");
    }

    @Test
    void maxRatePassesUnderTheLimitAndFailsOverIt() throws Exception {
        RecordedRun leak = run("direct-leak");
        assertThat(MaxRate.parse("direct_buffers=25MiB/s").evaluate(leak).status()).isEqualTo(RuleOutcome.Status.PASS);
        RuleOutcome over = MaxRate.parse("direct_buffers=10MiB/s").evaluate(leak);
        assertThat(over.status()).isEqualTo(RuleOutcome.Status.FAIL);
        assertThat(over.measured()).startsWith("20.0 MiB/s (");
        assertThat(over.limit()).isEqualTo("10MiB/s");
        assertThat(MaxRate.parse("rss_anon=50MB/min").evaluate(run("lru-plateau")).status()).isEqualTo(RuleOutcome.Status.PASS);
    }

    @Test
    void maxGrowthComparesLastMinusFirst() throws Exception {
        RecordedRun lru = run("lru-plateau");
        assertThat(MaxGrowth.parse("direct_buffers=100MB").evaluate(lru).status()).isEqualTo(RuleOutcome.Status.PASS);
        RuleOutcome over = MaxGrowth.parse("direct_buffers=1MB").evaluate(lru);
        assertThat(over.status()).isEqualTo(RuleOutcome.Status.FAIL);
        assertThat(RunSignals.growth(lru, "direct_buffers")).isBetween(50e6, 64e6); // the cache's 64 MB bound
        assertThat(over.measured()).matches("\\+\\d\\d\\.\\d MiB");
    }

    @Test
    void aRuleOnASignalTheRunDoesNotHaveIsSkippedWithWhyAndFailsWhenStrict() throws Exception {
        List<GateRule> rules = List.of(MaxRate.parse("vram_process=1MB/s"));
        GateResult lenient = GateResult.of(run("lru-plateau"), rules, false);
        RuleOutcome skipped = lenient.outcomes().get(0);
        assertThat(skipped.status()).isEqualTo(RuleOutcome.Status.SKIP);
        assertThat(skipped.details()).containsExactly(
                "vram_process was unavailable in this run: NVML not found: libnvidia-ml.so.1 (no NVIDIA driver)");
        assertThat(lenient.passed()).isTrue();
        GateResult strict = GateResult.of(run("lru-plateau"), rules, true);
        assertThat(strict.passed()).isFalse();
        assertThat(GateOutput.table(strict)).contains("SKIP", "(--strict: a skip fails)");
    }

    @Test
    void againstItsOwnBaselineARunPasses() throws Exception {
        for (String name : List.of("lru-plateau", "direct-leak", "onnx-leak")) {
            GateResult result = GateResult.of(run(name), Baseline.rules(run(name), 0.2), false);
            assertThat(result.passed()).as(name + ": " + GateOutput.table(result)).isTrue();
        }
    }

    @Test
    void aLeakAgainstACleanBaselineFailsOnItsRatesAndNamesTheNewSite() throws Exception {
        GateResult result = GateResult.of(run("direct-leak"), Baseline.rules(run("lru-plateau"), 0.2), false);
        assertThat(result.passed()).isFalse();
        RuleOutcome direct = outcome(result, "baseline direct_buffers");
        assertThat(direct.status()).isEqualTo(RuleOutcome.Status.FAIL);
        RuleOutcome sites = outcome(result, "baseline: no new leaking sites");
        assertThat(sites.status()).isEqualTo(RuleOutcome.Status.FAIL);
        assertThat(sites.details()).contains("new leaking site:", NATIVE_LEAK_SITE,
                "    at dev.leakscope.workload.NativeLeak.load(NativeLeak.java:42)");
    }

    @Test
    void aRateWithinTheBaselinesIntervalPassesEvenWhenHigherThanTheTolerance() throws Exception {
        RecordedRun leak = run("direct-leak");
        double rate = leak.assessments().get("direct_buffers").path("rate_bytes_per_s").asDouble();
        double high = leak.assessments().get("direct_buffers").path("rate_high").asDouble();
        // the baseline's interval reaches the run's: no evidence that the rate rose
        RateVsBaseline rule = new RateVsBaseline("direct_buffers", rate / 2, high, 0.2);
        assertThat(rule.evaluate(leak).status()).isEqualTo(RuleOutcome.Status.PASS);
        RateVsBaseline apart = new RateVsBaseline("direct_buffers", rate / 2, rate / 1.9, 0.2);
        assertThat(apart.evaluate(leak).status()).isEqualTo(RuleOutcome.Status.FAIL);
    }

    @Test
    void aFailedCleanupCheckFails() throws Exception {
        Path stream = dir.resolve("cleanup.jsonl");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Fixtures.path("streams/lru-plateau.jsonl")));
        // the cleanup event of DESIGN.md; nothing writes it yet (the phases work will)
        lines.add(lines.size() - 1, "{\"schema\":\"leakscope.v1\",\"type\":\"cleanup\",\"time\":\"2026-11-24T07:38:00Z\",\"t\":40.0,"
                + "\"pid\":1,\"label\":\"unload model\",\"expected_bytes\":1000000,\"freed_bytes\":10,\"ok\":false,"
                + "\"kept_by\":{\"direct_buffers\":999990}}");
        Files.write(stream, lines);
        RuleOutcome outcome = new CleanupsOk().evaluate(RecordedRuns.read(stream));
        assertThat(outcome.status()).isEqualTo(RuleOutcome.Status.FAIL);
        assertThat(outcome.details()).containsExactly(
                "unload model: freed 10 of 1000000 bytes; kept by {\"direct_buffers\":999990}");
    }

    @Test
    void badRulesNameTheValueAndWhatWasExpected() {
        assertThatThrownBy(() -> MaxRate.parse("rss_anno=1MB/s")).hasMessageStartingWith("unknown signal rss_anno (expected: one of rss, ");
        assertThatThrownBy(() -> MaxRate.parse("rss_anon")).hasMessage("--max-rate rss_anon (expected: SIGNAL=RATE, e.g. rss_anon=50MB/min)");
        assertThatThrownBy(() -> MaxRate.parse("rss_anon=fast")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fast");
        assertThatThrownBy(() -> MaxGrowth.parse("direct_buffers=12 parsecs")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12 parsecs");
        assertThatThrownBy(() -> Baseline.parseTolerance("-5%")).hasMessage("--tolerance -5% (expected: a share >= 0, e.g. 20% or 0.2)");
        assertThat(Baseline.parseTolerance("20%")).isEqualTo(0.2);
        assertThat(Baseline.parseTolerance("0.5")).isEqualTo(0.5);
    }

    @Test
    void theJsonSaysWhatTheTableSays() throws Exception {
        GateResult result = GateResult.of(run("killed-leak"), List.of(MaxRate.parse("direct_buffers=1GB/s"), new NoLeaks()), false);
        JsonNode json = new ObjectMapper().readTree(GateOutput.json(result));
        assertThat(json.path("passed").asBoolean()).isFalse();
        assertThat(json.path("ended_early").asBoolean()).isTrue();
        assertThat(json.path("rules")).hasSize(2);
        assertThat(json.path("rules").get(0).path("status").asText()).isEqualTo("pass");
        assertThat(json.path("rules").get(1).path("status").asText()).isEqualTo("fail");
        String table = GateOutput.table(result);
        assertThat(table).contains("max-rate direct_buffers", "pass", "no leak verdicts", "FAIL")
                .endsWith("gate: FAIL (1 of 2 rule(s) failed, 0 skipped)\n");
    }

    private static RecordedRun run(String name) throws Exception {
        return RecordedRuns.read(Fixtures.path("streams/" + name + ".jsonl"));
    }

    private static RuleOutcome outcome(GateResult result, String rule) {
        return result.outcomes().stream().filter(o -> o.rule().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError("no rule " + rule + " in " + result.outcomes()));
    }
}
