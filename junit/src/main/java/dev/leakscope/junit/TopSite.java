package dev.leakscope.junit;

import java.util.List;

/** An allocation site from the agent's summary: its id, what is live there, and the first frames of its stack. */
record TopSite(String id, long liveBytes, long liveCount, List<String> frames) {
}
