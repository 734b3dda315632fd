package dev.leakscope.junit;

import java.util.ArrayList;
import java.util.Map;

/**
 * Runs a leak test's body: the warm-ups, a settled reading, then the measured runs with a settled
 * reading at evenly spaced checkpoints.
 */
final class LeakRun {

    /**
     * At most this many readings after the first. Each reading costs a few full collections
     * (tens of milliseconds); a dozen points are plenty for a median slope.
     */
    static final int MAX_CHECKPOINTS = 12;

    /** One run of the test's body. */
    interface Body {
        void run() throws Throwable;
    }

    private LeakRun() {
    }

    static Recording run(LeakTestPlan plan, Map<LeakSignal, Probe> probes, Body body) throws Throwable {
        for (int i = 0; i < plan.warmups(); i++) {
            body.run();
        }
        Settler settler = new Settler();
        int checkpoints = Math.min(plan.iterations(), MAX_CHECKPOINTS);
        Recording recording = new Recording(new ArrayList<>(probes.keySet()), checkpoints + 1);
        recording.add(0, settler.settle(probes));
        for (int done = 1; done <= plan.iterations(); done++) {
            body.run();
            if (isCheckpoint(done, plan.iterations(), checkpoints)) {
                recording.add(done, settler.settle(probes));
            }
        }
        return recording;
    }

    /** Whether a reading follows run {@code done} of {@code iterations}: {@code checkpoints} of them, the last run's included. */
    static boolean isCheckpoint(int done, int iterations, int checkpoints) {
        return (long) done * checkpoints / iterations != (long) (done - 1) * checkpoints / iterations;
    }
}
