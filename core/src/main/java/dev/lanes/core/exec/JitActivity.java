package dev.lanes.core.exec;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Whether the JIT is still at work: how long it has compiled so far, and whether anything is
 * being compiled or waits in a compile queue (HotSpot's {@code Compiler.queue} diagnostic
 * command, the text {@code jcmd PID Compiler.queue} prints). On a machine with as many busy
 * kernel threads as cores, a large compilation can run for a second without finishing, so
 * the total alone looks quiet while the kernel still runs half-compiled code.
 */
public final class JitActivity {
    private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();
    private static final String[] SIGNATURE = {String[].class.getName()};

    private JitActivity() {
    }

    /** Accumulated compilation time in ms, or 0 where the JVM does not report it (then it never holds a warm-up back). */
    public static long totalMillis() {
        return COMPILER != null && COMPILER.isCompilationTimeMonitoringSupported() ? COMPILER.getTotalCompilationTime() : 0;
    }

    /** True while a method is being compiled or queued; false where the JVM cannot say. */
    public static boolean compiling() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
            String queue = (String) server.invoke(name, "compilerQueue", new Object[] {null}, SIGNATURE);
            return busy(queue);
        } catch (JMException | RuntimeException e) {
            return false;
        }
    }

    /** Parses the diagnostic command's text: any current compile, or a queue that is not "Empty". */
    static boolean busy(String queue) {
        String section = "";
        for (String line : queue.split("\\R")) {
            String text = line.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.startsWith("Current compiles:") || text.endsWith("compile queue:")) {
                section = text;
            } else if (!text.equals("Empty") && !section.isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
