package dev.lanes.cli;

import dev.lanes.core.UsageException;
import dev.lanes.core.exec.BackendChoice;
import dev.lanes.core.exec.ClusterConnector;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.ServiceLoader;

/** {@code --members}, {@code --cluster} and {@code --bind} of {@code run}: where the distributed backend's members are. */
final class ClusterFlags {
    /** How long the driver waits for every member to be in the cluster. */
    private static final long JOIN_MILLIS = 30_000;
    /** How long one member may take over one range before the stage fails. */
    private static final long REQUEST_MILLIS = 600_000;

    @Option(names = "--members", paramLabel = "HOST:PORT,...", split = ",",
        description = "With --backend distributed: the members (each started with lanes member) that every stage's block "
            + "range is spread over, in this order.")
    List<String> members;

    @Option(names = "--cluster", paramLabel = "NAME", description = "With --members: the name the members were started with.")
    String cluster;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
        description = "With --members: the address this driver listens on for the cluster. Default: 127.0.0.1.")
    String bind;

    boolean given() {
        return members != null;
    }

    /** --members, --cluster and --backend distributed go together; --forks does not join them yet. */
    void check(BackendChoice override, int forks) {
        boolean distributed = override == BackendChoice.DISTRIBUTED;
        if (distributed && members == null) {
            throw new UsageException("--backend distributed: give --members HOST:PORT,... (each started with lanes member)");
        }
        if (members != null && !distributed) {
            throw new UsageException("--members: only with --backend distributed");
        }
        if (members != null && cluster == null) {
            throw new UsageException("--members: give --cluster NAME, the name the members were started with (lanes member "
                + "prints it)");
        }
        if (members != null && forks > 1) {
            throw new UsageException("--forks and --backend distributed do not combine yet: run the driver in one JVM");
        }
    }

    /**
     * On the distributed backend the thread counts are member counts (the first p of
     * --members, each member on all its threads): --threads 1,2,3 is a scaling table over
     * members; without --threads, every member.
     */
    List<Integer> memberCounts(List<Integer> counts, String threadsFlag) {
        if (counts == null) {
            return List.of(members.size());
        }
        for (int count : counts) {
            if (count > members.size()) {
                throw new UsageException("--threads " + threadsFlag + ": with --backend distributed these are member counts, "
                    + "and --members names " + members.size());
            }
        }
        return counts;
    }

    /** The driver joins the members' cluster (exit 3 naming a member that is not there). */
    ClusterConnector.Connection connect(PrintWriter err, boolean quiet) {
        ClusterConnector connector = ServiceLoader.load(ClusterConnector.class).findFirst().orElseThrow(() ->
            new UsageException("--members: the lanes-distributed module is not on the class path"));
        if (!quiet) {
            err.println("lanes: joining cluster " + cluster + " (" + String.join(", ", members) + ")");
        }
        return connector.connect(new ClusterConnector.Options(members, cluster, bind, JOIN_MILLIS, REQUEST_MILLIS));
    }
}
