package dev.leakscope.testkit;

import dev.leakscope.core.site.SiteKind;
import dev.leakscope.core.site.SiteLeak;
import dev.leakscope.core.site.SiteTable;
import dev.leakscope.core.site.StackCapture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Allocations made from an application's frames: leakscope's own packages never count as a site,
 * so tests that need a site call through here. Each method allocates on a line of its own.
 */
public final class SiteCalls {

    private SiteCalls() {
    }

    public static void direct(SiteTable table, long address, long bytes) {
        table.sampled(SiteKind.DIRECT_BUFFER, null, address, bytes, 1);
    }

    /** A sampled allocation standing for {@code weight} allocations like it. */
    public static void weighted(SiteTable table, long address, long bytes, double weight) {
        table.sampled(SiteKind.DIRECT_BUFFER, null, address, bytes, weight);
    }

    public static void otherDirect(SiteTable table, long address, long bytes) {
        table.sampled(SiteKind.DIRECT_BUFFER, null, address, bytes, 1);
    }

    public static void tensor(SiteTable table, Object tensor, long bytes) {
        table.sampled(SiteKind.ONNX_TENSOR, tensor, 0, bytes, 1);
    }

    public static void pointer(SiteTable table, Object reference, long bytes) {
        table.sampled(SiteKind.JAVACPP_POINTER, reference, 0, bytes, 1);
    }

    /** Any kind, from one line. */
    public static void ofKind(SiteTable table, SiteKind kind, Object object, long address, long bytes) {
        table.sampled(kind, object, address, bytes, 1);
    }

    public static StackCapture.Frame siteFrame() {
        return StackCapture.siteFrame();
    }

    public static StackCapture.Captured capture() {
        return StackCapture.here();
    }

    /** Collects garbage until the table finds objects collected unclosed, for at most five seconds. */
    public static List<SiteLeak> drainAfterGc(SiteTable table) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            System.gc();
            List<SiteLeak> leaks = table.drainLeaks();
            if (!leaks.isEmpty()) {
                return leaks;
            }
            Thread.sleep(100);
        }
        return List.of();
    }

    /** The frame of this class's method {@code method} where it allocates, as a site names it. */
    public static String frame(String method) {
        return SiteCalls.class.getName() + "." + method + "(SiteCalls.java:" + line(method) + ")";
    }

    /** Read from this source file, so that editing it cannot leave a test expecting an old line. */
    private static int line(String method) {
        try {
            List<String> lines = Files.readAllLines(Path.of("src/test/java/dev/leakscope/testkit/SiteCalls.java"));
            int declared = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(" " + method + "(") && lines.get(i).contains("public static")) {
                    declared = i;
                } else if (declared >= 0 && (lines.get(i).contains("table.sampled(") || lines.get(i).contains("StackCapture.here()"))) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no method " + method + " in SiteCalls");
    }
}
