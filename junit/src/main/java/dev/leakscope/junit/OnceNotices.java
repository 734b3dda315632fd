package dev.leakscope.junit;

import java.util.HashSet;
import java.util.Set;

/**
 * Lines for the person running the tests, each said once per JVM on stderr: a suite of a hundred
 * leak tests without the agent should say so once, not a hundred times.
 */
final class OnceNotices {

    private static final Set<String> SAID = new HashSet<>();

    private OnceNotices() {
    }

    static synchronized void say(String line) {
        if (SAID.add(line)) {
            System.err.println("leakscope: " + line);
        }
    }
}
