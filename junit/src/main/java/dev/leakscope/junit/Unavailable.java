package dev.leakscope.junit;

/** Why a signal cannot be measured in this JVM; the test goes on without it and says so. */
final class Unavailable extends Exception {

    private static final long serialVersionUID = 1L;

    Unavailable(String reason) {
        super(reason);
    }
}
