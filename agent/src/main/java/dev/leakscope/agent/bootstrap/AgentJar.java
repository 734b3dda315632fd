package dev.leakscope.agent.bootstrap;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.CodeSource;

/** Finds the agent jar this class was loaded from and builds the isolated loader over it. */
final class AgentJar {

    private static volatile IsolatedClassLoader loader;

    private AgentJar() {
    }

    /** The one isolated loader of this JVM, created on first use. */
    static ClassLoader isolatedLoader() throws IOException {
        IsolatedClassLoader l = loader;
        if (l == null) {
            synchronized (AgentJar.class) {
                l = loader;
                if (l == null) {
                    l = new IsolatedClassLoader(file(), AgentJar.class.getClassLoader());
                    loader = l;
                }
            }
        }
        return l;
    }

    /** The jar file, or an IOException naming where the classes were found instead. */
    static File file() throws IOException {
        CodeSource source = AgentJar.class.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null) {
            throw new IOException("cannot tell which jar leakscope was loaded from");
        }
        File file;
        try {
            file = new File(location.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("leakscope was loaded from " + location + " (expected: a jar file)");
        }
        if (!file.isFile()) {
            throw new IOException("leakscope was loaded from " + file + " (expected: leakscope-agent.jar)");
        }
        return file;
    }
}
