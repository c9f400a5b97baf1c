package dev.lanes.distributed;

import dev.lanes.core.exec.Accelerator;
import dev.lanes.core.exec.Availability;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.Cluster;
import dev.lanes.core.exec.ClusterConnector;

import java.util.Optional;

/** The distributed backend as {@link java.util.ServiceLoader} finds it: members reached through Hazelcast. */
public final class HazelcastConnector implements ClusterConnector {

    @Override
    public Connection connect(Options options) {
        HazelcastCluster cluster = HazelcastCluster.connect(options);
        Accelerator accelerator = new Accelerator() {
            @Override
            public Backend backend() {
                return Backend.DISTRIBUTED;
            }

            @Override
            public Availability availability() {
                return Availability.usable(cluster.members().size() + " members: " + String.join(", ",
                    cluster.members().stream().map(Cluster.Member::label).toList()));
            }

            @Override
            public <O> Optional<O> ops(Class<O> opsType) {
                return Optional.empty();
            }

            @Override
            public Optional<Cluster> cluster() {
                return Optional.of(cluster);
            }
        };
        return new Connection() {
            @Override
            public Accelerator accelerator() {
                return accelerator;
            }

            @Override
            public void close() {
                cluster.close();
            }
        };
    }
}
