package dev.leakscope.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakscope.core.Fixtures;
import dev.leakscope.core.analyze.RecordedRun;
import dev.leakscope.core.analyze.RecordedRuns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    private static final Pattern SERIES = Pattern.compile("<path class=\"series\" data-signal=\"([^\"]*)\" d=\"([^\"]*)\"");

    @TempDir
    Path dir;

    @Test
    void theDemoStreamHasOneChartWithOneSeriesPerSignal() throws Exception {
        RecordedRun run = RecordedRuns.read(Fixtures.path("streams/direct-leak.jsonl"));
        String html = render(run);

        assertThat(seriesSignals(html)).containsExactlyInAnyOrderElementsOf(run.series().keySet());
        assertThat(count(html, "<svg class=\"chart\"")).isEqualTo(run.series().size());
        assertThat(html).contains("<dd>22357</dd>", "NativeLeak 20MiB/s 60s", "normally: the JVM is exiting")
                .contains("class=\"band v-leak\"", "class=\"slope\"", "class=\"projection\"", "limit 1.46 GiB")
                .contains("dev.leakscope.workload.NativeLeak.load(NativeLeak.java:42)", "<li>java.nio.DirectByteBuffer.&lt;init&gt;(")
                .doesNotContain("This run ended early");
        // the leak comes first: the overview and the charts are ordered by severity
        assertThat(html.indexOf("data-signal=\"direct_buffers\"")).isLessThan(html.indexOf("data-signal=\"rss\""));
    }

    @Test
    void thePageLoadsNothingFromTheNetwork() throws Exception {
        String html = render(RecordedRuns.read(Fixtures.path("streams/onnx-leak.jsonl")));

        assertThat(html).contains("Content-Security-Policy\" content=\"default-src 'none';")
                .doesNotContainPattern("(?i)\\ssrc\\s*=").doesNotContainPattern("(?i)href=\"(?!#)")
                .doesNotContain("url(", "@import", "http:", "https:");
    }

    @Test
    void aStreamWithoutItsSummaryRendersWithABannerSayingItEndedEarly() throws Exception {
        Path cut = dir.resolve("cut.jsonl");
        List<String> lines = Files.readAllLines(Fixtures.path("streams/direct-leak.jsonl"));
        Files.write(cut, lines.subList(0, lines.size() - 1));

        String html = render(RecordedRuns.read(cut));

        assertThat(html).contains("This run ended early", "early, without a summary", "class=\"band v-leak\"")
                .contains("Worst: <strong>direct_buffers</strong>");
        assertThat(seriesSignals(html)).hasSize(17);
    }

    @Test
    void commandLinesStackFramesAndLabelsAreTextNeverMarkup() throws Exception {
        String evil = "</script><img src=x onerror=alert(1)>\\\"&'";
        Path stream = dir.resolve("evil.jsonl");
        Files.writeString(stream, String.join("\n",
                event("start", 0, "\"target\":{\"pid\":1,\"command_line\":\"java -Dx=" + evil + " Main\"}"),
                event("sample", 1, "\"values\":{\"site:unsafe:" + evil + "\":1024}"),
                event("phase", 1, "\"label\":\"" + evil + "\""),
                event("site_leak", 1, "\"id\":\"site:unsafe:" + evil + "\",\"site\":\"" + evil + "\",\"kind\":\"unsafe\",\"count\":1,"
                        + "\"bytes\":8,\"message\":\"" + evil + "\",\"stack\":[\"a.B.<init>(B.java:1)\",\"" + evil + "\"]"),
                event("notice", 1, "\"level\":\"warn\",\"message\":\"" + evil + "\"")) + "\n", StandardCharsets.UTF_8);

        String html = render(RecordedRuns.read(stream));

        assertThat(html).doesNotContain("<img", "</script><", "onerror=alert(1)>")
                .contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&amp;&#39;", "a.B.&lt;init&gt;(B.java:1)");
        assertThat(count(html, "<script>")).isEqualTo(2);
    }

    @Test
    void aDayAtOneHertzIsDrawnWithAtMostTwoPointsPerPixelColumn() throws Exception {
        RecordedRun day = DayLongStream.inMemory(DayLongStream.DAY);
        String html = render(day);

        Matcher m = SERIES.matcher(html);
        int charts = 0;
        while (m.find()) {
            charts++;
            assertThat(count(m.group(2), "L") + 1).as(m.group(1)).isLessThanOrEqualTo(2 * Frame.columns());
        }
        assertThat(charts).isEqualTo(DayLongStream.SIGNALS.size());
        assertThat(count(html, "class=\"phase\"")).isEqualTo(23 * charts);
        assertThat(html.length()).as("report size").isLessThan(1_500_000);
    }

    private static String render(RecordedRun run) throws IOException {
        StringBuilder out = new StringBuilder();
        HtmlReport.write(run, out);
        return out.toString();
    }

    private static List<String> seriesSignals(String html) {
        return SERIES.matcher(html).results().map(r -> r.group(1)).toList();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private static String event(String type, double t, String fields) {
        return "{\"schema\":\"leakscope.v1\",\"type\":\"" + type + "\",\"time\":\"2026-11-24T00:00:0" + (int) t + ".000Z\",\"t\":" + t
                + ",\"pid\":1," + fields + "}";
    }
}
