package dev.leakscope.agent.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built agent jar as a user would: {@code java -jar leakscope-agent.jar ...}. */
final class AgentJar {

    /** What a finished run left behind. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private AgentJar() {
    }

    static Path path() {
        String jar = System.getProperty("leakscope.agent.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("leakscope.agent.jar is not set to the built jar (got " + jar
                    + "); run through 'mvn verify'");
        }
        return Path.of(jar);
    }

    /** Starts the jar with {@code java} from {@code javaHome}'s bin, stdout and stderr to files. */
    static Process start(Path javaHome, Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(), "-jar", path().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("stdout.txt").toFile())
                .redirectError(workDir.resolve("stderr.txt").toFile())
                .start();
    }

    static Result run(Path workDir, Duration timeout, String... args) throws IOException, InterruptedException {
        return run(currentJavaHome(), workDir, timeout, args);
    }

    static Result run(Path javaHome, Path workDir, Duration timeout, String... args) throws IOException, InterruptedException {
        Process p = start(javaHome, workDir, args);
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("leakscope " + String.join(" ", args) + " did not finish within " + timeout);
        }
        return finished(p, workDir);
    }

    static Result finished(Process p, Path workDir) throws IOException {
        return new Result(p.exitValue(), Files.readString(workDir.resolve("stdout.txt"), StandardCharsets.UTF_8),
                Files.readString(workDir.resolve("stderr.txt"), StandardCharsets.UTF_8));
    }

    static Path currentJavaHome() {
        return Path.of(System.getProperty("java.home"));
    }
}
