package dev.leakscope.core.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakscope.core.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Histograms captured with {@code jcmd PID GC.class_histogram} from a JVM holding 5000 Hold$Entry objects. */
class ClassHistogramTest {

    @Test
    void parsesJdk17AndJdk25Histograms() {
        for (String jdk : List.of("17", "25")) {
            Map<String, ClassHistogram.Entry> h = ClassHistogram.parse(Fixtures.read("jvm/class-histogram-jdk" + jdk + ".txt"));
            assertThat(h).as(jdk).containsEntry("Hold$Entry", new ClassHistogram.Entry(5000, 120000));
            assertThat(h.get("byte[]").bytes()).as(jdk + ": [B, module suffix dropped").isGreaterThan(5_000_000);
            assertThat(h).as(jdk).containsKey("java.lang.Object[]").doesNotContainKey("Total");
            assertThat(h.values().stream().mapToLong(ClassHistogram.Entry::bytes).sum()).as(jdk + " the Total line")
                    .isEqualTo(jdk.equals("17") ? 6595328L : 6790944L);
        }
    }

    @Test
    void growthNamesTheClassesWhoseBytesGrewMostFirst() {
        Map<String, ClassHistogram.Entry> before = Map.of("a.A", new ClassHistogram.Entry(10, 100),
                "b.B", new ClassHistogram.Entry(5, 500), "c.C", new ClassHistogram.Entry(1, 10));
        Map<String, ClassHistogram.Entry> after = Map.of("a.A", new ClassHistogram.Entry(20, 200),
                "b.B", new ClassHistogram.Entry(4, 400), "d.D", new ClassHistogram.Entry(3, 3000));
        assertThat(ClassHistogram.growth(before, after, 10)).containsExactly(
                new ClassHistogram.Growth("d.D", 3, 3000, 3, 3000), new ClassHistogram.Growth("a.A", 10, 100, 20, 200));
        assertThat(ClassHistogram.growth(before, after, 1)).hasSize(1);
    }

    @Test
    void descriptorsReadAsJavaSourceWritesThem() {
        assertThat(ClassHistogram.readable("[B")).isEqualTo("byte[]");
        assertThat(ClassHistogram.readable("[[I")).isEqualTo("int[][]");
        assertThat(ClassHistogram.readable("[Ljava.lang.String;")).isEqualTo("java.lang.String[]");
        assertThat(ClassHistogram.readable("java.util.HashMap$Node")).isEqualTo("java.util.HashMap$Node");
    }
}
