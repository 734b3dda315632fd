package dev.leakscope.workload;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process that grows its anonymous memory on command, for tests and benchmarks that need a
 * known amount of touched memory. Protocol on stdin/stdout:
 * <pre>
 *   child: READY &lt;pid&gt;
 *   test:  GROW &lt;bytes&gt;     child allocates that much off-heap, touching every page
 *   child: GROWN &lt;bytes&gt;
 *   test:  EXIT
 * </pre>
 * Run it with {@code -Xint} so that no JIT compilation moves its memory while a test measures.
 */
public final class AnonGrower {

    private AnonGrower() {
    }

    public static void main(String[] args) throws Exception {
        List<ByteBuffer> kept = new ArrayList<>();
        System.out.println("READY " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] cmd = line.trim().split(" ");
            if (cmd[0].equals("GROW")) {
                long bytes = Long.parseLong(cmd[1]);
                for (long left = bytes; left > 0; left -= Integer.MAX_VALUE / 2) {
                    // allocateDirect zeroes what it allocates, so every page is touched
                    kept.add(ByteBuffer.allocateDirect((int) Math.min(left, Integer.MAX_VALUE / 2)));
                }
                System.out.println("GROWN " + bytes);
            } else if (cmd[0].equals("EXIT")) {
                return;
            }
        }
    }
}
