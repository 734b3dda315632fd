package dev.leakscope.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version, from the properties file Maven writes into the jar. */
public final class Version implements CommandLine.IVersionProvider {

    /** e.g. "0.1.0"; "unknown" when run outside a build. */
    public static String number() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/leakscope-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // reported as unknown
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"leakscope " + number(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ") on "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }
}
