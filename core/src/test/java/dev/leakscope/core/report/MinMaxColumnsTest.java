package dev.leakscope.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakscope.core.analyze.Series;
import org.junit.jupiter.api.Test;

class MinMaxColumnsTest {

    @Test
    void eachColumnKeepsItsLowestAndHighestValueSoASawtoothFasterThanAColumnKeepsItsSwing() {
        Series sawtooth = new Series("heap_used");
        for (int t = 0; t < DayLongStream.DAY; t++) {
            sawtooth.add(t, 100 + (t % 47));            // 47 s period: about two teeth per column of 100 s
        }
        Points points = MinMaxColumns.of(sawtooth, 0, DayLongStream.DAY, 864);

        assertThat(points.size()).isLessThanOrEqualTo(2 * 864).isGreaterThan(864);
        for (int c = 0; c < 864; c++) {
            double from = c * 100;
            double to = from + 100;
            assertThat(extreme(points, from, to, true)).as("column %d's lowest", c).isEqualTo(extreme(sawtooth, from, to, true));
            assertThat(extreme(points, from, to, false)).as("column %d's highest", c).isEqualTo(extreme(sawtooth, from, to, false));
        }
    }

    @Test
    void theExtremesComeInTheOrderTheyOccurred() {
        Series drop = new Series("direct_buffers");
        for (int t = 0; t < 100; t++) {
            drop.add(t, t < 50 ? 10 + t : 0);            // a rise, then a drop: max first, then min
        }
        Points points = MinMaxColumns.of(drop, 0, 100, 1);

        assertThat(points.t()).containsExactly(49, 50);
        assertThat(points.v()).containsExactly(59, 0);
    }

    @Test
    void aSeriesThatAlreadyFitsIsKeptWhole() {
        Series few = new Series("rss");
        few.add(0, 5);
        few.add(1, 7);
        few.add(2, 6);

        Points points = MinMaxColumns.of(few, 0, 2, 1000);

        assertThat(points.t()).containsExactly(0, 1, 2);
        assertThat(points.v()).containsExactly(5, 7, 6);
    }

    @Test
    void valuesOutsideTheRangeCountInTheEdgeColumns() {
        Series wide = new Series("rss");
        for (int t = -50; t < 150; t++) {
            wide.add(t, t);
        }
        Points points = MinMaxColumns.of(wide, 0, 100, 10);

        assertThat(points.min()).isEqualTo(-50);
        assertThat(points.max()).isEqualTo(149);
    }

    private static double extreme(Points points, double from, double to, boolean lowest) {
        Series inColumn = new Series("column");
        for (int i = 0; i < points.size(); i++) {
            inColumn.add(points.t()[i], points.v()[i]);
        }
        return extreme(inColumn, from, to, lowest);
    }

    private static double extreme(Series series, double from, double to, boolean lowest) {
        double extreme = lowest ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        for (int i = 0; i < series.size(); i++) {
            if (series.t(i) >= from && series.t(i) < to) {
                extreme = lowest ? Math.min(extreme, series.value(i)) : Math.max(extreme, series.value(i));
            }
        }
        return extreme;
    }
}
