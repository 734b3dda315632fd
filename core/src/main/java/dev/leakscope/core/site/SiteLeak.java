package dev.leakscope.core.site;

/**
 * Sampled objects of one site that were collected without {@code close()}: proof of a leak.
 *
 * @param count the objects found since the last report (sampled ones: a lower bound unless every
 *              allocation is sampled)
 * @param bytes their bytes
 */
public record SiteLeak(Site.Snapshot site, long count, long bytes) {
}
