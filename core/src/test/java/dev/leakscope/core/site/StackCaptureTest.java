package dev.leakscope.core.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakscope.testkit.SiteCalls;
import org.junit.jupiter.api.Test;

class StackCaptureTest {

    @Test
    void framesReadAsInAJavaStackTrace() {
        assertThat(StackCapture.format("a.B", "m", "B.java", 42)).isEqualTo("a.B.m(B.java:42)");
        assertThat(StackCapture.format("a.B", "m", null, -1)).isEqualTo("a.B.m(Unknown Source)");
        assertThat(StackCapture.format("a.B", "m", "B.java", -1)).isEqualTo("a.B.m(B.java)");
        assertThat(StackCapture.format("a.B", "m", null, -2)).isEqualTo("a.B.m(Native Method)");
    }

    @Test
    void leakscopesOwnFramesAreLeftOutAndTheFirstApplicationFrameIsTheSite() {
        StackCapture.Captured c = SiteCalls.capture();
        assertThat(c.site()).isEqualTo(SiteCalls.frame("capture"));
        assertThat(c.stack()).first().isEqualTo(SiteCalls.frame("capture"));
        assertThat(c.stack()).as("the capture itself").noneMatch(f -> f.startsWith(StackCapture.class.getName() + "."));
        assertThat(c.stack()).hasSizeLessThanOrEqualTo(StackCapture.MAX_FRAMES);
    }

    @Test
    void theSiteFrameAloneIsTheSameFirstApplicationFrameUnformatted() {
        StackCapture.Frame f = SiteCalls.siteFrame();
        assertThat(f.className()).isEqualTo(SiteCalls.class.getName());
        assertThat(f.method()).isEqualTo("siteFrame");
        assertThat(f.bci()).isNotNegative();
        assertThat(SiteCalls.siteFrame()).as("the same call, the same frame").isEqualTo(f);
    }

    @Test
    void withoutAnApplicationFrameTheSiteIsTheOutermostFrameKept() {
        StackCapture.Captured c = StackCapture.here(); // called from core's own package: no application frame
        assertThat(c.site()).doesNotStartWith("dev.leakscope.core.");
        assertThat(c.stack()).contains(c.site());
    }
}
