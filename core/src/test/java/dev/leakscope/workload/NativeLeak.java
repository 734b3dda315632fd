package dev.leakscope.workload;

import dev.leakscope.core.unit.Units;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A service that leaks native memory at a known rate: every tick it loads a "preprocessed batch"
 * into a direct buffer and caches it in a map that never evicts, the seeds' cache that never
 * evicts. Arguments: {@code [rate, default 8MiB/s] [duration, default forever]}.
 * The demo watches it; later tests run it under the agent.
 */
public final class NativeLeak {

    private static final Duration TICK = Duration.ofMillis(100);

    private NativeLeak() {
    }

    public static void main(String[] args) throws InterruptedException {
        double rate = Units.parseRate(args.length > 0 ? args[0] : "8MiB/s");
        Duration duration = args.length > 1 ? Units.parseDuration(args[1]) : Duration.ofDays(365);
        int batch = (int) Math.round(rate * TICK.toMillis() / 1000.0);
        System.out.println("leaking " + Units.formatRate(rate) + " in direct buffers, pid " + ProcessHandle.current().pid());
        List<ByteBuffer> cache = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        long next = System.nanoTime();
        while (System.nanoTime() < end) {
            cache.add(load(batch));
            next += TICK.toNanos();
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            }
        }
    }

    /** Stands for a preprocessing step that produces a native tensor. */
    static ByteBuffer load(int bytes) {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes);
        if (bytes > 0) { // a rate of 0: the service without its leak
            b.put(0, (byte) 1);
        }
        return b;
    }
}
