package dev.lanes.core.run;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/** How long the JIT has compiled so far: unchanged across iterations means it is done, for now. */
final class JitActivity {
    private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();

    private JitActivity() {
    }

    /** Accumulated compilation time in ms, or 0 where the JVM does not report it (then it never holds a warm-up back). */
    static long totalMillis() {
        return COMPILER != null && COMPILER.isCompilationTimeMonitoringSupported() ? COMPILER.getTotalCompilationTime() : 0;
    }
}
