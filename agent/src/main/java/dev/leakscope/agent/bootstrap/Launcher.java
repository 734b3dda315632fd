package dev.leakscope.agent.bootstrap;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The jar's Main-Class ({@code java -jar leakscope-agent.jar ...}). Compiled for Java 8 so that an
 * old JVM prints one line instead of an UnsupportedClassVersionError. It checks the Java version,
 * then runs the CLI from the isolated class loader, where all our dependencies live.
 */
public final class Launcher {

    /** The oldest Java feature release leakscope runs on. */
    public static final int MINIMUM_JAVA = 17;

    private static final String CLI_CLASS = "dev.leakscope.agent.cli.Cli";

    private Launcher() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (Throwable t) {
            System.err.println("leakscope: " + describe(t));
            code = 1;
        }
        System.exit(code);
    }

    private static int run(String[] args) throws Exception {
        int feature = javaFeature(System.getProperty("java.specification.version", "0"));
        if (feature < MINIMUM_JAVA) {
            System.err.println("leakscope: needs Java " + MINIMUM_JAVA + " or later; this is Java "
                    + System.getProperty("java.version") + " at " + System.getProperty("java.home"));
            return 1;
        }
        ClassLoader loader = AgentJar.isolatedLoader();
        Thread.currentThread().setContextClassLoader(loader);
        Method cli = loader.loadClass(CLI_CLASS).getMethod("run", String[].class);
        try {
            return (Integer) cli.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    /** "1.8" is 8, "17" is 17. */
    public static int javaFeature(String specificationVersion) {
        String v = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int dot = v.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String describe(Throwable t) {
        return t.getMessage() == null ? t.toString() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
