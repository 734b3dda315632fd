package dev.leakscope.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole-process measurements of the agent's three performance targets (docs/benchmarks.md), each
 * side by side with the same JVM without the agent in one run:
 * <ul>
 *   <li>{@code start}: JVM launch to the first {@code sample} event, against launch to {@code main}
 *       without the agent (target: at most 300 ms more); also launch to {@code main} with it;</li>
 *   <li>{@code attach}: {@code leakscope attach} launched to the first {@code sample} (target: 1 s);</li>
 *   <li>{@code cpu}: CPU time of an idle JVM with the agent at 1 Hz minus the same JVM without it,
 *       running at once, over a span after their start (target: under 0.5% of one core).</li>
 * </ul>
 * Times are wall-clock milliseconds: the launch is read here just before the process starts, the
 * rest from what the child prints and from the events' {@code time}.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.leakscope.bench.AgentOverhead AGENT_JAR start|attach|cpu [RUNS|SECONDS]
 * </pre>
 */
public final class AgentOverhead {

    private static final Pattern SAMPLE_TIME = Pattern.compile("\"type\":\"sample\",\"time\":\"([^\"]+)\"");
    private static final long CLOCK_TICKS_PER_S = 100; // USER_HZ on Linux

    private final Path agentJar;
    private final Path work;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final String classPath = System.getProperty("java.class.path");

    private AgentOverhead(Path agentJar, Path work) {
        this.agentJar = agentJar;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: AgentOverhead AGENT_JAR start|attach|cpu [RUNS|SECONDS] (got " + Arrays.toString(args) + ")");
            System.exit(2);
        }
        AgentOverhead bench = new AgentOverhead(Path.of(args[0]).toAbsolutePath(), Files.createTempDirectory("leakscope-bench"));
        System.out.println("== " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        switch (args[1]) {
            case "start" -> bench.start(args.length > 2 ? Integer.parseInt(args[2]) : 20);
            case "attach" -> bench.attach(args.length > 2 ? Integer.parseInt(args[2]) : 10);
            case "cpu" -> bench.cpu(args.length > 2 ? Integer.parseInt(args[2]) : 300);
            default -> throw new IllegalArgumentException("mode " + args[1] + " (expected: start, attach or cpu)");
        }
    }

    /** Alternates runs without and with the agent, so that both see the same machine. */
    private void start(int runs) throws Exception {
        List<Long> mainWithout = new ArrayList<>();
        List<Long> mainWith = new ArrayList<>();
        List<Long> firstSample = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Host plain = Host.launch(command(null, "500"));
            mainWithout.add(plain.awaitMain() - plain.launched);
            plain.await();
            Path out = work.resolve("start-" + i + ".jsonl");
            Host agent = Host.launch(command("out=" + out, "1500"));
            mainWith.add(agent.awaitMain() - agent.launched);
            firstSample.add(awaitFirstSample(out) - agent.launched);
            agent.await();
        }
        report("launch to main, no agent", mainWithout);
        report("launch to main, agent", mainWith);
        report("launch to first sample, agent", firstSample);
        System.out.printf(Locale.ROOT, "first sample after main without the agent, medians: +%d ms (target: at most +300 ms)%n",
                median(firstSample) - median(mainWithout));
    }

    /** Attaches to fresh idle JVMs, each already past its start. */
    private void attach(int runs) throws Exception {
        List<Long> toSample = new ArrayList<>();
        List<Long> cliDone = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Host target = Host.launch(command(null, "30000"));
            target.awaitMain();
            Thread.sleep(1000); // a JVM that has been running for a while, its own start-up over
            Path out = work.resolve("attach-" + i + ".jsonl");
            Host cli = Host.launch(List.of(java, "-jar", agentJar.toString(), "attach", Long.toString(target.process.pid()),
                    "--out", out.toString()));
            long sample = awaitFirstSample(out);
            cli.await();
            toSample.add(sample - cli.launched);
            cliDone.add(cli.exited - cli.launched);
            target.process.destroyForcibly().waitFor();
        }
        report("leakscope attach launched to first sample", toSample);
        report("leakscope attach launched to its exit", cliDone);
    }

    /** Two idle JVMs at once, one with the agent at its default 1 s interval; CPU over the last {@code seconds}. */
    private void cpu(int seconds) throws Exception {
        int warmUp = 20;
        String sleep = Long.toString((warmUp + seconds + 5) * 1000L);
        Host plain = Host.launch(command(null, sleep));
        Host agent = Host.launch(command("out=" + work.resolve("cpu.jsonl"), sleep));
        plain.awaitMain();
        agent.awaitMain();
        Thread.sleep(warmUp * 1000L);
        long plain0 = cpuTicks(plain.process.pid());
        long agent0 = cpuTicks(agent.process.pid());
        long threads0 = agentThreadTicks(agent.process.pid());
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double wall = (System.nanoTime() - t0) / 1e9;
        long plainUsed = cpuTicks(plain.process.pid()) - plain0;
        long agentUsed = cpuTicks(agent.process.pid()) - agent0;
        long threadsUsed = agentThreadTicks(agent.process.pid()) - threads0;
        plain.await();
        agent.await();
        System.out.printf(Locale.ROOT, "over %.0f s after a %d s warm-up: JVM without agent %.3f%% of a core, with agent %.3f%%%n",
                wall, warmUp, percent(plainUsed, wall), percent(agentUsed, wall));
        System.out.printf(Locale.ROOT, "difference %.3f%% of a core; the agent's own threads (leakscope-*) %.3f%% (target: under 0.5%%)%n",
                percent(agentUsed - plainUsed, wall), percent(threadsUsed, wall));
    }

    private List<String> command(String agentOptions, String sleepMillis) {
        List<String> c = new ArrayList<>(List.of(java));
        if (agentOptions != null) {
            c.add("-javaagent:" + agentJar + "=" + agentOptions);
        }
        c.addAll(List.of("-cp", classPath, IdleHost.class.getName(), sleepMillis));
        return c;
    }

    /** The {@code time} of the first sample event in {@code out}, polled every 2 ms for up to 20 s. */
    private static long awaitFirstSample(Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (Files.exists(out)) {
                Matcher m = SAMPLE_TIME.matcher(Files.readString(out));
                if (m.find()) {
                    return Instant.parse(m.group(1)).toEpochMilli();
                }
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("no sample event in " + out + " within 20 s");
    }

    /** utime + stime of the whole process, in clock ticks. */
    private static long cpuTicks(long pid) throws IOException {
        return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    }

    private static long agentThreadTicks(long pid) throws IOException {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                if (Files.readString(task.resolve("comm")).startsWith("leakscope")) {
                    sum += ticks(Files.readString(task.resolve("stat")));
                }
            }
        }
        return sum;
    }

    /** Fields 14 and 15 of a stat line, counted after the command name, which may hold spaces. */
    static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static double percent(long ticks, double wallSeconds) {
        return 100.0 * ticks / CLOCK_TICKS_PER_S / wallSeconds;
    }

    private static void report(String what, List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        System.out.printf(Locale.ROOT, "%-44s n=%d  min %d  median %d  p90 %d  max %d ms%n", what, sorted.size(), sorted.get(0),
                median(sorted), sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1), sorted.get(sorted.size() - 1));
    }

    private static long median(List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    /** A child JVM: when it was launched, when its {@code main} began, when it exited. */
    private static final class Host {
        final Process process;
        final long launched;
        final BufferedReader stdout;
        long exited;

        private Host(Process process, long launched) {
            this.process = process;
            this.launched = launched;
            this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static Host launch(List<String> command) throws IOException {
            long launched = System.currentTimeMillis();
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new Host(p, launched);
        }

        /** The wall-clock millisecond at which the child's main began, as it printed it. */
        long awaitMain() throws IOException {
            String line = stdout.readLine();
            if (line == null || !line.startsWith(IdleHost.MAIN)) {
                throw new IllegalStateException("expected \"" + IdleHost.MAIN + " <millis>\" from the child, got " + line);
            }
            return Long.parseLong(line.substring(IdleHost.MAIN.length()));
        }

        void await() throws Exception {
            stdout.transferTo(Writer.nullWriter());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("child " + process.pid() + " did not exit within 60 s");
            }
            exited = System.currentTimeMillis();
        }
    }
}
