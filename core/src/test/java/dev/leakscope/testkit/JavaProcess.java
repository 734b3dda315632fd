package dev.leakscope.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A forked JVM running a class from the test class path, talking a line protocol over its stdin
 * and stdout, so that tests hand-shake with it instead of sleeping.
 */
public final class JavaProcess implements AutoCloseable {

    private final Process process;
    private final PrintWriter in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private JavaProcess(Process process) {
        this.process = process;
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::pump, "child-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code java [jvmArgs] -cp <test class path> main [args]}, stderr inherited. */
    public static JavaProcess start(Class<?> main, List<String> jvmArgs, String... args) throws IOException {
        return start(javaBin(), main, jvmArgs, args);
    }

    /** Like {@link #start(Class, List, String...)} with another {@code java} binary. */
    public static JavaProcess start(Path java, Class<?> main, List<String> jvmArgs, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new JavaProcess(p);
    }

    /**
     * Where the JDK 25 that the smoke tests run hosts on is installed, when it is: tests that need
     * it skip, saying so, where it is not.
     */
    public static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    /** How a test's host JVM is awaited: its run, once it has ended. */
    public interface Await<H, R> {
        R await(H host, Duration timeout) throws IOException, InterruptedException;
    }

    /**
     * Waits for each of {@code hosts} in turn (they run at once, so each gets the whole timeout
     * from when it is reached); their runs under the same names.
     */
    public static <H, R> Map<String, R> awaitAll(Map<String, H> hosts, Duration timeout, Await<H, R> await)
            throws IOException, InterruptedException {
        Map<String, R> runs = new LinkedHashMap<>();
        for (Map.Entry<String, H> h : hosts.entrySet()) {
            runs.put(h.getKey(), await.await(h.getValue(), timeout));
        }
        return runs;
    }

    /** Waits for {@code process} to end; past {@code timeout} it is killed and the test fails, naming it. */
    public static void awaitExit(Process process, String name, Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not finish within " + timeout);
        }
    }

    /** The {@code java} binary running this test. */
    public static Path javaBin() {
        return Path.of(ProcessHandle.current().info().command().orElse("java"));
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** Sends one line to the child's stdin. */
    public void send(String line) {
        in.println(line);
    }

    /** Waits for the next line that starts with {@code prefix}, skipping others; fails after {@code timeout}. */
    public String expect(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("child " + pid() + " did not print \"" + prefix + "...\" within " + timeout
                        + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the child is gone
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
