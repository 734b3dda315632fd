package dev.leakscope.agent.it.workload;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A training-style loop with no leakscope code in it: the tests mark {@link #trainStep} as an
 * iteration and {@link #epochEnd} as a phase through the agent's options alone. A leaky trainer
 * keeps each step's direct buffer (a history that is never trimmed); a clean one reuses a few.
 */
public final class Trainer {

    private static final int REUSED = 4;

    private final boolean leak;
    private final int stepBytes;
    private final List<ByteBuffer> history = new ArrayList<>();
    private final ByteBuffer[] reused;
    private double loss;

    Trainer(boolean leak, int stepBytes) {
        this.leak = leak;
        this.stepBytes = stepBytes;
        this.reused = new ByteBuffer[REUSED];
        for (int i = 0; i < REUSED; i++) {
            reused[i] = ByteBuffer.allocateDirect(stepBytes);
        }
    }

    /**
     * Runs {@code epochs} epochs of {@code stepsPerEpoch} steps, one step every {@code stepMillis},
     * then prints {@code train done steps=N}.
     */
    static void run(boolean leak, int stepBytes, int epochs, int stepsPerEpoch, long stepMillis) throws InterruptedException {
        Trainer trainer = new Trainer(leak, stepBytes);
        int step = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = 0; i < stepsPerEpoch; i++) {
                trainer.trainStep(step++);
                Thread.sleep(stepMillis);
            }
            trainer.epochEnd(epoch);
        }
        System.out.println("train done steps=" + step + " loss=" + trainer.loss);
    }

    void trainStep(int step) {
        ByteBuffer activations = leak ? ByteBuffer.allocateDirect(stepBytes) : reused[step % REUSED];
        activations.clear();
        for (int i = 0; i < stepBytes; i += 4096) {
            activations.put(i, (byte) step);
        }
        loss += activations.get(0);
        if (leak) {
            history.add(activations);
        }
    }

    void epochEnd(int epoch) {
        loss /= epoch + 1;
    }
}
