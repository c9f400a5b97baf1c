package dev.lanes.distributed;

import dev.lanes.core.exec.Accelerator;
import dev.lanes.core.exec.ClusterAccelerator;
import dev.lanes.core.exec.ClusterConnector;

/** The distributed backend as {@link java.util.ServiceLoader} finds it: members reached through Hazelcast. */
public final class HazelcastConnector implements ClusterConnector {

    @Override
    public Connection connect(Options options) {
        HazelcastCluster cluster = HazelcastCluster.connect(options);
        Accelerator accelerator = new ClusterAccelerator(cluster);
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
