package dev.leakscope.junit;

import java.lang.reflect.Method;

/**
 * sites: the bytes the agent tracks as live, summed over every kind (allocated less freed), from
 * the exact per-kind totals of its bootstrap bridge. The bridge lives in the boot loader, apart
 * from the agent jar this module never links to, so it is reached by reflection.
 */
final class TrackedBytesProbe implements Probe {

    static final String RECORDER = "dev.leakscope.agent.bootstrap.Recorder";
    /** Indices into {@code Recorder.totals(kind)}: {allocated count, allocated bytes, freed count, freed bytes}. */
    private static final int ALLOCATED_BYTES = 1;
    private static final int FREED_BYTES = 3;

    private final Method totals;
    private final int kinds;

    private TrackedBytesProbe(Method totals, int kinds) {
        this.totals = totals;
        this.kinds = kinds;
    }

    /** The bridge of the agent running in this JVM. */
    static TrackedBytesProbe open() throws Unavailable {
        try {
            Class<?> recorder = Class.forName(RECORDER, false, null);
            return new TrackedBytesProbe(recorder.getMethod("totals", int.class), recorder.getField("KINDS").getInt(null));
        } catch (ClassNotFoundException e) {
            throw new Unavailable("the agent running in this JVM tracks no allocations (its modules are off)");
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new Unavailable("cannot read the agent's totals: " + e);
        }
    }

    @Override
    public long read() throws ReflectiveOperationException {
        long live = 0;
        for (int kind = 0; kind < kinds; kind++) {
            long[] t = (long[]) totals.invoke(null, kind);
            live += t[ALLOCATED_BYTES] - t[FREED_BYTES];
        }
        return live;
    }
}
