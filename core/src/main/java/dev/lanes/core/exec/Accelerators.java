package dev.lanes.core.exec;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The accelerators found on the class path, one per backend. */
public record Accelerators(Map<Backend, Accelerator> byBackend) {

    public Accelerators {
        byBackend = Collections.unmodifiableMap(new EnumMap<>(byBackend));
    }

    /** Every {@link Accelerator} that {@link ServiceLoader} finds; the first per backend wins. */
    public static Accelerators load() {
        return load(BackendOptions.DEFAULT);
    }

    /**
     * As {@link #load()}, with backends the options turn off replaced by disabled ones, so a
     * turned-off GPU is never probed.
     */
    public static Accelerators load(BackendOptions options) {
        Map<Backend, Accelerator> found = new EnumMap<>(Backend.class);
        for (Accelerator accelerator : ServiceLoader.load(Accelerator.class, Accelerators.class.getClassLoader())) {
            found.putIfAbsent(accelerator.backend(), accelerator);
        }
        if (options.simdOff() && found.containsKey(Backend.SIMD)) {
            found.put(Backend.SIMD, new DisabledAccelerator(Backend.SIMD, "disabled by --vector-bits 0"));
        }
        if (options.gpuOff() && found.containsKey(Backend.GPU)) {
            found.put(Backend.GPU, new DisabledAccelerator(Backend.GPU, "disabled by --gpu off"));
        }
        return new Accelerators(found);
    }

    /** The same accelerators with one more (or another for its backend): a connected cluster. */
    public Accelerators with(Accelerator accelerator) {
        Map<Backend, Accelerator> all = new EnumMap<>(Backend.class);
        all.putAll(byBackend);
        all.put(accelerator.backend(), accelerator);
        return new Accelerators(all);
    }

    public Optional<Accelerator> find(Backend backend) {
        return Optional.ofNullable(byBackend.get(backend));
    }

    /** Why a backend cannot be used here, or empty when it can. */
    public Availability availability(Backend backend) {
        if (backend == Backend.THREADS) {
            return Availability.usable(Runtime.getRuntime().availableProcessors() + " hardware threads");
        }
        return find(backend).map(Accelerator::availability)
            .orElseGet(() -> Availability.unavailable(switch (backend) {
                case SIMD -> "the lanes-vector module is not on the class path";
                case GPU -> "the lanes-gpu module is not on the class path";
                case DISTRIBUTED -> "no cluster: run with --backend distributed --members HOST:PORT,... --cluster NAME (each member "
                    + "started with lanes member)";
                default -> "no " + backend.label() + " implementation is installed";
            }));
    }
}
