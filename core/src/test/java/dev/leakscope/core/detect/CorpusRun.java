package dev.leakscope.core.detect;

import dev.leakscope.core.sample.Signals;
import java.util.ArrayList;
import java.util.List;

/** Runs the detector over a labelled trace, as {@code analyze} would, and keeps what it said. */
record CorpusRun(LabelledTrace trace, List<Finding> findings) {

    static CorpusRun of(LabelledTrace trace) {
        SignalDetector detector = new SignalDetector(trace.signal(), Signals.alarms(trace.signal()), trace.limit());
        List<Finding> findings = new ArrayList<>();
        double[] v = trace.values();
        for (int t = 0; t < v.length; t++) {
            if (!Double.isNaN(v[t])) {
                Finding f = detector.add(t, v[t]);
                if (f != null) {
                    findings.add(f);
                }
            }
        }
        return new CorpusRun(trace, findings);
    }

    /** The first leak finding, or null. */
    Finding firstLeak() {
        return findings.stream().filter(f -> f.verdict() == Verdict.LEAK).findFirst().orElse(null);
    }

    /** A leak finding before the leak began (or in a trace without one): a false alarm. */
    Finding falseAlarm() {
        return findings.stream().filter(f -> f.verdict() == Verdict.LEAK && (!trace.leak() || f.t() < trace.onset()))
                .findFirst().orElse(null);
    }

    /** The first leak finding at or after onset, or null. */
    Finding detection() {
        return findings.stream().filter(f -> f.verdict() == Verdict.LEAK && f.t() >= trace.onset()).findFirst().orElse(null);
    }

    boolean alarmed() {
        return firstLeak() != null;
    }

    /** Seconds from onset to the first leak finding after it, or +inf. */
    double latency() {
        Finding f = detection();
        return f == null ? Double.POSITIVE_INFINITY : f.t() - trace.onset();
    }

    /** Relative error of the rate of the detection. */
    double rateError() {
        Finding f = detection();
        return f == null ? Double.NaN : (f.rate() - trace.rate()) / trace.rate();
    }
}
