package dev.leakscope.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.leakscope.junit.fixtures.CleanFixture;
import dev.leakscope.junit.fixtures.DirectLeakFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Where the agent cannot be attached (here: the jar it names does not exist), leak tests measure
 * what needs no agent, say why sites are missing, and do not fail for it. Surefire runs each test
 * class in a JVM of its own, so no agent was attached here before.
 */
class LeakTestWithoutAgentTest {

    private static String agentJar;

    @BeforeAll
    static void pointAtNoJar() {
        agentJar = System.getProperty(AgentJarLocator.PROP_AGENT_JAR);
        System.setProperty(AgentJarLocator.PROP_AGENT_JAR, "/nonexistent/leakscope-agent.jar");
    }

    @AfterAll
    static void restore() {
        if (agentJar != null) {
            System.setProperty(AgentJarLocator.PROP_AGENT_JAR, agentJar);
        }
    }

    @Test
    void aLeakStillFailsOnTheSignalsThatNeedNoAgent() {
        String message = FixtureRuns.onlyFailure(FixtureRuns.run(DirectLeakFixture.class)).getMessage();

        assertThat(FixtureRuns.growthPerIteration(message, "direct_buffers")).isCloseTo(DirectLeakFixture.BYTES, within(1024.0));
        assertThat(message).contains("not measured: sites: -Dleakscope.agent.jar=/nonexistent/leakscope-agent.jar "
                + "(expected: the path of leakscope-agent.jar)");
    }

    @Test
    void aCleanBodyPassesAndSaysWhatWasNotMeasured() {
        EngineExecutionResults results = FixtureRuns.run(CleanFixture.class);

        assertThat(FixtureRuns.failures(results)).isEmpty();
        assertThat(FixtureRuns.reportEntries(results)).anySatisfy(entry -> assertThat(entry)
                .contains("sites not measured: -Dleakscope.agent.jar=/nonexistent/leakscope-agent.jar"));
    }
}
