package dev.leakscope.core.detect;

/**
 * The online growth detector of one signal (docs/detection.md). Feed it samples in time order with
 * {@link #add}; it returns a {@link Finding} whenever its verdict changes. O(1) work per sample,
 * plus an evaluation every 1 to 90 s of trace time; memory is fixed (about 60 KB). Not thread-safe.
 *
 * <p>An evaluation works on the signal's floor (see {@link WindowReader}): bucket means, or, when
 * the signal oscillates ({@link DropTracker}), the rolling minimum over one and a half periods. It
 * fits Theil–Sen slopes over trailing windows whose length is the persistence required: 45 minutes
 * normally, shorter when the signal is heading for its limit (60% of the time to the limit, at
 * least 30 s), so that a leak is reported before half its time to the limit has passed while a
 * fast rise that stops is not. A window passes the leak test when its growth is significant and
 * persists through all three thirds without slowing down; two evaluations in a row must agree
 * before a verdict changes.
 */
public final class SignalDetector {

    /** Bucket widths (s) and how many of each: 5 min at 1 s, 1 h at 10 s, 6 h at 1 min, 48 h at 10 min. */
    private static final double[] WIDTHS = {1, 10, 60, 600};
    private static final int[] CAPACITIES = {300, 360, 360, 288};
    /** The shortest growth that can count as persistent: a cache filling in 20 s never does. */
    static final double MIN_PERSISTENCE_S = 30;
    /**
     * The persistence required when the limit is far or unknown. Over 45 minutes a warm-up with a
     * time constant of 30 minutes slows to 37% from the first third to the last: far below
     * {@link #PERSISTENCE_RATIO}, whatever the noise.
     */
    static final double MAX_PERSISTENCE_S = 2700;
    /**
     * The persistence required is this fraction of the time to the limit. A rise that saturates
     * below the limit has a time to the limit of at least its time constant, so it slows to at most
     * e^-0.4 = 67% over such a window; a steady leak is still confirmed after about a third of its
     * time to the limit (docs/detection.md has the measured spread).
     */
    static final double URGENCY = 0.6;
    /** The last third's slope must be at least this fraction of the first's and the middle's. */
    static final double PERSISTENCE_RATIO = 0.75;
    /** The rate's 95% interval must not reach below this fraction of the rate. */
    static final double PRECISION = 0.25;
    /**
     * Each third's 95% interval must not reach below this fraction of its slope: slow growth
     * (the tail of a warm-up) must be measured precisely enough to see it slow down.
     */
    static final double THIRD_PRECISION = 0.4;
    /**
     * The same when the limit is near: the ratio test then bounds the last third by its whole
     * interval, so the thirds themselves may be measured more loosely, and must be, to report in time.
     */
    static final double URGENT_THIRD_PRECISION = 0.25;
    /**
     * The windows tested, as multiples of the persistence required. Longer windows measure slow
     * leaks more precisely and hold enough steps of a staircase in each third (one and a half
     * times 45 minutes holds two steps of ten minutes per third).
     */
    private static final double[] WINDOW_MULTIPLES = {1, 1.5, 2, 3, 4};
    /** The shortest window any verdict but leak rests on. */
    static final double MIN_VERDICT_WINDOW_S = 300;
    /** The views the urgency is read over, shortest first. */
    private static final double[] URGENCY_VIEWS_S = {120, 600, 2700};
    /** Ten-second buckets in the quick look between evaluations. */
    private static final int URGENT_LOOK_BUCKETS = 12;
    /** Consecutive evaluations that must agree before the verdict changes. */
    static final int CONFIRMATIONS = 2;
    /** Evaluations per window length: a verdict is confirmed within a tenth of the window. */
    static final double EVALUATIONS_PER_WINDOW = 20;
    /** Once a leak stands, evaluations per window: leaving it needs sustained evidence anyway. */
    static final double EVALUATIONS_PER_WINDOW_IN_LEAK = 4;
    static final double MIN_EVAL_INTERVAL_S = 1;
    /** Once a leak stands, nothing urgent is left to find out: at most one evaluation per 30 s. */
    static final double MIN_EVAL_INTERVAL_IN_LEAK_S = 30;
    static final double MAX_EVAL_INTERVAL_S = 90;
    static final double MAX_FLOOR_S = 1800;

    private final String signal;
    private final boolean alarms;
    private Long limit;
    private final BucketLevels history = new BucketLevels(WIDTHS, CAPACITIES);
    private final DropTracker drops = new DropTracker();
    private final WindowReader reader = new WindowReader(history, new TheilSen());
    private final Window[] cache = new Window[8];
    private int cached;
    private double floorWindow;

    private double firstT = Double.NaN;
    private double lastV;
    private double nextEval;
    private Verdict verdict = Verdict.STABLE;
    private Verdict pending;
    private int pendingCount;
    private boolean hasGrown;
    private Finding latest;

    /**
     * @param alarms whether this signal may be called a leak (DESIGN.md: anonymous memory and the
     *               runtimes' own pools); others stop at growth_suspected
     * @param limit  the limit the signal grows towards, or {@code null}
     */
    public SignalDetector(String signal, boolean alarms, Long limit) {
        this.signal = signal;
        this.alarms = alarms;
        this.limit = limit;
    }

    public String signal() {
        return signal;
    }

    public Long limit() {
        return limit;
    }

    /** A limit learned later (e.g. the device total once NVML answers). */
    public void limit(Long limit) {
        this.limit = limit;
    }

    /** The current verdict. */
    public Verdict verdict() {
        return verdict;
    }

    /** The assessment behind the latest evaluation, or {@code null} before the first. */
    public Finding latest() {
        return latest;
    }

    /**
     * Adds a sample; samples must come in non-decreasing {@code t}.
     *
     * @return a finding when the verdict changed with this sample, else {@code null}
     */
    public Finding add(double t, double value) {
        if (Double.isNaN(firstT)) {
            firstT = t;
            nextEval = t + MIN_PERSISTENCE_S;
        }
        if (history.add(t, value) && limit != null) {
            bringForwardWhenUrgent(t, value);
        }
        drops.add(t, value);
        lastV = value;
        return t >= nextEval ? evaluate(t) : null;
    }

    /**
     * Every 10 s, a least-squares look at the last two minutes: if a rise would reach the limit
     * before the next evaluation can react, evaluate now rather than up to a minute later.
     */
    private void bringForwardWhenUrgent(double t, double value) {
        double slope = history.recentSlope(1, URGENT_LOOK_BUCKETS);
        if (slope > 0 && (limit - value) / slope * URGENCY / EVALUATIONS_PER_WINDOW < nextEval - t) {
            nextEval = t;
        }
    }

    private Finding evaluate(double t) {
        cached = 0;
        double period = drops.period(t);
        floorWindow = Double.isNaN(period) ? 0 : Math.min(WindowReader.FLOOR_PERIODS * period, MAX_FLOOR_S);
        double available = t - Math.max(firstT, history.oldest()) - floorWindow;
        double required = requiredPersistence(t, available);
        // early in a run the window is the history there is: evaluate as often as it would allow,
        // so that the first verdicts come within seconds, not at the 90 s of a full window
        double window = Math.min(required, Math.max(available, MIN_PERSISTENCE_S));
        nextEval = t + (verdict == Verdict.LEAK
                ? clamp(window / EVALUATIONS_PER_WINDOW_IN_LEAK, MIN_EVAL_INTERVAL_IN_LEAK_S, MAX_EVAL_INTERVAL_S)
                : clamp(window / EVALUATIONS_PER_WINDOW, MIN_EVAL_INTERVAL_S, MAX_EVAL_INTERVAL_S));
        // verdicts other than leak rest on at least five minutes: near the limit the persistence
        // required gets so short that noise alone would make a leak look like it stopped
        Window recent = window(t, Math.min(Math.max(required, MIN_VERDICT_WINDOW_S), available));
        if (!recent.usable()) {
            return null;
        }
        Window leak = leakWindow(t, required, available);
        Verdict candidate;
        if (leak != null) {
            candidate = alarms ? Verdict.LEAK : Verdict.GROWTH_SUSPECTED;
        } else {
            candidate = classify(t, recent, required, available, !Double.isNaN(period));
        }
        latest = finding(t, candidate, leak != null ? leak : recent, leak != null);
        boolean changed = confirm(candidate);
        hasGrown |= verdict == Verdict.GROWTH_SUSPECTED || verdict == Verdict.LEAK;
        return changed ? latest : null;
    }

    /** The longest window, at multiples of the persistence required, that passes the leak test. */
    private Window leakWindow(double t, double required, double available) {
        boolean urgent = required < MAX_PERSISTENCE_S;
        double thirdPrecision = urgent ? URGENT_THIRD_PRECISION : THIRD_PRECISION;
        Window leak = null;
        for (double multiple : WINDOW_MULTIPLES) {
            double length = multiple * required;
            if (length > available) {
                break;
            }
            Window w = window(t, length);
            if (w.growing(PRECISION) && w.persistent(PERSISTENCE_RATIO, thirdPrecision, urgent) && !w.stepDominated()) {
                leak = w;
            }
        }
        return leak;
    }

    /**
     * Persistence needed before growth counts as a leak: shorter when the limit is near. The rate
     * that sets it is read over views of 2, 10 and 45 minutes, each only when measured precisely,
     * so noise never makes the limit look near and a new fast rise is seen at once.
     */
    private double requiredPersistence(double t, double available) {
        double required = MAX_PERSISTENCE_S;
        if (limit != null) {
            for (double view : URGENCY_VIEWS_S) {
                double length = Math.min(Math.max(view, 3 * floorWindow), available);
                if (length < MIN_PERSISTENCE_S) {
                    break;
                }
                required = Math.min(required, urgency(window(t, length)));
                if (length == available) {
                    break; // longer views would read the same history
                }
            }
        }
        // a window must hold a few oscillations for its floor to mean anything
        return Math.max(required, 3 * floorWindow);
    }

    /** The persistence the current rate in {@code w} asks for: {@link #URGENCY} of the time to the limit. */
    private double urgency(Window w) {
        if (!w.usable()) {
            return MAX_PERSISTENCE_S;
        }
        // the last two thirds follow a slowing rise more closely than the whole window, with less
        // noise than the last third alone
        TheilSen.Fit recent = w.lastTwoThirds();
        if (recent.low() <= 0 || recent.low() < 0.5 * recent.slope()) {
            return MAX_PERSISTENCE_S;
        }
        return clamp((limit - lastV) / recent.slope() * URGENCY, MIN_PERSISTENCE_S, MAX_PERSISTENCE_S);
    }

    private Verdict classify(double t, Window recent, double required, double available, boolean oscillating) {
        if (recent.growing(PRECISION)) {
            return recent.stepDominated() ? Verdict.STEP : Verdict.GROWTH_SUSPECTED;
        }
        if (recent.all().low() > 0 && !recent.hasStep()) {
            return verdict; // growth too imprecise to warn about, too clear to call flat: wait and see
        }
        if (verdict == Verdict.LEAK && grows(window(t, Math.min(2 * recent.length(), available)))) {
            return Verdict.LEAK; // a staircase between two steps has not stopped leaking
        }
        if (oscillating && drops.drops() >= DropTracker.MIN_DROPS) {
            return Verdict.SAWTOOTH;
        }
        Window longest = window(t, Math.min(WINDOW_MULTIPLES[WINDOW_MULTIPLES.length - 1] * required, available));
        if (recent.hasStep() || longest.hasStep()) {
            return Verdict.STEP;
        }
        if (grows(longest)) {
            return longest.stepDominated() ? Verdict.STEP : Verdict.PLATEAU;
        }
        return hasGrown ? Verdict.PLATEAU : Verdict.STABLE;
    }

    private static boolean grows(Window w) {
        return w.usable() && w.all().low() > 0;
    }

    /** The window of {@code length} before {@code t}, read once per evaluation. */
    private Window window(double t, double length) {
        for (int i = 0; i < cached; i++) {
            if (cache[i].length() == length) {
                return cache[i];
            }
        }
        Window w = reader.read(t, length, floorWindow);
        if (cached < cache.length) {
            cache[cached++] = w;
        }
        return w;
    }

    private boolean confirm(Verdict candidate) {
        if (candidate == verdict || (verdict == Verdict.LEAK && candidate == Verdict.GROWTH_SUSPECTED)) {
            // a leak stays a leak while the signal still grows: only growth that stopped ends it
            pending = null;
            pendingCount = 0;
            return false;
        }
        if (candidate == pending) {
            pendingCount++;
        } else {
            pending = candidate;
            pendingCount = 1;
        }
        if (pendingCount >= CONFIRMATIONS) {
            verdict = candidate;
            pending = null;
            pendingCount = 0;
            return true;
        }
        return false;
    }

    private Finding finding(double t, Verdict v, Window basis, boolean leak) {
        TheilSen.Fit fit = leak ? basis.lastTwoThirds() : basis.all();
        double rate = fit.slope();
        Double ttl = limit != null && rate > 0 ? Math.max(0, (limit - lastV) / rate) : null;
        return new Finding(signal, t, v, rate, fit.low(), fit.high(), leak ? basis.length() * 2 / 3 : basis.length(),
                Math.round(lastV), limit, ttl, alarms);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
