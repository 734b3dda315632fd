package dev.leakscope.core.site;

import java.util.List;

/**
 * One allocation site of one kind: what it allocated and freed, what is live, and how many of its
 * objects became unreachable unclosed. Figures from sampled allocations are weighted back up, so
 * they are estimates unless every allocation is sampled. Thread-safe.
 */
public final class Site {

    /** The id of the one site that counts whatever the capped table has no room for. */
    public static final String OTHER_ID = "site:other";

    /** A consistent copy of a site's figures. */
    public record Snapshot(String id, String site, String kind, List<String> stack, long liveCount, long liveBytes,
                           long allocatedCount, long allocatedBytes, long freedCount, long freedBytes,
                           long unclosedGcCount) {
    }

    private final String id;
    private final String frame;
    private final String kind;
    private final List<String> stack;
    private double liveCount;
    private double liveBytes;
    private double allocatedCount;
    private double allocatedBytes;
    private double freedCount;
    private double freedBytes;
    private long unclosedGcCount;

    Site(String id, String frame, String kind, List<String> stack) {
        this.id = id;
        this.frame = frame;
        this.kind = kind;
        this.stack = List.copyOf(stack);
    }

    /** {@code site:<kind>:<Class.method(File.java:line)>}: the same in every run of the same code. */
    static String id(SiteKind kind, String frame) {
        return "site:" + kind.json() + ":" + frame;
    }

    static Site other() {
        return new Site(OTHER_ID, "(other sites: the site table is full)", "other", List.of());
    }

    public String id() {
        return id;
    }

    synchronized void allocated(double weight, long bytes) {
        allocatedCount += weight;
        allocatedBytes += weight * bytes;
        liveCount += weight;
        liveBytes += weight * bytes;
    }

    synchronized void freed(double weight, long bytes) {
        freedCount += weight;
        freedBytes += weight * bytes;
        liveCount = Math.max(0, liveCount - weight);
        liveBytes = Math.max(0, liveBytes - weight * bytes);
    }

    /** A sampled object became unreachable unclosed; its memory stays live, lost to the program. */
    synchronized void unclosed() {
        unclosedGcCount++;
    }

    synchronized long liveBytes() {
        return Math.round(liveBytes);
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(id, frame, kind, stack, Math.round(liveCount), Math.round(liveBytes),
                Math.round(allocatedCount), Math.round(allocatedBytes), Math.round(freedCount), Math.round(freedBytes),
                unclosedGcCount);
    }
}
