package dev.leakscope.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TheilSenTest {

    @Test
    void selectionAgreesWithSorting() {
        Random random = new Random(5);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(500);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = random.nextInt(50); // many ties
            }
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            int k = random.nextInt(n);
            assertThat(Select.kth(a.clone(), 0, n, k)).isEqualTo(sorted[k]);
        }
    }

    @Test
    void slopeIsTheMedianOfPairwiseSlopes() {
        Random random = new Random(9);
        double[] x = new double[30];
        double[] y = new double[30];
        for (int i = 0; i < 30; i++) {
            x[i] = i * 10 + random.nextDouble();
            y[i] = 5 * x[i] + 40 * random.nextGaussian();
        }
        double[] pairs = new double[435];
        int p = 0;
        for (int i = 0; i < 30; i++) {
            for (int j = i + 1; j < 30; j++) {
                pairs[p++] = (y[j] - y[i]) / (x[j] - x[i]);
            }
        }
        Arrays.sort(pairs);
        TheilSen.Fit fit = new TheilSen().fit(x, y, 0, 30, 1.96);
        assertThat(fit.slope()).isEqualTo(pairs[217]); // 435 pairs: the middle one
        assertThat(fit.low()).isLessThan(5).isGreaterThan(3);
        assertThat(fit.high()).isGreaterThan(5).isLessThan(7);
    }

    @Test
    void anOutlierDoesNotMoveTheSlope() {
        double[] x = new double[20];
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            x[i] = i;
            y[i] = 2 * i;
        }
        y[7] = 1e9;
        assertThat(new TheilSen().fit(x, y, 0, 20, 1.96).slope()).isEqualTo(2);
    }

    @Test
    void autocorrelatedNoiseWidensTheInterval() {
        Random random = new Random(13);
        double[] x = new double[30];
        double[] iid = new double[30];
        double[] correlated = new double[30];
        double e = 0;
        for (int i = 0; i < 30; i++) {
            x[i] = i;
            double g = random.nextGaussian();
            iid[i] = g;
            e = 0.9 * e + g;
            correlated[i] = e;
        }
        TheilSen ts = new TheilSen();
        TheilSen.Fit a = ts.fit(x, iid, 0, 30, 1.96);
        TheilSen.Fit b = ts.fit(x, correlated, 0, 30, 1.96);
        assertThat(b.rho()).isGreaterThan(a.rho());
        assertThat(b.high() - b.low()).isGreaterThan(a.high() - a.low());
    }
}
