package dev.lanes.core.exec;

import java.util.List;

/**
 * Connects the distributed backend (found with {@link java.util.ServiceLoader}; the
 * {@code distributed} module provides it): the driver joins the members' cluster and gets an
 * {@link Accelerator} whose {@link Accelerator#cluster()} sends them work. Core never names
 * the engine.
 */
public interface ClusterConnector {

    /**
     * @param members       HOST:PORT of every member to use, in the order their block ranges go
     * @param clusterName   the name the members were started with
     * @param bind          the address the driver listens on
     * @param joinMillis    how long to wait for every member to be there
     * @param requestMillis how long one request may take
     */
    record Options(List<String> members, String clusterName, String bind, long joinMillis, long requestMillis) {
        public Options {
            members = List.copyOf(members);
        }
    }

    /** A connected cluster; closing it leaves the cluster and stops the engine's threads. */
    interface Connection extends AutoCloseable {
        Accelerator accelerator();

        @Override
        void close();
    }

    /** @throws dev.lanes.core.ExecutionException when a member is not there in time (exit 3) */
    Connection connect(Options options);
}
