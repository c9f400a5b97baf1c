package dev.lanes.core.exec;

import dev.lanes.core.ExecutionException;
import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.I64Array;
import dev.lanes.core.data.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a task's blocks on a {@link Cluster}: the block range is cut into one contiguous range
 * per member, each member runs its range with its own SIMD and threads and answers with its
 * blocks' partials (a reduction) or the output elements they wrote (an array task), and the
 * partials are folded here in block order — so the result is the bits one machine gives.
 */
public final class RemoteBlocks {
    private RemoteBlocks() {
    }

    /** Why the task's blocks cannot travel, or {@code null} when they can. */
    public static String whyNot(BlockTask<?, ?> task) {
        if (task.spawnsProcesses()) {
            return "it starts processes, and members run no commands a driver sends";
        }
        if (task.updatesInPlace()) {
            return "it rewrites its input in place, which members cannot share";
        }
        if (task.identity() == null && task.written(0, Math.min(task.length(), task.blockSize())) == null) {
            return "its blocks write its output in a way that cannot be cut into parts (only reductions and tasks whose "
                + "blocks write disjoint parts of their output travel)";
        }
        return null;
    }

    /** @param count how many of the cluster's members to use: the first {@code count} */
    public static <O, P> Value run(BlockTask<O, P> task, Cluster cluster, int count, StageAddress address,
                                   ClusterLedger ledger) {
        String not = whyNot(task);
        if (not != null) {
            throw new ExecutionException("cannot spread over members: " + not);
        }
        int blocks = RangeRun.blocks(task);
        List<Cluster.Member> members = cluster.members().subList(0, count);
        int m = members.size();
        List<CompletableFuture<byte[]>> pending = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>();
        List<Integer> sent = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            int[] range = RangeRun.share(blocks, i, m);
            int first = range[0];
            int end = range[1];
            if (first == end) {
                continue;                                     // fewer blocks than members
            }
            byte[] request = RangeCodec.encode(new RangeRequest(address, first, end));
            ranges.add(new int[] {i, first, end});
            sent.add(request.length);
            pending.add(cluster.submit(i, request));
        }
        ledger.begin();
        List<P> partials = new ArrayList<>(blocks);
        List<RangeReply> replies = new ArrayList<>();
        for (int r = 0; r < pending.size(); r++) {
            int member = ranges.get(r)[0];
            byte[] bytes = await(pending.get(r), members.get(member), cluster.timeoutMillis());
            RangeReply reply;
            try {
                reply = RangeCodec.decode(bytes, RangeReply.class);
            } catch (IllegalArgumentException e) {
                throw new ExecutionException("member " + members.get(member).label() + " sent a reply lanes cannot read: "
                    + e.getMessage(), e);
            }
            if (reply.firstBlock() != ranges.get(r)[1] || reply.endBlock() != ranges.get(r)[2]) {
                throw new ExecutionException("member " + members.get(member).label() + " answered for blocks ["
                    + reply.firstBlock() + ", " + reply.endBlock() + ") instead of [" + ranges.get(r)[1] + ", "
                    + ranges.get(r)[2] + ")");
            }
            replies.add(reply);
            for (Object p : reply.partials()) {
                @SuppressWarnings("unchecked")
                P partial = (P) p;
                partials.add(partial);
            }
            long elements = Math.min((long) reply.endBlock() * task.blockSize(), task.length())
                - (long) reply.firstBlock() * task.blockSize();
            ledger.setup(member, reply.setupNanos());
            ledger.add(new ClusterLedger.Share(member, members.get(member), reply.firstBlock(), reply.endBlock(), elements,
                reply.computeNanos(), sent.get(r), bytes.length, reply.pid()));
        }
        if (task.identity() != null) {
            return BlockExecutor.fold(task, partials);
        }
        Value output = task.result(null);
        for (RangeReply reply : replies) {
            paste(output, reply.sliceFrom(), reply.slice());
        }
        return output;
    }

    private static final int PINGS = 15;

    /**
     * Each of the first {@code count} members' median round trip for a request that does no
     * work: what one dispatch costs before any block runs. Kept in the ledger.
     */
    public static void roundTrips(Cluster cluster, int count, ClusterLedger ledger) {
        byte[] ping = RangeCodec.encode(RangeRequest.ping());
        long[] medians = new long[count];
        for (int m = 0; m < count; m++) {
            long[] times = new long[PINGS];
            for (int i = 0; i < PINGS; i++) {
                long start = System.nanoTime();
                RangeCodec.decode(await(cluster.submit(m, ping), cluster.members().get(m), cluster.timeoutMillis()),
                    RangeReply.class);
                times[i] = System.nanoTime() - start;
            }
            java.util.Arrays.sort(times);
            medians[m] = times[PINGS / 2];
        }
        ledger.roundTrips(medians);
        ledger.formation(cluster.formationNanos());
    }

    private static byte[] await(CompletableFuture<byte[]> reply, Cluster.Member member, long timeoutMillis) {
        try {
            return reply.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reply.cancel(true);
            throw new ExecutionException("member " + member.label() + " did not answer within " + timeoutMillis / 1000
                + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ExecutionException("member " + member.label() + " failed: " + oneLine(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionException("interrupted while waiting for member " + member.label());
        }
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** The part of an output array that a member's blocks wrote, taken out to send back. */
    public static Object slice(Value output, long from, long to) {
        int f = Math.toIntExact(from);
        int t = Math.toIntExact(to);
        return switch (output) {
            case F32Array a -> java.util.Arrays.copyOfRange(a.data(), f, t);
            case F64Array a -> java.util.Arrays.copyOfRange(a.data(), f, t);
            case I64Array a -> java.util.Arrays.copyOfRange(a.data(), f, t);
            default -> throw new IllegalArgumentException("a " + output.type() + " scalar has no parts");
        };
    }

    /** A part of an output array that blocks elsewhere wrote, put in its place. */
    public static void paste(Value output, long from, Object slice) {
        int at = Math.toIntExact(from);
        switch (output) {
            case F32Array a when slice instanceof float[] s -> System.arraycopy(s, 0, a.data(), at, s.length);
            case F64Array a when slice instanceof double[] s -> System.arraycopy(s, 0, a.data(), at, s.length);
            case I64Array a when slice instanceof long[] s -> System.arraycopy(s, 0, a.data(), at, s.length);
            default -> throw new ExecutionException("a member sent a " + slice.getClass().getSimpleName() + " part for a "
                + output.describe() + " output");
        }
    }
}
