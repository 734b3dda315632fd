package dev.leakscope.agent.instrument;

import dev.leakscope.agent.bootstrap.Marks;
import dev.leakscope.core.mark.CleanupCheck;
import dev.leakscope.core.observe.Observation;
import dev.leakscope.core.sample.Notice;
import dev.leakscope.core.unit.Units;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands phase and cleanup markers to the observation. Runs on the host's threads: a bad expected
 * size is told once as a notice and that check is skipped, never thrown into the host.
 */
final class ObservationMarks implements Marks.Listener {

    private final Observation observation;
    private final Set<String> badSizesTold = ConcurrentHashMap.newKeySet();

    ObservationMarks(Observation observation) {
        this.observation = observation;
    }

    @Override
    public void phase(String label) {
        observation.phase(label);
    }

    @Override
    public Object cleanupBegan(String label, String expected) {
        long bytes;
        try {
            bytes = Units.parseSize(expected);
        } catch (IllegalArgumentException e) {
            if (badSizesTold.add(label + "\u0000" + expected)) {
                observation.notice(Notice.warn("cleanup " + label + ": expected size " + expected + ": " + e.getMessage()
                        + "; this check is skipped", null));
            }
            return null;
        }
        return observation.beginCleanup(label, bytes);
    }

    @Override
    public void cleanupEnded(Object token) {
        if (token instanceof CleanupCheck check) {
            observation.endCleanup(check);
        }
    }
}
