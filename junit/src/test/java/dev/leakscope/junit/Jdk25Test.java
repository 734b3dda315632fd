package dev.leakscope.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakscope.junit.fixtures.DirectLeakFixture;
import dev.leakscope.testkit.JavaProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extension, and the agent it attaches, in a JDK 25 test JVM: a leak still fails with its site, a clean body passes. */
class Jdk25Test {

    private static final Path JDK25 = JavaProcess.JDK25;

    @TempDir
    Path dir;

    @Test
    void onJdk25ALeakFailsNamingItsSiteAndACleanBodyPasses() throws Exception {
        Path java = JDK25.resolve("bin/java");
        Assumptions.assumeTrue(Files.isExecutable(java), "no JDK 25 at " + JDK25);
        Process host = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dleakscope.agent.jar=" + System.getProperty("leakscope.agent.jar"), Jdk25Host.class.getName())
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();
        assertThat(host.waitFor(120, TimeUnit.SECONDS)).as("the JDK 25 host ends").isTrue();
        String out = Files.readString(dir.resolve("out"), StandardCharsets.UTF_8);
        String err = Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
        assertThat(host.exitValue()).as(out + err).isZero();
        assertThat(out).startsWith("java 25\n");
        String leak = out.lines().filter(l -> l.startsWith("leak: ")).findFirst().orElseThrow(() -> new AssertionError(out + err));
        assertThat(FixtureRuns.growthPerIteration(leak, "sites")).as(leak).isCloseTo(DirectLeakFixture.BYTES,
                org.assertj.core.api.Assertions.within(1024.0));
        assertThat(leak).contains("site:direct_buffer:dev.leakscope.junit.fixtures.DirectLeakFixture.retainsDirectBuffer(");
        assertThat(out).contains("clean failures: []");
    }
}
