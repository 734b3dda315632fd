package dev.leakscope.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A test whose body is run {@link #warmups} times unmeasured, then {@link #iterations} times while
 * the memory signals are measured; it fails when a signal grows by more than its bound per
 * iteration. {@code @BeforeEach} and {@code @AfterEach} run once, around all the repetitions.
 * <pre>
 * &#64;LeakTest(warmups = 5, iterations = 50, maxGrowthPerIteration = "64KB")
 * void inferenceReleasesItsTensors() { ... }
 * </pre>
 * See docs/junit.md for what each signal needs and how a failure reads.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Test
@ExtendWith(LeakTestExtension.class)
// two leak tests at once would measure each other: they take this lock in turn
@ResourceLock(LeakTest.LOCK)
public @interface LeakTest {

    /** The resource lock every leak test holds while it runs. */
    String LOCK = "dev.leakscope.junit.LeakTest";

    /** Runs of the body before measuring: caches fill, classes load, the JIT compiles. */
    int warmups() default 5;

    /** Measured runs of the body; at least 2. */
    int iterations() default 50;

    /** The signals measured; {@link LeakSignal#RSS_ANON} is opt-in. */
    LeakSignal[] signals() default {LeakSignal.DIRECT_BUFFERS, LeakSignal.SITES, LeakSignal.HEAP_AFTER_GC};

    /** The growth per iteration allowed to each signal but rss_anon: a size such as {@code 64KB} or {@code 16KiB}. */
    String maxGrowthPerIteration() default "16KiB";

    /**
     * The growth per iteration allowed to rss_anon, coarser: the JIT and malloc's arenas move
     * resident memory by more than a small leak does.
     */
    String maxRssGrowthPerIteration() default "1MiB";
}
