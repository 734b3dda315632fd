package dev.leakscope.agent.runtime;

import dev.leakscope.agent.bootstrap.AgentEntry;
import dev.leakscope.agent.bootstrap.Recorder;
import dev.leakscope.agent.instrument.Bridge;
import dev.leakscope.agent.instrument.Instrumenter;
import dev.leakscope.agent.instrument.MarkerInstrumenter;
import dev.leakscope.agent.options.AgentConfig;
import dev.leakscope.core.detect.Limits;
import dev.leakscope.core.event.EventStream;
import dev.leakscope.core.event.JsonLinesWriter;
import dev.leakscope.core.event.Target;
import dev.leakscope.core.export.Metrics;
import dev.leakscope.core.export.MetricsEndpoint;
import dev.leakscope.core.jvm.HeapClassWatch;
import dev.leakscope.core.observe.Observation;
import dev.leakscope.core.proc.ProcFs;
import dev.leakscope.core.proc.ProcessGoneException;
import dev.leakscope.core.sample.Notice;
import dev.leakscope.core.sample.ObservationClock;
import dev.leakscope.core.sample.SignalSource;
import dev.leakscope.core.sample.Signals;
import dev.leakscope.core.site.SiteTable;
import dev.leakscope.core.source.CommandLines;
import dev.leakscope.core.source.ProcessSet;
import dev.leakscope.core.source.Sources;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One observation of this JVM by the agent, from its {@code start} event to its {@code summary}. */
final class AgentRun {

    /** Why the agent could not start, in one line. */
    static final class CannotStart extends Exception {
        private static final long serialVersionUID = 1L;

        CannotStart(String message) {
            super(message);
        }
    }

    private final Observation observation;
    private final String destination;
    private final Thread shutdownHook;
    private final Instrumenter instrumenter;
    private final MarkerInstrumenter markers;
    private final MetricsEndpoint endpoint;

    private AgentRun(Observation observation, String destination, Thread shutdownHook, Instrumenter instrumenter,
                     MarkerInstrumenter markers, MetricsEndpoint endpoint) {
        this.observation = observation;
        this.destination = destination;
        this.shutdownHook = shutdownHook;
        this.instrumenter = instrumenter;
        this.markers = markers;
        this.endpoint = endpoint;
    }

    static AgentRun start(AgentConfig config, Instrumentation instrumentation) throws CannotStart {
        long pid = ProcessHandle.current().pid();
        JsonLinesWriter writer = open(config, pid);
        Observation observation;
        Metrics metrics = config.http() == null ? null : new Metrics();
        Instrumenter instrumenter = null;
        String problem = trackingProblem(instrumentation); // first: it defines the bridge that advice links to
        if (!config.sites().modules().isEmpty()) {
            instrumenter = new Instrumenter(instrumentation, config.sites().modules(),
                    new SiteTable(config.sites().maxSites(), config.sites().sampleBytes()), config.sites().sampleBytes(), problem);
        }
        try {
            ObservationClock clock = ObservationClock.startNow();
            EventStream stream = new EventStream(writer, pid, clock);
            observation = new Observation(observationConfig(config, pid, instrumenter), stream, clock, null, failure -> {
                Agent.say(failure + "; the agent stops writing");
                Agent.ended(writer.destination());
            });
            if (metrics != null) {
                observation.exportTo(metrics);
            }
            observation.start();
        } catch (CannotStart | RuntimeException | LinkageError e) {
            writer.close(); // nothing of this run stays open
            throw e;
        }
        // after the first sample, which the transformation of loaded classes would otherwise delay
        if (instrumenter != null) {
            install(instrumenter, observation);
        }
        MarkerInstrumenter markers = installMarkers(config, instrumentation, problem, observation);
        MetricsEndpoint endpoint = metrics == null ? null : serveMetrics(config.http(), metrics, observation);
        // the summary is written when the JVM exits, whatever ends it
        Thread hook = new Thread(() -> observation.stop("the JVM is exiting"), "leakscope-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the host is already exiting (a short program): end the stream now, quietly
            observation.stop("the JVM is exiting");
        }
        return new AgentRun(observation, writer.destination(), hook, instrumenter, markers, endpoint);
    }

    /** The metrics endpoint, said where in a notice; {@code null} when it cannot listen, which a notice then says. */
    private static MetricsEndpoint serveMetrics(InetSocketAddress address, Metrics metrics, Observation observation) {
        try {
            MetricsEndpoint endpoint = MetricsEndpoint.start(address, metrics);
            observation.notice(new Notice(Notice.Level.INFO, "metrics at " + endpoint.url(), null));
            return endpoint;
        } catch (IOException | RuntimeException e) {
            observation.notice(Notice.warn("metrics off: cannot listen on " + address + ": " + e + "; sampling goes on", null));
            return null;
        }
    }

    /**
     * Iteration, phase and cleanup markers, with or without allocation tracking; {@code null} when
     * they cannot be installed, which a notice then says.
     */
    private static MarkerInstrumenter installMarkers(AgentConfig config, Instrumentation instrumentation, String problem,
                                                     Observation observation) {
        if (problem != null) {
            observation.notice(Notice.warn("markers off: " + problem + "; sampling goes on", null));
            return null;
        }
        MarkerInstrumenter markers = new MarkerInstrumenter(instrumentation, config.markers());
        try {
            markers.install(observation);
            return markers;
        } catch (RuntimeException | LinkageError e) {
            observation.notice(Notice.warn("markers off: cannot install them: " + e + "; sampling goes on", null));
            return null;
        }
    }

    /** Why allocations cannot be tracked in this JVM, or {@code null} when they can. */
    private static String trackingProblem(Instrumentation instrumentation) {
        String problem = Bridge.define(instrumentation, AgentEntry.class.getClassLoader());
        if (problem != null) {
            return problem;
        }
        if (Recorder.class.getClassLoader() != null) {
            return "the bridge was loaded by " + Recorder.class.getClassLoader() + ", not by the bootstrap loader";
        }
        if (!instrumentation.isRetransformClassesSupported()) {
            return "this JVM cannot retransform classes";
        }
        return null;
    }

    /** A failure of the instrumentation turns tracking off, says so, and leaves sampling running. */
    private static void install(Instrumenter instrumenter, Observation observation) {
        try {
            instrumenter.install(observation::notice);
        } catch (RuntimeException | LinkageError e) {
            observation.notice(Notice.warn("allocation tracking off: cannot install the instrumentation: " + e
                    + "; sampling goes on", null));
        }
    }

    String destination() {
        return destination;
    }

    /** Whether the run has ended by itself (its output failed): another may start. */
    boolean ended() {
        return observation.endReason() != null;
    }

    void stop(String reason) {
        if (markers != null) {
            markers.remove(); // first: no host thread waits at a marker for a run that is ending
        }
        observation.stop(reason);
        if (endpoint != null) {
            endpoint.close();
        }
        if (instrumenter != null) {
            instrumenter.remove();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is exiting; the hook has run or will find the run ended
        }
    }

    private static Observation.Config observationConfig(AgentConfig config, long pid, Instrumenter instrumenter)
            throws CannotStart {
        ProcessSet self;
        try {
            self = ProcessSet.single((int) pid);
        } catch (ProcessGoneException e) {
            throw new CannotStart("cannot see this JVM as a process: " + e.getMessage());
        }
        Sources.Settings settings = new Sources.Settings(config.smapsInterval(), Sources.Settings.defaults().nmtPeriod(),
                config.nvml());
        Limits limits = Limits.forProcess(ProcFs.SYSTEM, (int) pid).withThisJvm().with(config.limits());
        Target target = Target.of(pid, CommandLines.of(pid), jvmVersion(), false);
        List<SignalSource> sources = new ArrayList<>(Sources.self(self, settings));
        sources.add(new IterationSource());
        // the markers' count is no memory to choose or leave out: per-iteration growth needs it
        Set<String> signals = new LinkedHashSet<>(config.signals());
        signals.add(Signals.ITERATIONS);
        return new Observation.Config(target, sources, false, config.interval(), config.sampleEvery(),
                config.asWritten(), limits, signals, config.cpuBudget(),
                instrumenter == null ? null : instrumenter.tracking(), HeapClassWatch.ofThisJvm());
    }

    private static JsonLinesWriter open(AgentConfig config, long pid) throws CannotStart {
        switch (config.out()) {
            case AgentConfig.STDOUT:
                return JsonLinesWriter.toStdout();
            case AgentConfig.STDERR:
                return JsonLinesWriter.toStderr();
            default:
                Path file = config.outPath(pid, Path.of("").toAbsolutePath());
                try {
                    return JsonLinesWriter.toFile(file, config.maxOut(), config.maxOutFiles());
                } catch (IOException e) {
                    throw new CannotStart("cannot write " + file + ": " + JsonLinesWriter.describe(e));
                } catch (RuntimeException e) {
                    throw new CannotStart("cannot write " + file + ": " + e);
                }
        }
    }

    private static String jvmVersion() {
        return System.getProperty("java.vm.vendor", "") + " " + System.getProperty("java.vm.name", "") + " "
                + System.getProperty("java.version", "");
    }
}
