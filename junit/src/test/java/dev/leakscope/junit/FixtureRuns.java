package dev.leakscope.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.leakscope.core.unit.Units;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs fixture classes through the Jupiter engine, so that tests can look at what failed and why. */
final class FixtureRuns {

    private static final Pattern GROWTH = Pattern.compile("(\\S+) grew (-?[0-9.]+) (B|KiB|MiB|GiB) per iteration");

    private FixtureRuns() {
    }

    static EngineExecutionResults run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
    }

    static EngineExecutionResults run(Class<?> fixture, String method) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(fixture, method)).execute();
    }

    /** The one failure of a run that must have exactly one. */
    static Throwable onlyFailure(EngineExecutionResults results) {
        List<Event> failed = results.testEvents().failed().list();
        if (failed.size() != 1) {
            throw new AssertionError("expected one failed test, got " + failed.size() + ": " + results.testEvents().list());
        }
        return failed.get(0).getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }

    /** The failures of every test of a run, by test name. */
    static List<String> failures(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(e -> e.getTestDescriptor().getDisplayName() + ": "
                        + e.getRequiredPayload(TestExecutionResult.class).getThrowable().map(Throwable::getMessage).orElse(""))
                .collect(Collectors.toList());
    }

    /** The report entries the leak tests of a run published. */
    static List<String> reportEntries(EngineExecutionResults results) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().toString())
                .collect(Collectors.toList());
    }

    /** The growth per iteration a failure message gives {@code signal}, in bytes; -1 when it names none. */
    static double growthPerIteration(String message, String signal) {
        Matcher m = GROWTH.matcher(message);
        while (m.find()) {
            if (m.group(1).equals(signal)) {
                String amount = m.group(2);
                double sign = amount.startsWith("-") ? -1 : 1;
                return sign * Units.parseSize(amount.substring(amount.startsWith("-") ? 1 : 0) + m.group(3));
            }
        }
        return -1;
    }
}
