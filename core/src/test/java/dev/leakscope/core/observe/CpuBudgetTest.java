package dev.leakscope.core.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakscope.core.sample.Notice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuBudgetTest {

    @Test
    void samplingOverBudgetSlowsDownAndSaysSo() {
        CpuBudget budget = new CpuBudget(0.02, Duration.ofMillis(200));
        List<Notice> notices = new ArrayList<>();
        assertThat(budget.afterTick(Duration.ofSeconds(1), notices::add)).isNull();
        burn(Duration.ofMillis(250)); // this thread uses a whole core for the span
        Duration slower = budget.afterTick(Duration.ofSeconds(1), notices::add);
        assertThat(slower).isEqualTo(Duration.ofSeconds(2));
        assertThat(notices).singleElement().satisfies(n -> assertThat(n.message())
                .startsWith("sampling used ").contains("(budget 2.00%): sampling every 2.0s instead of every 1.0s"));
    }

    @Test
    void samplingWithinBudgetKeepsItsPace() throws InterruptedException {
        CpuBudget budget = new CpuBudget(0.5, Duration.ofMillis(100));
        List<Notice> notices = new ArrayList<>();
        budget.afterTick(Duration.ofSeconds(1), notices::add);
        Thread.sleep(150);
        assertThat(budget.afterTick(Duration.ofSeconds(1), notices::add)).isNull();
        assertThat(notices).isEmpty();
    }

    private static void burn(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        long x = 0;
        while (System.nanoTime() < end) {
            x += x * 31 + 7;
        }
        assertThat(x).isNotEqualTo(42);
    }
}
