package dev.leakscope.agent.cli;

import dev.leakscope.agent.bootstrap.Launcher;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/** The agent jar this CLI runs from: what {@code attach} loads into the target. */
final class AgentJarLocation {

    private AgentJarLocation() {
    }

    static Path get() {
        CodeSource source = Launcher.class.getProtectionDomain().getCodeSource();
        try {
            Path jar = source == null ? null : Path.of(source.getLocation().toURI());
            if (jar != null && Files.isRegularFile(jar)) {
                return jar;
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalStateException("leakscope is not running from its jar (expected: java -jar leakscope-agent.jar, "
                + "or scripts/leakscope)");
    }
}
