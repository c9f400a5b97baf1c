package dev.lanes.distributed;

import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one Hazelcast configuration lanes uses, for members and for the driver: TCP-IP join
 * with the addresses given (no multicast, no cloud discovery), listening on one address
 * only (loopback unless told otherwise), phone-home off, Jet off, and Java deserialization
 * limited to lanes' call and Hazelcast's own classes.
 */
final class HazelcastConfigs {
    /** Hazelcast logs through java.util.logging at INFO; kept here so the level set stays set. */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    private HazelcastConfigs() {
    }

    /** @param verbose Hazelcast's own INFO lines (joins, partitions) on stderr; else only its warnings */
    static Config of(String clusterName, String bind, int port, List<String> join, boolean liteMember, boolean verbose) {
        HAZELCAST_LOG.setLevel(verbose ? Level.INFO : Level.WARNING);
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setLiteMember(liteMember);
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        // lanes leaves on every path itself (and kills its members in tests); Hazelcast's hook would race it
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        // a member killed mid-stage is dropped in seconds, not after the default minute of missed heartbeats
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
        // output parts come back in MiB: Hazelcast's default 128 KiB socket buffers make that a trickle
        config.setProperty("hazelcast.socket.receive.buffer.size", "2048");
        config.setProperty("hazelcast.socket.send.buffer.size", "2048");
        config.getJetConfig().setEnabled(false);
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(bind);
        JoinConfig joining = network.getJoin();
        joining.getMulticastConfig().setEnabled(false);
        joining.getAutoDetectionConfig().setEnabled(false);
        joining.getTcpIpConfig().setEnabled(true).setMembers(join.isEmpty() ? List.of(bind + ":" + port) : join);
        config.getSerializationConfig().setJavaSerializationFilterConfig(new JavaSerializationFilterConfig()
            .setWhitelist(new ClassFilter().addClasses(RangeCall.class.getName())));
        config.getMemberAttributeConfig().setAttribute(PID, Long.toString(ProcessHandle.current().pid()));
        return config;
    }

    /** The member attribute that says which process a member is. */
    static final String PID = "lanes.pid";
}
