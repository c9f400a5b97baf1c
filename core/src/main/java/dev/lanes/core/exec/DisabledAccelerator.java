package dev.lanes.core.exec;

import java.util.Optional;

/** An accelerator the user turned off: unusable, with the option that did it as the reason. */
record DisabledAccelerator(Backend backend, String reason) implements Accelerator {

    @Override
    public Availability availability() {
        return Availability.unavailable(reason);
    }

    @Override
    public <O> Optional<O> ops(Class<O> opsType) {
        return Optional.empty();
    }
}
