package dev.leakscope.bench;

/** The host JVM of {@link AgentOverhead}: says when its main began, then sleeps for its argument (ms). */
public final class IdleHost {

    static final String MAIN = "main ";

    private IdleHost() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println(MAIN + System.currentTimeMillis());
        System.out.flush();
        Thread.sleep(Long.parseLong(args[0]));
    }
}
