package dev.leakscope.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Stack frames of the test workloads, with line numbers read from their sources (under the calling
 * module's src/test/java), so that editing one cannot leave a test behind.
 */
public final class SourceLines {

    private SourceLines() {
    }

    /** The frame of the first line in {@code method} of {@code type} (from its declaration on) that contains {@code call}. */
    public static String frame(Class<?> type, String method, String call) throws IOException {
        Path source = Path.of("src/test/java", type.getName().replace('.', '/') + ".java");
        List<String> lines = Files.readAllLines(source);
        boolean inMethod = false;
        for (int i = 0; i < lines.size(); i++) {
            inMethod = inMethod || declares(lines.get(i), method);
            if (inMethod && lines.get(i).contains(call)) {
                return type.getName() + "." + method + "(" + type.getSimpleName() + ".java:" + (i + 1) + ")";
            }
        }
        throw new AssertionError("no " + call + " in " + method + " of " + source);
    }

    private static boolean declares(String line, String method) {
        return line.contains(" " + method + "(") && line.matches("\\s*(public |private |protected |static )+.*");
    }
}
