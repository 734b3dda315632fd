package dev.leakscope.junit;

/**
 * How much one signal grew while the body ran: {@code perIteration} is the Theil–Sen slope over the
 * settled readings, {@code total} the last reading less the first.
 */
record Growth(LeakSignal signal, double perIteration, long total, long bound) {

    boolean exceeds() {
        return perIteration > bound;
    }
}
