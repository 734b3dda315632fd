package dev.leakscope.core.source;

import dev.leakscope.core.proc.ProcessGoneException;
import dev.leakscope.core.sample.Notice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The processes being observed: one process, or a process and all its descendants. The tree is
 * rescanned every {@code refresh}, and processes that join or leave are announced as notices
 * (torch.compile and DataLoader workers come and go). The root is identified by pid and start
 * time, so a reused pid is never mistaken for it.
 */
public final class ProcessSet {

    /** How often a process tree is rescanned by default. */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(5);

    private final int root;
    private final Optional<Instant> rootStart;
    private final boolean withDescendants;
    private final long refreshNanos;
    private final LongSupplier nanoTime = System::nanoTime;
    private Consumer<Notice> notices = n -> { };
    private Set<Integer> members = new LinkedHashSet<>();
    private long nextRefresh = Long.MIN_VALUE;

    private ProcessSet(ProcessHandle root, boolean withDescendants, Duration refresh) {
        this.root = (int) root.pid();
        this.rootStart = root.info().startInstant();
        this.withDescendants = withDescendants;
        this.refreshNanos = refresh.toNanos();
        this.members.add(this.root);
    }

    /** Observes {@code pid} alone. */
    public static ProcessSet single(int pid) throws ProcessGoneException {
        return new ProcessSet(handle(pid), false, DEFAULT_REFRESH);
    }

    /** Observes {@code pid} and every process below it, rescanning every {@code refresh}. */
    public static ProcessSet tree(int pid, Duration refresh) throws ProcessGoneException {
        return new ProcessSet(handle(pid), true, refresh);
    }

    /** Where join/leave notices go. */
    public void onChange(Consumer<Notice> notices) {
        this.notices = notices;
    }

    public int root() {
        return root;
    }

    public boolean isTree() {
        return withDescendants;
    }

    /** The pids observed now, root first; rescans the tree when due. */
    public List<Integer> pids() throws ProcessGoneException {
        if (withDescendants && nanoTime.getAsLong() >= nextRefresh) {
            refresh();
        }
        return new ArrayList<>(members);
    }

    private void refresh() throws ProcessGoneException {
        nextRefresh = nanoTime.getAsLong() + refreshNanos;
        ProcessHandle handle = alive();
        Set<Integer> next = new LinkedHashSet<>();
        next.add(root);
        handle.descendants().forEach(p -> next.add((int) p.pid()));
        for (int pid : next) {
            if (!members.contains(pid)) {
                notices.accept(Notice.info("process " + pid + " joined the tree of " + root + ": "
                        + CommandLines.of(pid)));
            }
        }
        for (int pid : members) {
            if (!next.contains(pid)) {
                notices.accept(Notice.info("process " + pid + " left the tree of " + root));
            }
        }
        members = next;
    }

    private ProcessHandle alive() throws ProcessGoneException {
        ProcessHandle h = ProcessHandle.of(root).orElseThrow(() -> new ProcessGoneException(root, "has exited"));
        if (rootStart.isPresent() && !rootStart.equals(h.info().startInstant())) {
            throw new ProcessGoneException(root, "has exited (its pid now belongs to another process)");
        }
        return h;
    }

    private static ProcessHandle handle(int pid) throws ProcessGoneException {
        return ProcessHandle.of(pid).orElseThrow(() -> new ProcessGoneException(pid, "does not exist"));
    }
}
