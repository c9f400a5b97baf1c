package dev.lanes.cli;

import dev.lanes.core.UsageException;
import dev.lanes.core.kernels.BuiltInKernels;
import dev.lanes.core.run.RangeHost;
import dev.lanes.core.spec.SpecLoader;
import dev.lanes.distributed.MemberNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code lanes member}: a worker of the distributed backend. It joins (or starts) a cluster
 * and runs the block ranges a driver's {@code lanes run --backend distributed} sends it, on its
 * own SIMD and threads, until it is stopped (Ctrl-C, SIGTERM).
 */
@Command(name = "member", mixinStandardHelpOptions = true,
    description = "Run as a member of the distributed backend: join a cluster and run the block ranges that lanes run "
        + "--backend distributed --members sends, until stopped. Community Hazelcast has no authentication: run members on a "
        + "trusted network only (see docs/distributed.md).")
final class MemberCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--port", paramLabel = "P", defaultValue = "5701", description = "The port to listen on. Default: 5701.")
    int port;

    @Option(names = "--join", paramLabel = "HOST:PORT,...", split = ",",
        description = "Other members to find; none for the first member.")
    List<String> join = List.of();

    @Option(names = "--cluster", paramLabel = "NAME",
        description = "The cluster's name, which the driver gives too. Default: a new random name, printed.")
    String cluster;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
        description = "The address to listen on. Default: 127.0.0.1 (this machine only).")
    String bind;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for every range. Default: every processor.")
    Integer threads;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 1 || port > 65535) {
            throw new UsageException("--port: must be in 1..65535, got " + port);
        }
        int processors = Runtime.getRuntime().availableProcessors();
        if (threads != null && (threads < 1 || threads > 4096)) {
            throw new UsageException("--threads: must be in 1..4096, got " + threads);
        }
        String name = cluster != null ? cluster : "lanes-" + UUID.randomUUID().toString().substring(0, 8);
        var accelerators = common.accelerators();
        RangeHost host = new RangeHost(SpecLoader.forThisJvm(BuiltInKernels.registry()), accelerators,
            threads == null ? processors : threads);
        MemberNode node = MemberNode.start(name, bind, port, join, host, common.verbose);
        Thread leave = new Thread(() -> {            // Ctrl-C or SIGTERM: leave the cluster, then stop
            node.close();
            host.close();
        });
        Runtime.getRuntime().addShutdownHook(leave);
        var err = spec.commandLine().getErr();
        err.println("lanes: member " + node.address() + " of cluster " + name + " (" + node.clusterSize() + " in it), "
            + host.threads() + " threads, pid " + ProcessHandle.current().pid() + "; drivers join with --cluster " + name
            + (join.isEmpty() ? "" : "; joined " + String.join(",", join)));
        err.flush();
        while (node.running()) {
            Thread.sleep(200);
        }
        return 0;
    }
}
