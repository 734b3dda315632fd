package dev.leakscope.core.jvm;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/** Runs a diagnostic command ({@code jcmd}'s) in this JVM through the DiagnosticCommand MBean. */
public final class DiagnosticCommands {

    private static final String[] SIGNATURE = {String[].class.getName()};

    private DiagnosticCommands() {
    }

    /**
     * The text {@code operation} prints, e.g. {@code vmNativeMemory} for {@code VM.native_memory}.
     *
     * @throws JMException when the MBean or the command is missing, or the command fails
     */
    public static String run(String operation, String... args) throws JMException {
        ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(name, operation, new Object[] {args}, SIGNATURE);
    }
}
