package dev.lanes.distributed;

import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import dev.lanes.core.ExecutionException;
import dev.lanes.core.exec.Cluster;
import dev.lanes.core.exec.ClusterConnector;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The driver's side: a lite member (it holds no data and is sent no work) that joins the
 * members named, waits until every one of them is there, and sends each its block ranges
 * through the distributed executor.
 */
final class HazelcastCluster implements Cluster, AutoCloseable {
    private final HazelcastInstance instance;
    private final IExecutorService executor;
    private final List<com.hazelcast.cluster.Member> members;
    private final List<Cluster.Member> described;
    private final long requestMillis;
    private final long formationNanos;

    private HazelcastCluster(HazelcastInstance instance, List<com.hazelcast.cluster.Member> members, long requestMillis,
                             long formationNanos) {
        this.formationNanos = formationNanos;
        this.instance = instance;
        this.executor = instance.getExecutorService("default");
        this.members = List.copyOf(members);
        this.described = members.stream().map(m -> new Cluster.Member(m.getAddress().getHost() + ":" + m.getAddress().getPort(),
            Long.parseLong(m.getAttribute(HazelcastConfigs.PID) == null ? "-1" : m.getAttribute(HazelcastConfigs.PID)),
            m.getAddress().getHost())).toList();
        this.requestMillis = requestMillis;
    }

    static HazelcastCluster connect(ClusterConnector.Options options) {
        List<String> wanted = new ArrayList<>();
        for (String member : options.members()) {
            wanted.add(normalise(member));
        }
        long start = System.nanoTime();
        HazelcastInstance instance;
        try {
            instance = Hazelcast.newHazelcastInstance(HazelcastConfigs.of(options.clusterName(), options.bind(),
                freePort(options.bind()), wanted, true, false));
        } catch (RuntimeException e) {
            throw new ExecutionException("--backend distributed: cannot start the driver's cluster node on " + options.bind()
                + ": " + e.getMessage(), e);
        }
        try {
            List<com.hazelcast.cluster.Member> joined = await(instance, wanted, options.joinMillis());
            return new HazelcastCluster(instance, joined, options.requestMillis(), System.nanoTime() - start);
        } catch (RuntimeException e) {
            instance.getLifecycleService().terminate();
            throw e;
        }
    }

    /** Every member asked for, in the order asked, once all have joined; exit 3 naming those that did not. */
    private static List<com.hazelcast.cluster.Member> await(HazelcastInstance instance, List<String> wanted, long joinMillis) {
        long deadline = System.nanoTime() + joinMillis * 1_000_000;
        while (true) {
            Map<String, com.hazelcast.cluster.Member> present = new LinkedHashMap<>();
            for (com.hazelcast.cluster.Member m : instance.getCluster().getMembers()) {
                if (!m.isLiteMember()) {
                    present.put(m.getAddress().getHost() + ":" + m.getAddress().getPort(), m);
                }
            }
            List<String> missing = wanted.stream().filter(w -> !present.containsKey(w)).toList();
            if (missing.isEmpty()) {
                return wanted.stream().map(present::get).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new ExecutionException("--members: " + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
                    + " not in the cluster after " + joinMillis / 1000 + " s (is lanes member running there, with this "
                    + "--cluster name?); present: " + (present.isEmpty() ? "none" : String.join(", ", present.keySet())));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExecutionException("interrupted while waiting for the cluster's members");
            }
        }
    }

    /** "localhost:5701" as the cluster names it: "127.0.0.1:5701". */
    static String normalise(String member) {
        int colon = member.lastIndexOf(':');
        if (colon <= 0 || colon == member.length() - 1) {
            throw new dev.lanes.core.UsageException("--members: '" + member + "' is not HOST:PORT");
        }
        String host = member.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(member.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new dev.lanes.core.UsageException("--members: '" + member + "': the port is not a number");
        }
        try {
            return InetAddress.getByName(host).getHostAddress() + ":" + port;
        } catch (IOException e) {
            throw new dev.lanes.core.UsageException("--members: '" + member + "': unknown host " + host);
        }
    }

    private static int freePort(String bind) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(bind, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ExecutionException("--backend distributed: no free port on " + bind + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Cluster.Member> members() {
        return described;
    }

    @Override
    public CompletableFuture<byte[]> submit(int member, byte[] request) {
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        executor.submitToMember(new RangeCall(request), members.get(member), new ExecutionCallback<byte[]>() {
            @Override
            public void onResponse(byte[] response) {
                reply.complete(response);
            }

            @Override
            public void onFailure(Throwable t) {
                reply.completeExceptionally(t);
            }
        });
        return reply;
    }

    @Override
    public long timeoutMillis() {
        return requestMillis;
    }

    @Override
    public long formationNanos() {
        return formationNanos;
    }

    @Override
    public void close() {
        instance.getLifecycleService().shutdown();
    }
}
