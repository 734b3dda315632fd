package dev.leakscope.core.site;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The allocation sites of one run, and the sampled objects still live. Sampled allocations come in
 * weighted by their sampling probability, so that the sites' figures estimate all allocations.
 * Objects that must be closed are tracked through weak references, in the manner of Netty's
 * ResourceLeakDetector: one that is collected before it was closed is proof of a leak, reported
 * by {@link #drainLeaks()}. Address-keyed memory (direct buffers, Unsafe) is matched by address.
 * <p>
 * {@link #sampled}, {@link #freed}, {@link #nested} and {@link #sized} may be called from any
 * thread and never throw; {@link #drainLeaks()} and {@link #detectedValues()} from the sampling
 * thread only.
 */
public final class SiteTable {

    /** A sampled allocation still live: its site, its size and how many allocations it stands for. */
    private record Tracked(Site site, SiteKind kind, long bytes, double weight) {
    }

    /** A sampled object that must be closed, weakly held: enqueued when collected. */
    private static final class TrackedRef extends WeakReference<Object> {
        final Tracked tracked;
        final int hash;

        TrackedRef(Object referent, ReferenceQueue<Object> queue, Tracked tracked) {
            super(referent, queue);
            this.tracked = tracked;
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }
    }

    /** Finds the {@link TrackedRef} of an object by identity, without holding it. */
    private record Lookup(Object object) {
        @Override
        public int hashCode() {
            return System.identityHashCode(object);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TrackedRef r && r.get() == object;
        }
    }

    /**
     * A site frame of one kind, the key of {@link #byFrame}. Two classes of the same name in two
     * loaders share one: their first sample there names the site of both.
     */
    private record FrameOfKind(SiteKind kind, StackCapture.Frame frame) {
    }

    /** Most site signals fed to the detector: each costs a detector's memory. */
    public static final int MAX_DETECTED_SITES = 32;
    /** Live {@code Unsafe} blocks whose sizes are kept (about 8 MiB): more would be unbounded. */
    public static final int MAX_SIZED = 1 << 17;
    /** Collected objects examined per drain, so that one tick never runs long. */
    private static final int MAX_DRAINED = 100_000;

    private final int maxSites;
    private final long sampleBytes;
    private final Map<String, Site> sites = new ConcurrentHashMap<>();
    private final Site other = Site.other();
    /**
     * Sites by their unformatted frame; several frames (bytecode indexes) may share a line. Sites
     * are never dropped, so an entry stays right; bounded at {@link #maxFrames}, past which a
     * new frame's samples capture their whole stack each time.
     */
    private final Map<FrameOfKind, Site> byFrame = new ConcurrentHashMap<>();
    private final int maxFrames;
    private final Map<Long, Tracked> byAddress = new ConcurrentHashMap<>();
    private final Map<Object, TrackedRef> byObject = new ConcurrentHashMap<>();
    /**
     * Objects in {@link #byObject} per kind: a release of a kind with none tracked returns without
     * looking up its object, whose identity hash (a call into the VM the first time) would be most
     * of the cost of closing a tensor.
     */
    private final AtomicIntegerArray trackedObjects = new AtomicIntegerArray(SiteKind.values().length);
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private final Set<Long> nestedAddresses = ConcurrentHashMap.newKeySet();
    private final Map<Long, Long> sizes = new ConcurrentHashMap<>();
    private final Set<String> detected = new LinkedHashSet<>();

    /**
     * @param maxSites    sites kept apart; the rest are counted under {@link Site#OTHER_ID}
     * @param sampleBytes about one allocation is sampled per this many bytes; 1 samples all
     */
    public SiteTable(int maxSites, long sampleBytes) {
        if (maxSites < 1) {
            throw new IllegalArgumentException("max sites: " + maxSites + " (expected: >= 1)");
        }
        this.maxSites = maxSites;
        this.maxFrames = 4 * maxSites;
        this.sampleBytes = Math.max(1, sampleBytes);
    }

    /**
     * How many objects of each kind (by {@link SiteKind#id()}) the table tracks now: kept by the
     * table, read by callers that skip {@link #freed} for a kind with none (the agent's bridge).
     */
    public AtomicIntegerArray trackedObjects() {
        return trackedObjects;
    }

    /** Whether figures are scaled up from samples rather than counted from every allocation. */
    public boolean estimated() {
        return sampleBytes > 1;
    }

    /**
     * A sampled allocation of {@code bytes}, made here (the stack is walked now).
     *
     * @param weight how many allocations it stands for: the inverse of its sampling probability
     */
    public void sampled(SiteKind kind, Object object, long key, long bytes, double weight) {
        Tracked t = new Tracked(siteHere(kind), kind, bytes, weight);
        t.site().allocated(t.weight(), bytes);
        if (kind.addressKeyed()) {
            byAddress.put(key, t);
        } else if (object != null) {
            TrackedRef ref = new TrackedRef(object, collected, t);
            trackedObjects.incrementAndGet(kind.id());
            byObject.put(ref, ref);
        }
    }

    /**
     * A release. Returns the bytes freed, or -1 for memory that was left to an outer kind or whose
     * size is unknown (allocated before the agent started), which the totals must not count.
     */
    public long freed(SiteKind kind, Object object, long key, long bytes) {
        if (kind.addressKeyed()) {
            long size = bytes >= 0 ? bytes : knownSize(key);
            return releaseAddress(key) == AddressRelease.NESTED ? -1 : size;
        }
        TrackedRef ref = object == null || trackedObjects.get(kind.id()) == 0 ? null : byObject.remove(new Lookup(object));
        if (ref != null) {
            trackedObjects.decrementAndGet(kind.id());
            ref.clear(); // closed: never enqueued as a leak
            ref.tracked.site().freed(ref.tracked.weight(), ref.tracked.bytes());
        }
        return bytes;
    }

    /** What the table held of an address it was told the release of. */
    public enum AddressRelease {
        /** nothing: neither sampled nor nested */
        NONE,
        /** a sampled allocation, now freed at its site */
        SAMPLED,
        /** an allocation left to its outer kind, whose release is not counted either */
        NESTED
    }

    /** The release of an address-keyed allocation: lets go of it, and says what it was. */
    public AddressRelease releaseAddress(long key) {
        if (!nestedAddresses.isEmpty() && nestedAddresses.remove(key)) {
            return AddressRelease.NESTED;
        }
        Tracked t = byAddress.isEmpty() ? null : byAddress.remove(key);
        if (t == null) {
            return AddressRelease.NONE;
        }
        t.site().freed(t.weight(), t.bytes());
        return AddressRelease.SAMPLED;
    }

    /** An allocation left to its outer kind: its release must not be counted either. */
    public void nested(long key) {
        nestedAddresses.add(key);
    }

    /**
     * The size of an allocation whose release will name only its address. At most
     * {@link #MAX_SIZED} are kept; the release of one not kept is not counted.
     */
    public void sized(long key, long bytes) {
        if (sizes.size() < MAX_SIZED) {
            sizes.put(key, bytes);
        }
    }

    /**
     * Sampled objects collected unclosed since the last call, grouped by site. Their memory stays
     * counted as live: nothing will ever free it.
     */
    public List<SiteLeak> drainLeaks() {
        Map<Site, long[]> bySite = new LinkedHashMap<>();
        for (int i = 0; i < MAX_DRAINED; i++) {
            TrackedRef ref = (TrackedRef) collected.poll();
            if (ref == null) {
                break;
            }
            if (byObject.remove(ref) == null) {
                continue; // released before it was collected
            }
            trackedObjects.decrementAndGet(ref.tracked.kind().id());
            if (!ref.tracked.kind().closeable()) { // its memory went with it
                ref.tracked.site().freed(ref.tracked.weight(), ref.tracked.bytes());
            } else {
                ref.tracked.site().unclosed();
                long[] countBytes = bySite.computeIfAbsent(ref.tracked.site(), s -> new long[2]);
                countBytes[0]++;
                countBytes[1] += ref.tracked.bytes();
            }
        }
        List<SiteLeak> leaks = new ArrayList<>(bySite.size());
        bySite.forEach((site, cb) -> leaks.add(new SiteLeak(site.snapshot(), cb[0], cb[1])));
        return leaks;
    }

    /**
     * Live bytes of the sites fed to the detector as signals {@code site:<id>}: the largest ones,
     * up to {@link #MAX_DETECTED_SITES}, and once chosen always, so that their histories are whole.
     */
    public Map<String, Long> detectedValues() {
        if (detected.size() < MAX_DETECTED_SITES) {
            sites.values().stream().filter(s -> !detected.contains(s.id()) && s.liveBytes() > 0)
                    .sorted(Comparator.comparingLong(Site::liveBytes).reversed())
                    .limit(MAX_DETECTED_SITES - detected.size()).forEach(s -> detected.add(s.id()));
        }
        Map<String, Long> values = new LinkedHashMap<>();
        for (String id : detected) {
            Site s = id.equals(Site.OTHER_ID) ? other : sites.get(id);
            values.put(id, s.liveBytes());
        }
        return values;
    }

    /** Every site's figures, the overflow site last when it counted anything. */
    public List<Site.Snapshot> snapshot() {
        List<Site.Snapshot> all = new ArrayList<>();
        sites.values().forEach(s -> all.add(s.snapshot()));
        Site.Snapshot o = other.snapshot();
        if (o.allocatedCount() > 0) {
            all.add(o);
        }
        return all;
    }

    /**
     * The site of the calling allocation, found by its unformatted frame when a sample there was
     * seen before: most samples then walk only to that frame and build no strings. Else the whole
     * stack is captured.
     */
    private Site siteHere(SiteKind kind) {
        StackCapture.Frame frame = StackCapture.siteFrame();
        FrameOfKind key = frame == null ? null : new FrameOfKind(kind, frame);
        Site site = key == null ? null : byFrame.get(key);
        if (site == null) {
            site = siteOf(kind, StackCapture.here());
            if (key != null && byFrame.size() < maxFrames) {
                byFrame.put(key, site);
            }
        }
        return site;
    }

    /** A captured stack's site: a new one while fewer than {@code maxSites} are kept, else {@link #other}. */
    private Site siteOf(SiteKind kind, StackCapture.Captured where) {
        String id = Site.id(kind, where.site());
        Site site = sites.get(id);
        if (site != null) {
            return site;
        }
        return sites.size() >= maxSites ? other : sites.computeIfAbsent(id, k -> new Site(k, where.site(), kind.json(), where.stack()));
    }

    private long knownSize(long key) {
        Long size = sizes.remove(key);
        return size == null ? -1 : size;
    }
}
