package dev.lanes.gpu;

import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.util.List;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * Runs device tests in this JVM — the classes (or Class#method) named, by default GpuKernelsTest and
 * GpuRunTest — and exits 0 only if every one ran and passed: what EmulatedDriverTest
 * starts in a JVM that loads the emulated driver.
 */
public final class DeviceTestMain {
    private DeviceTestMain() {
    }

    public static void main(String[] args) {
        List<String> classes = args.length > 0 ? List.of(args) : List.of(GpuKernelsTest.class.getName(), GpuRunTest.class.getName());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
            .selectors(classes.stream().map(c -> c.contains("#") ? selectMethod(c) : selectClass(c)).toList()).build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        summary.printFailuresTo(out, 30);
        out.printf("device tests: %d found, %d succeeded, %d failed, %d skipped, %d aborted%n", summary.getTestsFoundCount(),
            summary.getTestsSucceededCount(), summary.getTotalFailureCount(), summary.getTestsSkippedCount(),
            summary.getTestsAbortedCount());
        boolean allPassed = summary.getTestsFoundCount() > 0 && summary.getTestsSucceededCount() == summary.getTestsFoundCount();
        System.exit(allPassed ? 0 : 1);
    }
}
