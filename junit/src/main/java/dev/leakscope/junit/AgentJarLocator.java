package dev.leakscope.junit;

import java.io.File;
import java.net.URISyntaxException;
import java.security.CodeSource;

/** Finds leakscope-agent.jar: the system property {@value #PROP_AGENT_JAR}, else the jar the agent's entry class was loaded from. */
final class AgentJarLocator {

    static final String PROP_AGENT_JAR = "leakscope.agent.jar";
    private static final String ENTRY = "dev.leakscope.agent.bootstrap.AgentEntry";

    private AgentJarLocator() {
    }

    static File find() throws Unavailable {
        String property = System.getProperty(PROP_AGENT_JAR);
        if (property != null && !property.isBlank()) {
            File jar = new File(property);
            if (!jar.isFile()) {
                throw new Unavailable("-D" + PROP_AGENT_JAR + "=" + property + " (expected: the path of leakscope-agent.jar)");
            }
            return jar;
        }
        File onClassPath = fromClassPath();
        if (onClassPath == null) {
            throw new Unavailable("leakscope-agent.jar not found (expected: -D" + PROP_AGENT_JAR
                    + "=<path of leakscope-agent.jar>, or the jar on the test class path)");
        }
        return onClassPath;
    }

    private static File fromClassPath() {
        try {
            Class<?> entry = Class.forName(ENTRY, false, AgentJarLocator.class.getClassLoader());
            CodeSource source = entry.getProtectionDomain().getCodeSource();
            File file = source == null ? null : new File(source.getLocation().toURI());
            return file != null && file.isFile() ? file : null; // a classes directory cannot be attached
        } catch (ClassNotFoundException | URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }
}
