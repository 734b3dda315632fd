package dev.leakscope.core.gate;

import java.util.List;

/** The rules a gate applies when the command line gives none, and the {@code NAME=VALUE} syntax of those it gives. */
public final class Rules {

    /** With no rules: any leak verdict, any site leak, any failed cleanup check fails. */
    public static final List<GateRule> DEFAULTS = List.of(new NoLeaks(), new NoSiteLeaks(), new CleanupsOk());

    private Rules() {
    }

    static String[] split(String spec, String option, String expected) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException(option + " " + spec + " (expected: " + expected + ")");
        }
        return new String[] {spec.substring(0, eq).trim(), spec.substring(eq + 1).trim()};
    }
}
