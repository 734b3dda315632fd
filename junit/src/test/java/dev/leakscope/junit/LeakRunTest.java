package dev.leakscope.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LeakRunTest {

    @Test
    void checkpointsAreSpreadEvenlyAndEndWithTheLastRun() {
        assertThat(IntStream.rangeClosed(1, 50).filter(i -> LeakRun.isCheckpoint(i, 50, 12)))
                .containsExactly(5, 9, 13, 17, 21, 25, 30, 34, 38, 42, 46, 50);
    }

    @Test
    void everyRunIsACheckpointWhenThereAreFewRuns() {
        assertThat(IntStream.rangeClosed(1, 5).filter(i -> LeakRun.isCheckpoint(i, 5, 5))).containsExactly(1, 2, 3, 4, 5);
    }
}
