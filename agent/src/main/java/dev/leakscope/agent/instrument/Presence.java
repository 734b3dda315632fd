package dev.leakscope.agent.instrument;

/** Whether a module's library is there when the agent starts, as the {@code start} event says it. */
final class Presence {

    static final String ON = "on";

    private Presence() {
    }

    /**
     * "on" when its first class is on the system class path or in the JDK; otherwise why not. A
     * library that a later class loader brings (a web app, a plug-in) is still instrumented when
     * it loads, and a notice says so then.
     */
    static String of(InstrumentationModule module) {
        String first = module.classes().get(0);
        String resource = first.replace('.', '/') + ".class";
        if (ClassLoader.getSystemResource(resource) != null || ClassLoader.getPlatformClassLoader().getResource(resource) != null) {
            return ON;
        }
        return "absent: " + first + " is not on the class path; tracked if it loads later";
    }
}
