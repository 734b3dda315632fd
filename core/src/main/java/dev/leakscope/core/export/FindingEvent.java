package dev.leakscope.core.export;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A {@code finding} as a JFR event, for JDK Mission Control and {@code jfr print}: a signal's verdict changed. */
@Name("dev.leakscope.Finding")
@Label("Memory Finding")
@Category("leakscope")
@Description("A signal's verdict changed: leak, growth_suspected, plateau, sawtooth, step or stable (docs/events.md)")
@StackTrace(false)
final class FindingEvent extends Event {

    @Label("Signal")
    String signal;

    @Label("Verdict")
    String verdict;

    @Label("Rate (bytes/s)")
    double rate;

    @Label("Rate Low (bytes/s)")
    double rateLow;

    @Label("Rate High (bytes/s)")
    double rateHigh;

    @Label("Current")
    @DataAmount
    long current;

    @Label("Limit")
    @DataAmount
    long limit;

    @Label("Time to Limit (s)")
    double timeToLimit;

    @Label("Growth per Iteration (bytes)")
    double perIteration;

    @Label("Message")
    String message;
}
