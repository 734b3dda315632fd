package dev.leakscope.core.proc;

import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * {@code /proc/<pid>/smaps_rollup} (Linux 4.14+), in bytes. Reading it walks the page tables under
 * the target's mmap lock, about 3 ms per GiB of 4 KiB pages, so it is read rarely.
 * {@code Pss_Anon} exists since Linux 5.8; before that it is {@link ProcStatus#ABSENT}.
 */
public record SmapsRollup(long rss, long pss, long pssAnon, long privateClean, long privateDirty,
                          long anonHugePages, long swap) {

    public static SmapsRollup parse(String text) {
        Map<String, Long> v = KeyValues.parse(text);
        ToLongFunction<String> field = key -> KeyValues.valueOrAbsent(v, key);
        return new SmapsRollup(field.applyAsLong("Rss"), field.applyAsLong("Pss"), field.applyAsLong("Pss_Anon"),
                field.applyAsLong("Private_Clean"), field.applyAsLong("Private_Dirty"),
                field.applyAsLong("AnonHugePages"), field.applyAsLong("Swap"));
    }

    /** Unique set size: the pages only this process maps, what it would free by exiting. */
    public long uss() {
        return privateClean + privateDirty;
    }
}
