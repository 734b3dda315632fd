package dev.leakscope.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakscope.junit.fixtures.CleanFixture;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Bodies that free what they allocate pass, run after run. */
class LeakTestCleanTest {

    /**
     * How many times the clean bodies run: 20 in every build, so that a flaky bound fails it
     * (-DleakTest.cleanRuns=N for more; not leakscope.*, which the agent would take for one of its options).
     */
    private static final int RUNS = Integer.getInteger("leakTest.cleanRuns", 20);

    @Test
    void cleanBodiesPassEveryRun() {
        for (int run = 1; run <= RUNS; run++) {
            EngineExecutionResults results = FixtureRuns.run(CleanFixture.class);

            assertThat(FixtureRuns.failures(results)).as("run %d of %d", run, RUNS).isEmpty();
            results.testEvents().assertStatistics(stats -> stats.succeeded(2));
            System.out.println("run " + run + ": " + FixtureRuns.reportEntries(results));
        }
    }
}
