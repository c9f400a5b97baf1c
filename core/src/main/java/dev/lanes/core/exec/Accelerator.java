package dev.lanes.core.exec;

import java.util.Optional;

/**
 * A provider of single-thread kernel implementations for one backend, found with
 * {@link java.util.ServiceLoader}: core registers the scalar one, the {@code vector}
 * module the SIMD one, the {@code gpu} module the CUDA one. {@code core} never names the
 * others' classes, so a build or machine without them simply has fewer backends.
 *
 * <p>Implementations are looked up per <em>ops interface</em>: a kernel family in core
 * declares an interface of chunk functions (e.g. {@link ArrayOps}); an accelerator
 * returns its implementation of it, or nothing where it has none.
 */
public interface Accelerator {

    Backend backend();

    /** Whether it can run here; computed once, cheap to call again. */
    Availability availability();

    /** This accelerator's implementation of an ops interface, if it has one and is usable. */
    <O> Optional<O> ops(Class<O> opsType);

    /**
     * The device of a device backend (the GPU), when it is usable: the runner times and
     * synchronises executions through it. Empty for the CPU backends.
     */
    default Optional<DeviceSession> device() {
        return Optional.empty();
    }

    /** The members of the distributed backend, when it is connected; empty for every other backend. */
    default Optional<Cluster> cluster() {
        return Optional.empty();
    }
}
