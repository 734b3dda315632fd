package dev.leakscope.junit;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/** A leak test settles memory with {@code System.gc()}; where that does nothing, no reading could be compared. */
final class ExplicitGc {

    private ExplicitGc() {
    }

    static void require() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        try {
            if (hotspot != null && "true".equals(hotspot.getVMOption("DisableExplicitGC").getValue())) {
                throw new IllegalStateException("@LeakTest cannot settle memory: -XX:+DisableExplicitGC makes System.gc() "
                        + "do nothing (expected: a test JVM without it)");
            }
        } catch (IllegalArgumentException noSuchOption) {
            // a JVM without the option runs System.gc()
        }
    }
}
