package dev.leakscope.junit;

/** Reads one signal's current value in bytes; called on the test's thread, after the memory was settled. */
interface Probe {

    long read() throws Exception;
}
