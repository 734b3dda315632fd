package dev.leakscope.core.observe;

import dev.leakscope.core.detect.Detectors;
import dev.leakscope.core.detect.Finding;
import dev.leakscope.core.detect.IterationGrowth;
import dev.leakscope.core.detect.Limits;
import dev.leakscope.core.detect.SignalDetector;
import dev.leakscope.core.detect.Verdict;
import dev.leakscope.core.event.EventStream;
import dev.leakscope.core.event.JsonLinesWriter;
import dev.leakscope.core.event.RunSummary;
import dev.leakscope.core.event.Target;
import dev.leakscope.core.export.JfrExport;
import dev.leakscope.core.export.Metrics;
import dev.leakscope.core.jvm.HeapClassWatch;
import dev.leakscope.core.mark.CleanupCheck;
import dev.leakscope.core.mark.PhaseLog;
import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.Notice;
import dev.leakscope.core.sample.ObservationClock;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.Sampler;
import dev.leakscope.core.sample.SamplingLoop;
import dev.leakscope.core.sample.SignalSource;
import dev.leakscope.core.sample.Signals;
import dev.leakscope.core.site.LeakReports;
import dev.leakscope.core.site.SiteLeak;
import dev.leakscope.core.site.SiteRates;
import dev.leakscope.core.site.Tracking;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One run of observing a process: samples it on a daemon thread, streams {@code start},
 * {@code sample} and {@code notice} events, and ends with exactly one {@code summary}, whether the
 * run ends by time, by the process exiting, by a signal or by a failed write.
 */
public final class Observation {

    /**
     * What to observe and how.
     *
     * @param sampleEvery write a {@code sample} event every Nth tick; 0 writes none
     * @param perProcess  record per-process values (process trees)
     */
    public record Config(Target target, List<SignalSource> sources, boolean perProcess, Duration interval,
                         int sampleEvery, Map<String, ?> options, Limits limits, Set<String> signals, double cpuBudget,
                         Tracking tracking, HeapClassWatch heapClasses) {

        /** No allocation tracking: what {@code watch} and an agent without modules use. */
        public Config(Target target, List<SignalSource> sources, boolean perProcess, Duration interval, int sampleEvery,
                      Map<String, ?> options, Limits limits, Set<String> signals, double cpuBudget) {
            this(target, sources, perProcess, interval, sampleEvery, options, limits, signals, cpuBudget, null, null);
        }

        /** All signals, no CPU budget: what {@code watch} uses. */
        public Config(Target target, List<SignalSource> sources, boolean perProcess, Duration interval, int sampleEvery,
                      Map<String, ?> options, Limits limits) {
            this(target, sources, perProcess, interval, sampleEvery, options, limits, null, 0, null, null);
        }
    }

    /** {@link Config#sampleEvery()} that writes a sample event on every tick. */
    public static final int EVERY_TICK = 1;

    /** The longest a host thread waits at a phase or cleanup marker for the sampling thread. */
    public static final Duration MARK_WAIT = Duration.ofSeconds(2);

    /** The option that tracks every allocation, named in site_leak messages. */
    public static final String FULL_STACKS_OPTION = "stacks=all";

    private final Config config;
    private final Tracking tracking;
    private final LeakReports leakReports = new LeakReports();
    private HeapClassWatch.Report heapClassReport;
    private final EventStream stream;
    private final ObservationClock clock;
    private final RunSummary summary = new RunSummary();
    private final RunReadings readings;
    private final PhaseLog phases = new PhaseLog();
    private final JfrExport jfr = new JfrExport();
    private volatile Metrics metrics;
    private final Detectors detectors;
    private final CpuBudget budget;
    private final Consumer<String> status;
    private final Consumer<String> errors;
    private final AtomicBoolean writeFailed = new AtomicBoolean();
    private SamplingLoop loop;
    private long ticks;
    private Long oomKills;

    /**
     * @param status receives the live status line after each tick, or {@code null} for none
     * @param errors receives the one line printed when the output cannot be written
     */
    public Observation(Config config, EventStream stream, ObservationClock clock, Consumer<String> status,
                       Consumer<String> errors) {
        this.config = config;
        this.tracking = config.tracking();
        this.readings = new RunReadings(summary, tracking);
        this.detectors = new Detectors(config.limits());
        this.budget = config.cpuBudget() > 0 ? new CpuBudget(config.cpuBudget()) : null;
        this.stream = stream;
        this.clock = clock;
        this.status = status;
        this.errors = errors;
    }

    /** Also keeps {@code metrics} up to date, for the metrics endpoint; call before {@link #start}. */
    public void exportTo(Metrics metrics) {
        this.metrics = metrics;
    }

    /** Probes the sources, writes {@code start} and begins sampling. */
    public Availability start() {
        Listener listener = new Listener();
        Sampler sampler = new Sampler(config.sources(), config.perProcess(), listener::onNotice, clock);
        Availability availability = sampler.start(config.signals());
        loop = new SamplingLoop(sampler, config.interval(), SamplingLoop.DEFAULT_RING_CAPACITY, listener);
        if (config.tracking() == null) {
            stream.start(config.target(), config.options(), availability, config.limits().asMap());
        } else {
            stream.start(config.target(), config.options(), availability, config.limits().asMap(), config.tracking());
        }
        checkWrite(); // an output that fails at once ends the run before its first tick
        loop.start();
        return availability;
    }

    /** Waits until the run ends by itself, or {@code timeout} passes; returns whether it ended. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return loop.awaitEnd(timeout);
    }

    /** Ends the run with {@code reason}, writing the summary; later calls, and calls before {@link #start}, do nothing. */
    public void stop(String reason) {
        if (loop != null) {
            loop.stop(reason);
        }
    }

    /** Why the run ended, or {@code null} while it runs. */
    public String endReason() {
        return loop.endReason();
    }

    /** Whether the output could not be written (the run then ends early). */
    public boolean writeFailed() {
        return writeFailed.get();
    }

    public RunSummary summary() {
        return summary;
    }

    /** The run's detectors; read them only after the run ended. */
    public Detectors detectors() {
        return detectors;
    }

    /**
     * Writes a {@code phase} event: ticks at once and tells every signal's latest value with its
     * change since the previous phase. Called from the host's threads; waits at most
     * {@link #MARK_WAIT} for the sampling thread, then goes on (the phase is still written).
     */
    public void phase(String label) {
        mark(() -> stream.phase(phases.next(label, clock.t(), readings.latest(), readings.atStart())));
    }

    /** Begins a cleanup check (see {@link CleanupCheck}); end it with {@link #endCleanup}. Waits as {@link #phase} does. */
    public CleanupCheck beginCleanup(String label, long expectedBytes) {
        CleanupCheck check = new CleanupCheck(label, expectedBytes);
        mark(() -> check.begin(clock.t(), readings.forCleanup()));
        return check;
    }

    /** Ends a cleanup check and writes its {@code cleanup} event. Waits as {@link #phase} does. */
    public void endCleanup(CleanupCheck check) {
        mark(() -> {
            if (check.begun()) {
                CleanupCheck.Result result = check.end(clock.t(), readings.forCleanup());
                stream.cleanup(result);
                if (metrics != null) {
                    metrics.cleanup(result.ok());
                }
            }
        });
    }

    /**
     * Runs {@code action} on the sampling thread right after a fresh tick, under the observation's
     * lock. The host thread waits for it, boundedly: the values then belong to the moment of the
     * mark, and a sampling thread held up (a slow read) never holds up the host for long.
     */
    private void mark(Runnable action) {
        Future<?> done = loop == null ? null : loop.tickThen(() -> {
            synchronized (this) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    stream.notice(Notice.warn("marker failed: " + e + "; the run goes on", null));
                }
                checkWrite();
            }
        });
        if (done == null) {
            return; // the run has ended
        }
        try {
            done.get(MARK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // written later by the sampling thread, or told there as a notice
        }
    }

    /** Notices of the process set (tree joins and leaves) go into the stream too. */
    public void notice(Notice notice) {
        stream.notice(notice);
        checkWrite();
    }

    private void checkWrite() {
        if (stream.writer().failure() != null && writeFailed.compareAndSet(false, true)) {
            errors.accept("cannot write " + stream.writer().destination() + ": "
                    + JsonLinesWriter.describe(stream.writer().failure()));
            if (loop != null) {
                loop.stop("cannot write " + stream.writer().destination());
            }
        }
    }

    /** The tick's values with the live bytes of the sites the detector follows, as signals {@code site:<id>}. */
    private Sample withSites(Sample tick) {
        if (tracking == null) {
            return tick;
        }
        tracking.onTick().run();
        Map<String, Long> values = new LinkedHashMap<>(tick.values());
        values.putAll(tracking.table().detectedValues());
        return new Sample(tick.t(), tick.epochMillis(), values, tick.processes());
    }

    /** Objects collected unclosed: proof of a leak, reported at once (then paced per site). */
    private void reportSiteLeaks(List<SiteLeak> leaks) {
        for (SiteLeak leak : leaks) {
            stream.siteLeak(leak, tracking.table().estimated(), FULL_STACKS_OPTION);
            if (metrics != null) {
                metrics.siteLeak();
            }
        }
    }

    /** While heap_after_gc leaks, which classes grow (rarely: each histogram pauses the JVM). */
    private void watchHeapClasses(double t) {
        if (config.heapClasses() == null) {
            return;
        }
        SignalDetector heap = detectors.bySignal().get(Signals.HEAP_AFTER_GC);
        HeapClassWatch.Report report = config.heapClasses().onTick(t, heap != null && heap.verdict() == Verdict.LEAK);
        if (report != null) {
            stream.heapClasses(report);
            if (report.failure() == null) {
                heapClassReport = report;
            }
        }
    }

    private void watchOomKills(Sample sample) {
        Long kills = sample.get(Signals.CGROUP_OOM_KILLS);
        if (kills != null && oomKills != null && kills > oomKills) {
            stream.notice(Notice.warn("the kernel OOM-killed " + (kills - oomKills)
                    + " process(es) in this process's memory cgroup", Signals.CGROUP_OOM_KILLS));
        }
        if (kills != null) {
            oomKills = kills;
        }
    }

    /** Synchronized on the observation: a summary written by a stop never interleaves with a tick. */
    private final class Listener implements SamplingLoop.Listener {
        @Override
        public void onSample(Sample sample) {
            synchronized (Observation.this) {
                onSampleLocked(sample);
            }
        }

        private void onSampleLocked(Sample tick) {
            Sample sample = withSites(tick);
            summary.add(sample);
            if (config.sampleEvery() > 0 && ticks++ % config.sampleEvery() == 0) {
                stream.sample(sample);
            }
            List<Finding> findings = detectors.add(sample);
            SiteRates rates = tracking == null || findings.isEmpty() ? null : SiteRates.of(tracking.table(), detectors);
            jfr.sample(sample);
            for (Finding finding : findings) {
                IterationGrowth.PerIteration perIteration = detectors.iterations().of(finding.signal()).orElse(null);
                stream.finding(finding, rates, tracking != null && tracking.table().estimated(), perIteration);
                jfr.finding(finding, perIteration);
                if (metrics != null) {
                    metrics.finding(finding);
                }
            }
            if (metrics != null) {
                metrics.tick(readings.latest(), detectors);
            }
            if (tracking != null) {
                reportSiteLeaks(leakReports.due(tracking.table().drainLeaks(), sample.t()));
            }
            watchHeapClasses(sample.t());
            if (budget != null) {
                Duration slower = budget.afterTick(loop.interval(), Observation.this::notice);
                if (slower != null) {
                    loop.interval(slower);
                }
            }
            watchOomKills(sample);
            if (status != null) {
                status.accept(StatusLine.render((int) config.target().pid(), sample.t(), summary.signals(),
                        detectors.worst()));
            }
            checkWrite();
        }

        @Override
        public void onNotice(Notice notice) {
            Observation.this.notice(notice);
        }

        @Override
        public void onEnd(String reason) {
            synchronized (Observation.this) {
                if (tracking != null) {
                    reportSiteLeaks(leakReports.due(tracking.table().drainLeaks(), clock.t()));
                    reportSiteLeaks(leakReports.rest()); // nothing found is left unreported
                }
                stream.summary(summary, detectors, !writeFailed.get(), reason, tracking, heapClassReport);
                stream.writer().close();
            }
        }
    }
}
