package dev.leakscope.core.detect;

/** Prints the findings of chosen corpus traces (debugging aid, run by hand). */
public final class DebugRun {
    static double ols(double[] v, int from, int to) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(v[i])) {
                sx += i; sy += v[i]; sxx += (double) i * i; sxy += i * v[i]; n++;
            }
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    public static void main(String[] args) {
        for (LabelledTrace t : new TraceGenerator(DetectorCorpusTest.SEED).corpus(DetectorCorpusTest.PER_KIND)) {
            for (String name : args) {
                if (t.name().equals(name)) {
                    System.out.printf("%s: rate %.2f MB/min onset %.0f limit %s len %d ttl %.0f%n", t.name(), t.rateMbPerMin(), t.onset(), t.limit(), t.values().length, t.timeToLimit());
                    CorpusRun r = CorpusRun.of(t);
                    if (args.length > 1 && args[args.length - 1].startsWith("@")) {
                        double end = Double.parseDouble(args[args.length - 1].substring(1));
                        double[] v = t.values();
                        for (int k = 0; k < 3; k++) {
                            int a = (int) (end - 1800 + k * 600);
                            System.out.printf("  third %d: OLS slope %.3f MB/min%n", k, ols(v, a, a + 600) * 60 / 1e6);
                        }
                    }
                    for (Finding f : r.findings()) {
                        System.out.printf("  t=%.0f %s rate=%.3f MB/min [%.3f, %.3f] window=%.0f %s%n", f.t(), f.verdict(), f.rate() * 60 / 1e6, f.low() * 60 / 1e6, f.high() * 60 / 1e6, f.window(), f.message());
                    }
                }
            }
        }
    }
}
