package dev.leakscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakscope.core.analyze.RecordedRuns;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leakscope report} through the real CLI on captured streams, then the page in headless
 * Chromium: the charts are in the DOM after its scripts ran, and no script failed. Without a
 * Chromium on the PATH the browser checks are skipped, unless CHROMIUM_REQUIRED=1 (CI).
 */
class ReportIT {

    private static final Duration CLI = Duration.ofSeconds(60);
    private static final Pattern SERIES = Pattern.compile("<path class=\"series\" data-signal=\"([^\"]*)\"");

    @TempDir
    Path dir;

    @Test
    void theDemosReportRendersEveryChartInABrowserWithoutScriptErrors() throws Exception {
        Path browser = Chromium.required();
        Path stream = fixture("direct-leak.jsonl");
        AgentJar.Result report = AgentJar.run(dir, CLI, "report", stream.toString(), "-o", "report.html");
        assertThat(report.exitCode()).as(report.stderr()).isZero();
        assertThat(report.stdout().trim()).isEqualTo("report.html");

        Chromium.Page page = Chromium.open(browser, dir.resolve("report.html"), dir);
        assertThat(page.dom()).contains("data-errors=\"0\"", "data-ready=\"1\"", "data-charts=\"17\"");
        assertThat(SERIES.matcher(page.dom()).results().map(r -> r.group(1)).toList())
                .containsExactlyInAnyOrderElementsOf(RecordedRuns.read(stream).series().keySet());
        assertThat(page.log()).doesNotContain("Uncaught");
        Path png = Chromium.screenshot(browser, dir.resolve("report.html"), dir);
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    @Test
    void aKilledRunAndARunWithSiteLeaksRenderWithWhatTheyHold() throws Exception {
        Path browser = Chromium.required();
        AgentJar.Result killed = AgentJar.run(dir, CLI, "report", fixture("killed-leak.jsonl").toString(), "-o", "killed.html");
        AgentJar.Result onnx = AgentJar.run(dir, CLI, "report", fixture("onnx-leak.jsonl").toString(), "-o", "onnx.html");
        assertThat(killed.exitCode()).as(killed.stderr()).isZero();
        assertThat(onnx.exitCode()).as(onnx.stderr()).isZero();

        Chromium.Page killedPage = Chromium.open(browser, dir.resolve("killed.html"), dir);
        assertThat(killedPage.dom()).contains("data-errors=\"0\"", "data-ready=\"1\"", "This run ended early", "class=\"band v-leak\"");
        Chromium.Page onnxPage = Chromium.open(browser, dir.resolve("onnx.html"), dir);
        assertThat(onnxPage.dom()).contains("data-errors=\"0\"", "data-ready=\"1\"", "<h2>Site leaks</h2>",
                "site:onnx_tensor:dev.leakscope.agent.it.workload.OnnxWorkloads.runLeaky(OnnxWorkloads.java:", "<li>ai.onnxruntime.");
        assertThat(killedPage.log() + onnxPage.log()).doesNotContain("Uncaught");
    }

    @Test
    void badInputExitsTwoNamingTheFileAndAnUnwritableOutputExitsOne() throws Exception {
        Files.writeString(dir.resolve("trace.csv"), "t_seconds,rss\n0,100\n");
        Files.writeString(dir.resolve("empty.jsonl"), "");
        Path stream = fixture("direct-leak.jsonl");

        AgentJar.Result csv = AgentJar.run(dir, CLI, "report", "trace.csv", "-o", "out.html");
        assertThat(csv.exitCode()).isEqualTo(2);
        assertThat(csv.stderr()).startsWith("leakscope report: trace.csv:1: not JSON").contains("(expected: one leakscope event per line)");
        AgentJar.Result empty = AgentJar.run(dir, CLI, "report", "empty.jsonl", "-o", "out.html");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.stderr()).startsWith("leakscope report: empty.jsonl:1: no events (expected: a leakscope event stream)");
        AgentJar.Result unwritable = AgentJar.run(dir, CLI, "report", stream.toString(), "-o", "no-such-dir/out.html");
        assertThat(unwritable.exitCode()).isEqualTo(1);
        assertThat(unwritable.stderr()).startsWith("leakscope report: cannot write no-such-dir/out.html: the directory ")
                .contains("does not exist");
        assertThat(dir.resolve("out.html")).doesNotExist();
    }

    /** A stream captured from a real run (core's test fixtures), copied where the CLI reads it. */
    private Path fixture(String name) throws IOException {
        try (InputStream in = ReportIT.class.getResourceAsStream("/fixtures/streams/" + name)) {
            assertThat(in).as(name).isNotNull();
            Files.copy(in, dir.resolve(name));
        }
        return dir.resolve(name);
    }

    /** Headless Chromium, as a user's browser would open the report: from a file, offline. */
    static final class Chromium {

        private static final Duration BROWSER = Duration.ofSeconds(60);

        /** The DOM after the page's scripts ran, and what the browser logged (console messages included). */
        record Page(String dom, String log) {
        }

        private Chromium() {
        }

        /** The browser, or a skip (a failure when CHROMIUM_REQUIRED=1) saying why there is none. */
        static Path required() {
            Optional<Path> found = find();
            if (found.isEmpty() && "1".equals(System.getenv("CHROMIUM_REQUIRED"))) {
                throw new AssertionError("no chromium on the PATH and CHROMIUM_REQUIRED=1 "
                        + "(expected: chromium installed, e.g. apt-get install -y chromium)");
            }
            Assumptions.assumeTrue(found.isPresent(), "no chromium on the PATH (apt-get install -y chromium): "
                    + "the report's browser checks are skipped; CHROMIUM_REQUIRED=1 makes this a failure");
            return found.get();
        }

        static Optional<Path> find() {
            for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                for (String name : List.of("chromium", "chromium-browser")) {
                    Path candidate = Path.of(folder.isEmpty() ? "." : folder, name);
                    if (Files.isExecutable(candidate)) {
                        return Optional.of(candidate);
                    }
                }
            }
            return Optional.empty();
        }

        static Page open(Path browser, Path html, Path workDir) throws IOException, InterruptedException {
            Path dom = run(browser, workDir, "--enable-logging=stderr", "--v=0", "--dump-dom", html.toUri().toString());
            return new Page(Files.readString(dom, StandardCharsets.UTF_8),
                    Files.readString(dom.resolveSibling("chromium.log"), StandardCharsets.UTF_8));
        }

        static Path screenshot(Path browser, Path html, Path workDir) throws IOException, InterruptedException {
            Path png = workDir.resolve("report.png");
            run(browser, workDir, "--screenshot=" + png, "--window-size=1400,2000", html.toUri().toString());
            assertThat(png).as("the screenshot").exists();
            return png;
        }

        /** Runs the browser with a fresh profile; returns the file holding its stdout. */
        private static Path run(Path browser, Path workDir, String... args) throws IOException, InterruptedException {
            Path profile = Files.createTempDirectory(workDir, "chromium-profile");
            List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--no-first-run", "--user-data-dir=" + profile));
            command.addAll(List.of(args));
            Path stdout = workDir.resolve("chromium.out");
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(stdout.toFile())
                    .redirectError(workDir.resolve("chromium.log").toFile()).start();
            if (!p.waitFor(BROWSER.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("chromium " + String.join(" ", args) + " did not finish within " + BROWSER);
            }
            assertThat(p.exitValue()).as("chromium's exit code; its log: " + Files.readString(workDir.resolve("chromium.log")))
                    .isZero();
            return stdout;
        }
    }
}
