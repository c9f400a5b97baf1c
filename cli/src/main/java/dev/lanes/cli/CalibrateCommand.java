package dev.lanes.cli;

import dev.lanes.core.ExecutionException;
import dev.lanes.core.UsageException;
import dev.lanes.core.machine.Fingerprint;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.machine.MachineProfile;
import dev.lanes.core.machine.MemoryLevel;
import dev.lanes.core.text.Bytes;
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
            out.printf(Locale.ROOT, "bandwidth    GB/s; read: a sum of squares, triad: an axpy (24 bytes per element); one thread, and %d together%n",
                profile.cores());
            out.printf(Locale.ROOT, "  %-7s %-14s %-11s %11s %9s %9s %12s %10s %10s%n", "level", "holds", "measured at",
                "read scalar", "read simd", "read all", "triad scalar", "triad simd", "triad all");
            for (MemoryLevel l : profile.levels()) {
                out.printf(Locale.ROOT, "  %-7s %-14s %-11s %11.1f %9.1f %9.1f %12.1f %10.1f %10.1f%n", l.name(),
                    l.bytes() == 0 ? "the rest" : Bytes.format(l.bytes()) + (l.shared() ? "" : "/core"), Bytes.format(l.probeBytes()),
                    l.scalarReadGbps(), l.simdReadGbps(), l.readAllGbps(), l.scalarTriadGbps(), l.simdTriadGbps(), l.triadAllGbps());
            }
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
