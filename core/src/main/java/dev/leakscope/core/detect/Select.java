package dev.leakscope.core.detect;

/** Order statistics by quickselect: O(n) on average, reordering the array in place. */
final class Select {

    private Select() {
    }

    /**
     * The element of rank {@code k} (0-based) among {@code a[from..to)}; afterwards every element
     * before index {@code from + k} is no greater and every one after it no smaller.
     */
    static double kth(double[] a, int from, int to, int k) {
        int lo = from;
        int hi = to - 1;
        int target = from + k;
        while (lo < hi) {
            double pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double tmp = a[i];
                    a[i] = a[j];
                    a[j] = tmp;
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return a[target];
            }
        }
        return a[target];
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
