package dev.leakscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakscope.agent.instrument.Bridge;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** The jar's top level holds only the launcher and bootstrap bridge, inst/ and META-INF (DESIGN.md, class loaders). */
class JarLayoutIT {

    private static final List<String> ALLOWED_PREFIXES = List.of("dev/", "dev/leakscope/", "dev/leakscope/agent/",
            "dev/leakscope/agent/bootstrap/", "inst/", "META-INF/");
    private static final List<String> ALLOWED_META_INF = List.of("META-INF/", "META-INF/MANIFEST.MF", "META-INF/LICENSE");

    @Test
    void everyEntryIsUnderAnExpectedPrefix() throws IOException {
        List<String> strays = new ArrayList<>();
        try (JarFile jar = new JarFile(AgentJar.path().toFile())) {
            jar.stream().map(ZipEntry::getName).forEach(name -> {
                boolean dirOnPath = name.endsWith("/") && ALLOWED_PREFIXES.contains(name);
                boolean bootstrap = name.startsWith("dev/leakscope/agent/bootstrap/");
                boolean inst = name.startsWith("inst/");
                boolean meta = ALLOWED_META_INF.contains(name);
                if (!(dirOnPath || bootstrap || inst || meta)) {
                    strays.add(name);
                }
            });
        }
        assertThat(strays).as("entries outside dev/leakscope/agent/bootstrap/, inst/ and META-INF/").isEmpty();
    }

    @Test
    void noClassUnderInstCanBeFoundByAnApplicationLoader() throws IOException {
        try (JarFile jar = new JarFile(AgentJar.path().toFile())) {
            assertThat(jar.stream().map(ZipEntry::getName).filter(n -> n.startsWith("inst/") && n.endsWith(".class")))
                    .as("classes under inst/ are stored as .classdata").isEmpty();
            assertThat(jar.getEntry("inst/com/sun/jna/Native.classdata")).as("JNA, unrelocated, isolated").isNotNull();
            assertThat(jar.getEntry("inst/dev/leakscope/shaded/com/fasterxml/jackson/databind/ObjectMapper.classdata")).isNotNull();
            assertThat(jar.getEntry("inst/dev/leakscope/shaded/picocli/CommandLine.classdata")).isNotNull();
        }
    }

    @Test
    void theLauncherAndBridgeTargetJava8() throws IOException {
        try (JarFile jar = new JarFile(AgentJar.path().toFile())) {
            List<String> bootstrap = jar.stream().map(ZipEntry::getName)
                    .filter(n -> n.startsWith("dev/leakscope/agent/bootstrap/") && n.endsWith(".class")).toList();
            assertThat(bootstrap).contains("dev/leakscope/agent/bootstrap/Launcher.class");
            for (String name : bootstrap) {
                assertThat(majorVersion(jar, name)).as(name + " class file version").isEqualTo(52);
            }
            Manifest manifest = jar.getManifest();
            assertThat(manifest.getMainAttributes().getValue("Main-Class")).isEqualTo("dev.leakscope.agent.bootstrap.Launcher");
            assertThat(manifest.getMainAttributes().getValue("Can-Retransform-Classes")).isEqualTo("true");
        }
    }

    @Test
    void theBridgeDefinedInTheBootstrapLoaderIsAllOfRecorderAndMarks() throws IOException {
        try (JarFile jar = new JarFile(AgentJar.path().toFile())) {
            List<String> recorder = jar.stream().map(ZipEntry::getName)
                    .filter(n -> n.startsWith("dev/leakscope/agent/bootstrap/Recorder")
                            || n.startsWith("dev/leakscope/agent/bootstrap/Marks")).toList();
            assertThat(recorder).containsExactlyInAnyOrderElementsOf(Bridge.CLASSES.stream()
                    .map(c -> c.replace('.', '/') + ".class").toList());
        }
    }

    private static int majorVersion(JarFile jar, String name) throws IOException {
        try (InputStream in = jar.getInputStream(jar.getEntry(name)); DataInputStream data = new DataInputStream(in)) {
            data.readInt(); // magic
            data.readUnsignedShort(); // minor
            return data.readUnsignedShort();
        }
    }
}
