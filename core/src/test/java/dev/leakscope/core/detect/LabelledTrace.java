package dev.leakscope.core.detect;

/**
 * A synthetic trace with its truth: 1 Hz samples of one signal (NaN for a missing sample).
 *
 * @param kind      the family it was drawn from, e.g. "linear leak"
 * @param leak      whether a detector must call it a leak
 * @param rate      the true leak rate in bytes/s (0 for no leak)
 * @param onset     trace time the leak starts
 * @param limit     the limit the trace grows towards, or null
 * @param reportOnly part of the families reported without a gate (long plateaus, log growth)
 * @param tau        the warm-up's time constant in seconds, for plateaus (NaN otherwise)
 */
record LabelledTrace(String name, String kind, String signal, boolean leak, double rate, double onset, Long limit,
                     double[] values, boolean reportOnly, double tau) {

    static final double MB = 1e6;

    /** Seconds from onset until the limit at the true rate, or +inf. */
    double timeToLimit() {
        if (limit == null || rate <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        int i = (int) Math.min(values.length - 1, Math.ceil(onset));
        double v = values[i];
        for (int k = i; Double.isNaN(v) && k < values.length; k++) {
            v = values[k];
        }
        return (limit - v) / rate;
    }

    double rateMbPerMin() {
        return rate * 60 / MB;
    }
}
