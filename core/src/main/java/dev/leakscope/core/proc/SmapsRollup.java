package dev.leakscope.core.proc;

import java.util.Map;

/**
 * {@code /proc/<pid>/smaps_rollup} (Linux 4.14+), in bytes. Reading it walks the page tables under
 * the target's mmap lock, about 3 ms per GiB of 4 KiB pages, so it is read rarely.
 * {@code Pss_Anon} exists since Linux 5.8; before that it is {@link ProcStatus#ABSENT}.
 */
public record SmapsRollup(long rss, long pss, long pssAnon, long privateClean, long privateDirty,
                          long anonHugePages, long swap) {

    public static SmapsRollup parse(String text) {
        Map<String, Long> v = KeyValues.parse(text);
        return new SmapsRollup(get(v, "Rss"), get(v, "Pss"), get(v, "Pss_Anon"), get(v, "Private_Clean"),
                get(v, "Private_Dirty"), get(v, "AnonHugePages"), get(v, "Swap"));
    }

    /** Unique set size: the pages only this process maps, what it would free by exiting. */
    public long uss() {
        return privateClean + privateDirty;
    }

    private static long get(Map<String, Long> values, String key) {
        Long value = values.get(key);
        return value == null ? ProcStatus.ABSENT : value;
    }
}
