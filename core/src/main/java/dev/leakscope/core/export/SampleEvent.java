package dev.leakscope.core.export;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One signal's value at one tick, as a JFR event: one per byte signal per tick. */
@Name("dev.leakscope.Sample")
@Label("Memory Sample")
@Category("leakscope")
@Description("A signal's value at one tick of the leakscope agent (docs/signals.md)")
@StackTrace(false)
final class SampleEvent extends Event {

    @Label("Signal")
    String signal;

    @Label("Value")
    @DataAmount
    long value;
}
