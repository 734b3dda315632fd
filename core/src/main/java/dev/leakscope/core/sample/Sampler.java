package dev.leakscope.core.sample;

import dev.leakscope.core.proc.ProcessGoneException;
import dev.leakscope.core.unit.Units;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads all sources for one tick, each when it is due. A source that fails is reported once and
 * switched off; the others go on. A source with a period of its own (smaps_rollup, NMT) backs off
 * when a read is slow, so that it never costs more than 1/{@value #BACKOFF_RATIO} of a core
 * (0.05%): with the per-tick sources (about 40 us a tick), a 1 Hz sampler stays under 0.1%.
 * Not thread-safe: one sampling thread calls {@link #tick()}.
 */
public final class Sampler implements AutoCloseable {

    /**
     * A periodic source's period is at least this many times its last read time. 2000 keeps a
     * source under 0.05% of a core and, for smaps_rollup, bounds how often the target's mmap lock
     * is held for long: a 4 GiB process whose read takes 39 ms is read every 78 s.
     */
    public static final int BACKOFF_RATIO = 2000;
    /** The longest a periodic source waits between reads, however slow. */
    public static final Duration MAX_PERIOD = Duration.ofMinutes(10);

    private final List<Scheduled> sources = new ArrayList<>();
    private final Consumer<Notice> notices;
    private final ObservationClock clock;
    private final boolean perProcess;

    /**
     * @param perProcess also record each process's values (process trees)
     * @param notices    where failures and back-offs are reported; called on the sampling thread
     */
    public Sampler(List<SignalSource> sources, boolean perProcess, Consumer<Notice> notices, ObservationClock clock) {
        for (SignalSource s : sources) {
            this.sources.add(new Scheduled(s));
        }
        this.perProcess = perProcess;
        this.notices = notices;
        this.clock = clock;
    }

    /**
     * Probes every source; sources that can give nothing are closed.
     *
     * @param selected the signals to read, or {@code null} for all; the others are listed as
     *                 unavailable, "left out by the signals option"
     */
    public Availability start(Set<String> selected) {
        Availability all = new Availability();
        for (Scheduled s : sources) {
            Availability a = probe(s.source);
            if (selected != null) {
                for (String signal : new ArrayList<>(a.available())) {
                    if (!selected.contains(signal)) {
                        a.without(signal, "left out by the signals option");
                    }
                }
            }
            s.signals = new ArrayList<>(a.available());
            s.enabled = !s.signals.isEmpty();
            s.skipFirstTick = s.source.deferFirstRead();
            if (!s.enabled) {
                s.source.close();
            }
            all.merge(a);
        }
        return all;
    }

    /** Probes every source and reads all their signals. */
    public Availability start() {
        return start(null);
    }

    /**
     * Reads every due source.
     *
     * @throws ProcessGoneException when the observed process has exited
     */
    public Sample tick() throws ProcessGoneException {
        long now = System.nanoTime();
        Sample.Builder out = new Sample.Builder().perProcess(perProcess);
        for (Scheduled s : sources) {
            if (s.skipFirstTick) {
                s.skipFirstTick = false;
            } else if (s.enabled && now >= s.nextDue) {
                read(s, out, now);
                out.retainOnly(s.source.signals(), s.signals);
            }
        }
        return out.build(clock.tAt(now), clock.epochMillis());
    }

    private void read(Scheduled s, Sample.Builder out, long now) throws ProcessGoneException {
        long began = System.nanoTime();
        try {
            s.source.read(out);
        } catch (ProcessGoneException e) {
            throw e;
        } catch (SignalsLost e) {
            out.removeAll(e.signals());
            lose(s, e.signals(), e.getMessage());
        } catch (Exception | LinkageError e) {
            out.removeAll(s.signals);
            disable(s, e);
            return;
        }
        long took = System.nanoTime() - began;
        s.nextDue = now + backedOffPeriod(s, took);
    }

    private long backedOffPeriod(Scheduled s, long tookNanos) {
        long base = s.source.period().toNanos();
        if (base == 0) {
            return 0;
        }
        long period = Math.min(Math.max(base, tookNanos * BACKOFF_RATIO), Math.max(base, MAX_PERIOD.toNanos()));
        if (period >= 2 * s.announcedPeriod) {
            s.announcedPeriod = period;
            notices.accept(new Notice(Notice.Level.INFO, "reading " + s.source.name() + " every "
                    + Units.formatDuration(Duration.ofNanos(period)) + " instead of every "
                    + Units.formatDuration(Duration.ofNanos(base)) + ": one read took "
                    + Units.formatDuration(Duration.ofNanos(tookNanos)), s.signals.get(0)));
        }
        return period;
    }

    private void disable(Scheduled s, Throwable e) {
        s.enabled = false;
        lose(s, s.signals, e.getMessage() == null ? e.toString() : e.getMessage());
        s.source.close();
    }

    /** Reports {@code signals} as unavailable from now on and stops expecting them from {@code s}. */
    private void lose(Scheduled s, List<String> signals, String why) {
        for (String signal : List.copyOf(signals)) {
            if (s.signals.contains(signal)) { // each signal is reported lost once
                notices.accept(Notice.warn(signal + " unavailable from now on: " + s.source.name() + " failed: " + why, signal));
            }
        }
        List<String> kept = new ArrayList<>(s.signals);
        kept.removeAll(signals);
        s.signals = kept;
    }

    private static Availability probe(SignalSource source) {
        try {
            return source.probe();
        } catch (RuntimeException | LinkageError e) {
            return Availability.none(source.signals(), source.name() + " failed: " + e);
        }
    }

    /** Signals still being read. */
    public List<String> activeSignals() {
        List<String> out = new ArrayList<>();
        for (Scheduled s : sources) {
            if (s.enabled) {
                out.addAll(s.signals);
            }
        }
        return out;
    }

    @Override
    public void close() {
        for (Scheduled s : sources) {
            if (s.enabled) {
                s.enabled = false;
                s.source.close();
            }
        }
    }

    private static final class Scheduled {
        final SignalSource source;
        List<String> signals = List.of();
        boolean enabled;
        boolean skipFirstTick;
        long nextDue = Long.MIN_VALUE;
        long announcedPeriod;

        Scheduled(SignalSource source) {
            this.source = source;
            this.announcedPeriod = Math.max(1, source.period().toNanos());
        }
    }
}
