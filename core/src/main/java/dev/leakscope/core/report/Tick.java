package dev.leakscope.core.report;

/** A labelled mark on an axis. */
record Tick(double value, String label) {
}
