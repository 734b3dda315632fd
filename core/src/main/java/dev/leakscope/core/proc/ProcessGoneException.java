package dev.leakscope.core.proc;

import java.io.IOException;

/** The process being read has exited (or its pid now names another process). */
public final class ProcessGoneException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int pid;

    public ProcessGoneException(int pid, String why) {
        super("process " + pid + " " + why);
        this.pid = pid;
    }

    public int pid() {
        return pid;
    }
}
