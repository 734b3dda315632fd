package dev.leakscope.core.source;

import dev.leakscope.core.proc.ProcFs;
import java.io.IOException;

/**
 * A process's full command line, as {@code ps -f} and {@code pgrep -f} show it. On Linux it comes
 * from {@code /proc/<pid>/cmdline}, which is readable for every user's processes; elsewhere from
 * {@link ProcessHandle.Info}, which may be empty for other users' processes.
 */
public final class CommandLines {

    private CommandLines() {
    }

    /** The command line, or {@code ""} when it cannot be read (kernel thread, zombie, no permission). */
    public static String of(long pid) {
        if (Platform.current() == Platform.LINUX) {
            try {
                return ProcFs.SYSTEM.commandLine((int) pid);
            } catch (IOException e) {
                return "";
            }
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("");
    }
}
