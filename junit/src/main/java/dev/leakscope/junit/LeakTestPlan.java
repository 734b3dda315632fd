package dev.leakscope.junit;

import dev.leakscope.core.unit.Units;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * A {@link LeakTest}'s attributes, checked: how often to run the body, and the bound of each
 * signal in bytes per iteration, in the order of {@link LeakSignal}.
 */
record LeakTestPlan(int warmups, int iterations, Map<LeakSignal, Long> bounds) {

    /** Fewer than two measured runs give no growth to measure. */
    static final int MIN_ITERATIONS = 2;
    private static final String PREFIX = "@LeakTest ";

    static LeakTestPlan of(LeakTest test) {
        if (test.warmups() < 0) {
            throw bad("warmups", Integer.toString(test.warmups()), ">= 0");
        }
        if (test.iterations() < MIN_ITERATIONS) {
            throw bad("iterations", Integer.toString(test.iterations()), ">= " + MIN_ITERATIONS);
        }
        if (test.signals().length == 0) {
            throw bad("signals", "{}", "at least one of " + Arrays.toString(LeakSignal.values()));
        }
        long bound = size("maxGrowthPerIteration", test.maxGrowthPerIteration());
        long rssBound = size("maxRssGrowthPerIteration", test.maxRssGrowthPerIteration());
        Map<LeakSignal, Long> bounds = new EnumMap<>(LeakSignal.class);
        for (LeakSignal signal : test.signals()) {
            bounds.put(signal, signal == LeakSignal.RSS_ANON ? rssBound : bound);
        }
        return new LeakTestPlan(test.warmups(), test.iterations(), bounds);
    }

    private static long size(String attribute, String value) {
        try {
            return Units.parseSize(value);
        } catch (IllegalArgumentException e) {
            // Units' message names the value and the units it knows: say which attribute held it
            throw new IllegalArgumentException(PREFIX + attribute + ": " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException bad(String attribute, String value, String expected) {
        return new IllegalArgumentException(PREFIX + attribute + ": " + value + " (expected: " + expected + ")");
    }
}
