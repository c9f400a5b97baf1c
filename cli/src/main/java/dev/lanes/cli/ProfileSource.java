package dev.lanes.cli;

import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.machine.Fingerprint;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.machine.MachineProfile;
import dev.lanes.core.store.ProfileStore;
import dev.lanes.core.store.WisdomStore;
import dev.lanes.core.plan.Calibrator;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** The calibration a command plans with: the stored one for this machine, else a quick one, and it says which. */
final class ProfileSource {
    private ProfileSource() {
    }

    static ProfileStore store(Path cacheDir, PrintWriter err) {
        return new ProfileStore(cacheDir != null ? cacheDir : ProfileStore.defaultDir(), w -> err.println("lanes: warning: " + w));
    }

    static WisdomStore wisdom(MachineInfo machine, Path cacheDir, PrintWriter err) {
        return new WisdomStore(cacheDir != null ? cacheDir : ProfileStore.defaultDir(), Fingerprint.of(machine),
            w -> err.println("lanes: warning: " + w));
    }

    /**
     * The stored calibration for this machine; else a quick one, measured now and kept, so
     * later runs plan with it at once (and say so in one line) until {@code lanes calibrate}
     * replaces it with a full one.
     */
    static MachineProfile obtain(MachineInfo machine, Accelerators accelerators, Path cacheDir, PrintWriter err) {
        ProfileStore store = store(cacheDir, err);
        String fingerprint = Fingerprint.of(machine);
        Path file = store.fileFor(fingerprint);
        return store.load(fingerprint).map(p -> {
            err.println("lanes: planning with the " + p.described() + " (" + file + ")");
            return p;
        }).orElseGet(() -> {
            MachineProfile quick = new Calibrator(accelerators, step -> { }).calibrate(machine, Calibrator.Effort.QUICK);
            boolean kept = store.save(quick);
            err.println(String.format(Locale.ROOT, "lanes: no calibration for this machine: planning with a quick one "
                + "(%.1f s)%s; 'lanes calibrate' measures it properly once", quick.seconds(),
                kept ? ", kept in " + file + " for later runs" : ""));
            return quick;
        });
    }
}
