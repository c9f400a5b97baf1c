package dev.lanes.core.exec;

import java.util.Optional;

/**
 * The distributed backend as an {@link Accelerator}: no chunk functions of its own (its
 * members run theirs), only the {@link Cluster} the sampler sends blocks to.
 */
public record ClusterAccelerator(Cluster members) implements Accelerator {

    @Override
    public Backend backend() {
        return Backend.DISTRIBUTED;
    }

    @Override
    public Availability availability() {
        return Availability.usable(members.members().size() + " members: " + String.join(", ",
            members.members().stream().map(Cluster.Member::label).toList()));
    }

    @Override
    public <O> Optional<O> ops(Class<O> opsType) {
        return Optional.empty();
    }

    @Override
    public Optional<Cluster> cluster() {
        return Optional.of(members);
    }
}
