package dev.leakscope.junit;

import dev.leakscope.junit.fixtures.CleanFixture;
import dev.leakscope.junit.fixtures.DirectLeakFixture;

/**
 * Runs a leaking and a clean fixture in this JVM and prints what became of them, one line each:
 * {@link Jdk25Test} runs it on JDK 25, where the agent must work as well.
 */
public final class Jdk25Host {

    private Jdk25Host() {
    }

    public static void main(String[] args) {
        System.out.println("java " + Runtime.version().feature());
        Throwable leak = FixtureRuns.onlyFailure(FixtureRuns.run(DirectLeakFixture.class));
        System.out.println("leak: " + leak.getMessage().replace('\n', '|'));
        System.out.println("clean failures: " + FixtureRuns.failures(FixtureRuns.run(CleanFixture.class)));
    }
}
