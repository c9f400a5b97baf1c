package dev.lanes.distributed;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.lanes.core.ExecutionException;
import dev.lanes.core.run.RangeHost;

import java.util.List;

/**
 * {@code lanes member}: a Hazelcast member whose user context holds this JVM's
 * {@link RangeHost}, so the driver's {@link RangeCall}s run lanes' blocks here.
 */
public final class MemberNode implements AutoCloseable {
    private final HazelcastInstance instance;

    private MemberNode(HazelcastInstance instance) {
        this.instance = instance;
    }

    /**
     * @param join other members to find (HOST:PORT); empty for the first
     * @throws ExecutionException when the port cannot be had or the engine does not start (exit 3)
     */
    public static MemberNode start(String clusterName, String bind, int port, List<String> join, RangeHost host,
                                   boolean verbose) {
        Config config = HazelcastConfigs.of(clusterName, bind, port, join, false, verbose);
        config.getUserContext().put(RangeCall.HOST, host);
        // one request at a time runs anyway (a member measures); more executor threads would only queue
        config.getExecutorConfig("default").setPoolSize(2);
        try {
            return new MemberNode(Hazelcast.newHazelcastInstance(config));
        } catch (RuntimeException e) {
            throw new ExecutionException("lanes member: cannot start on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** "127.0.0.1:5701". */
    public String address() {
        var a = instance.getCluster().getLocalMember().getAddress();
        return a.getHost() + ":" + a.getPort();
    }

    /** The members the cluster has now, this one included. */
    public int clusterSize() {
        return instance.getCluster().getMembers().size();
    }

    public boolean running() {
        return instance.getLifecycleService().isRunning();
    }

    @Override
    public void close() {
        instance.getLifecycleService().shutdown();
    }
}
