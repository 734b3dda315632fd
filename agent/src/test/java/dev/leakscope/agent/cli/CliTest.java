package dev.leakscope.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CLI's argument handling, in process; ProcessIT runs the built jar. */
class CliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Cli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void versionNamesTheProductAndTheJvm() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("leakscope ").contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void watchNeedsAPidOrAPattern() {
        assertThat(run("watch")).isEqualTo(2);
        assertThat(err.toString()).startsWith("leakscope watch: Missing required argument (specify one of these): (--pid=PID | --match=REGEX)")
                .contains("Try 'leakscope watch --help' for more information.");
    }

    @Test
    void pidAndMatchExcludeEachOther() {
        assertThat(run("watch", "--pid", "1", "--match", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void badDurationsAreNamed() {
        assertThat(run("watch", "--pid", "1", "--interval", "0ms")).isEqualTo(2);
        assertThat(err.toString()).startsWith("leakscope watch: Invalid value for option '--interval': 0ms (expected: > 0)");
        err.getBuffer().setLength(0);
        assertThat(run("watch", "--pid", "1", "--duration", "10 parsecs")).isEqualTo(2);
        assertThat(err.toString()).contains("'--duration': 10 parsecs (expected: a duration with unit ms, s, m (or min), h or d");
    }

    @Test
    void aMissingProcessIsBadInput() {
        assertThat(run("watch", "--pid", "2147483646")).isEqualTo(2);
        assertThat(err.toString()).startsWith("leakscope watch: --pid: 2147483646 (expected: the pid of a running process; none has it)");
    }

    @Test
    void anUnwritableOutputIsBadInput() {
        assertThat(run("watch", "--pid", Long.toString(ProcessHandle.current().pid()), "--out", "/nonexistent/dir/f.jsonl"))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("leakscope watch: --out: /nonexistent/dir/f.jsonl (expected: a file that can be written;");
    }

    @Test
    void anUnknownCommandIsBadInput() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).startsWith("leakscope: Unmatched argument at index 0: 'frobnicate'");
    }
}
