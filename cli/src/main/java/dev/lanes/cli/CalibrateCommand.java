package dev.lanes.cli;

import dev.lanes.core.ExecutionException;
import dev.lanes.core.UsageException;
import dev.lanes.core.machine.Fingerprint;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.machine.MachineProfile;
import dev.lanes.core.store.ProfileStore;
import dev.lanes.core.plan.Calibrator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lanes calibrate}: measure this machine's ceilings and keep them for planning. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = "Measure this machine (bandwidth, peak FLOP/s, dispatch cost) and store it for the planner.")
final class CalibrateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--quick", description = "The short calibration (about 1.5 s) 'run' makes when none is stored; not saved.")
    boolean quick;

    @Option(names = "--format", paramLabel = "table|json", defaultValue = "table", description = "Output format. Default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() {
        if (!format.equals("table") && !format.equals("json")) {
            throw new UsageException("--format: expected table or json, got '" + format + "'");
        }
        var accelerators = common.accelerators();
        MachineInfo machine = MachineInfo.detect(accelerators);
        PrintWriter err = spec.commandLine().getErr();
        ProfileStore store = ProfileSource.store(common.cacheDir, err);
        if (!quick) {
            store.checkWritable(Fingerprint.of(machine));    // before measuring: a bad folder costs no calibration
        }
        boolean terminal = System.console() != null;
        MachineProfile profile = new Calibrator(accelerators, step -> {
            if (terminal) {
                err.print("\rcalibrating: " + step + "          ");
                err.flush();
            }
        }).calibrate(machine, quick ? Calibrator.Effort.QUICK : Calibrator.Effort.FULL);
        if (terminal) {
            err.print("\r" + " ".repeat(40) + "\r");
        }
        if (!quick) {
            if (!store.save(profile)) {
                throw new ExecutionException("the calibration was measured but could not be kept (see the warning above)");
            }
            err.println("lanes: saved " + store.fileFor(profile.fingerprint()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.print(ProfileStore.toJson(profile));
        } else {
            out.printf(Locale.ROOT, "%s (%.1f s), fingerprint %s%n", profile.described(), profile.seconds(),
                profile.fingerprint());
            out.printf(Locale.ROOT, "peak         scalar f64 %.1f, simd f64 %.1f, simd f32 %.1f GFLOP/s per core%n",
                profile.scalarGflops(), profile.simdGflops(), profile.simdGflopsF32());
            out.printf(Locale.ROOT, "read, cache  scalar %.1f GB/s, simd %.1f GB/s (one thread)%n", profile.scalarCacheGbps(), profile.simdCacheGbps());
            out.printf(Locale.ROOT, "read, memory scalar %.1f GB/s, simd %.1f GB/s (one thread); %.1f GB/s with %d threads%n",
                profile.scalarMemoryGbps(), profile.simdMemoryGbps(), profile.memoryGbpsAll(), profile.cores());
            out.printf(Locale.ROOT, "triad        %.1f GB/s with %d threads (axpy, 24 bytes per element)%n",
                profile.triadGbpsAll(), profile.cores());
            profile.opsPerSecond().forEach((kind, rate) ->
                out.printf(Locale.ROOT, "ops          %s: %.3g per second per core%n", kind, rate));
            var gpu = profile.gpu();
            if (gpu == null) {
                out.println("gpu          none usable");
            } else {
                out.printf(Locale.ROOT, "gpu          device copy %.0f GB/s (read + write); pinned copies %.1f GB/s to the device, %.1f GB/s back%n",
                    gpu.deviceGbps(), gpu.hostToDeviceGbps(), gpu.deviceToHostGbps());
                out.printf(Locale.ROOT, "gpu          JVM arrays through pinned staging: %.1f GB/s to the device, %.1f GB/s back%n",
                    gpu.stagedToDeviceGbps(), gpu.stagedToHostGbps());
                out.printf(Locale.ROOT, "gpu          FMA %.0f GFLOP/s f32, %.0f GFLOP/s f64; a launch and its wait %.1f µs%n",
                    gpu.gflopsF32(), gpu.gflopsF64(), gpu.launchNanos() / 1e3);
            }
            for (Map.Entry<Integer, Double> e : profile.dispatchNanos().entrySet()) {
                out.printf(Locale.ROOT, "dispatch     %d threads: %.1f µs per call%n", e.getKey(), e.getValue() / 1e3);
            }
        }
        out.flush();
        return 0;
    }
}
