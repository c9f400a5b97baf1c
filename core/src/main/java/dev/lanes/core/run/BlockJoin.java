package dev.lanes.core.run;

import dev.lanes.core.UsageException;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.BlockExecutor;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.RangeCodec;
import dev.lanes.core.exec.RangeReply;
import dev.lanes.core.exec.RemoteBlocks;
import dev.lanes.core.exec.StageAddress;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.result.BlockSlice;
import dev.lanes.core.result.ClusterTimes;
import dev.lanes.core.result.PointResult;
import dev.lanes.core.result.SampleSummary;
import dev.lanes.core.result.ShardMerge;
import dev.lanes.core.result.SpecInfo;
import dev.lanes.core.result.Throughput;
import dev.lanes.core.spec.SpecLoader;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code lanes merge} of shards that cut blocks ({@code --shard-by blocks}): a stage point's
 * parts become the point one machine measures. The stage is bound again here from the spec
 * the shards carry (its inputs made on this machine: data is a function of the spec and its
 * seed), the parts' partials are folded — or their parts of the output pasted — in block
 * order, so the output is the bits one machine makes, and it is checked against the scalar
 * reference as a run checks it. The shards ran apart, so there is no time of the whole: the
 * point's samples are its slowest shard's (the stage's time were the shards to run at once),
 * and every shard's part is listed as a member.
 */
public final class BlockJoin implements ShardMerge.BlockJoiner, AutoCloseable {
    private final SpecLoader loader;
    private final Accelerators accelerators;
    private final WorkerPool pool;
    /** The stage bound last, and where: a stage point's implementations come one after another, and share it. */
    private String boundKey;
    private StageInstance bound;

    /** @param threads the threads that make the inputs and fold the parts */
    public BlockJoin(SpecLoader loader, Accelerators accelerators, int threads) {
        this.loader = loader;
        this.accelerators = accelerators;
        this.pool = new WorkerPool(threads);
    }

    @Override
    public PointResult join(SpecInfo spec, String specText, List<ShardMerge.BlockPart> parts) {
        BlockSlice head = parts.get(0).slice();
        StageAddress address = new StageAddress(spec.file(), specText, spec.digest(), spec.overrides(), spec.quick(),
            head.stage(), head.sweepPoint());
        StageInstance instance = bound(address, parts.get(0).file());
        List<RangeReply> replies = parts.stream().map(BlockJoin::reply).toList();
        Value output = joined(instance.task(), parts, replies);
        Check check = spec.settings().verify() ? instance.verify(output) : null;
        ShardMerge.BlockPart slowest = parts.stream()
            .max(Comparator.comparingDouble(p -> p.point().summary().medianNanos())).orElseThrow();
        PointResult p = slowest.point();
        SampleSummary summary = p.summary();
        List<String> notes = new ArrayList<>();
        notes.add("blocks cut over " + parts.size() + " shards that ran apart (lanes merge): its times are the slowest "
            + "shard's part (" + slowest.shard().label() + "), the stage's time were they to run at once; each shard's part "
            + "is in its members");
        parts.get(0).point().notes().stream().filter(n -> !n.startsWith("blocks [")).forEach(notes::add);
        return new PointResult(p.key(), p.kernel(), p.definition(), p.source(), p.size(), head.elements(), head.flops(),
            head.bytesMoved(), p.samplesNanos(), p.forkSizes(), p.gcSamples(), summary,
            Throughput.of(head.elements(), head.flops(), head.bytesMoved(), summary.medianNanos()), null, null,
            ResultRecords.check(check), output.checksum(), instance.describe(output), null, List.of(), p.workerBusyNanos(),
            p.phases(), p.processCpu(), notes, members(parts, replies));
    }

    private StageInstance bound(StageAddress address, String file) {
        if (!address.key().equals(boundKey)) {
            bound = null;                                 // the last stage's inputs may go before this one's are made
            try {
                bound = AddressedStage.bind(loader, address, accelerators, pool, "a merge runs no commands");
            } catch (IllegalArgumentException e) {
                throw new UsageException(file + ": stage '" + address.stage() + "' cannot be bound again from the spec the "
                    + "shard carries: " + e.getMessage());
            }
            boundKey = address.key();
        }
        return bound;
    }

    /** The output one machine makes: every block's partial folded in block order, or every part of the output pasted. */
    private static <O, P> Value joined(BlockTask<O, P> task, List<ShardMerge.BlockPart> parts, List<RangeReply> replies) {
        List<P> partials = new ArrayList<>();
        Value output = task.identity() == null ? task.result(null) : null;
        for (int i = 0; i < parts.size(); i++) {
            ShardMerge.BlockPart part = parts.get(i);
            RangeReply reply = replies.get(i);
            if (reply.firstBlock() != part.slice().firstBlock() || reply.endBlock() != part.slice().endBlock()) {
                throw new UsageException(part.file() + ": the answer kept for stage '" + part.slice().stage()
                    + "' is for blocks [" + reply.firstBlock() + ", " + reply.endBlock() + "), not the shard's part: the file "
                    + "was edited");
            }
            if (output == null) {
                for (Object partial : reply.partials()) {
                    @SuppressWarnings("unchecked")
                    P typed = (P) partial;
                    partials.add(typed);
                }
            } else {
                try {
                    RemoteBlocks.paste(output, reply.sliceFrom(), reply.slice());
                } catch (RuntimeException e) {
                    throw new UsageException(part.file() + ": the part of stage '" + part.slice().stage() + "''s output it "
                        + "keeps does not fit it: " + e.getMessage());
                }
            }
        }
        if (output != null) {
            return output;
        }
        int blocks = parts.stream().mapToInt(p -> p.slice().endBlock() - p.slice().firstBlock()).sum();
        if (partials.size() != blocks) {
            throw new UsageException(parts.get(0).file() + ": stage '" + parts.get(0).slice().stage() + "': the shards kept "
                + partials.size() + " partials for " + blocks + " blocks: a file was edited");
        }
        try {
            return BlockExecutor.fold(task, partials);
        } catch (ClassCastException e) {
            throw new UsageException(parts.get(0).file() + ": stage '" + parts.get(0).slice().stage() + "': a kept partial is "
                + "not what the kernel makes: a file was edited");
        }
    }

    private static RangeReply reply(ShardMerge.BlockPart part) {
        try {
            return RangeCodec.decode(part.slice().reply(), RangeReply.class);
        } catch (IllegalArgumentException e) {
            throw new UsageException(part.file() + ": the answer kept for stage '" + part.slice().stage() + "' cannot be "
                + "read: " + e.getMessage());
        }
    }

    /** Each shard's part as a member of the point: its blocks, elements and median time; nothing travelled between them. */
    private static ClusterTimes members(List<ShardMerge.BlockPart> parts, List<RangeReply> replies) {
        List<ClusterTimes.MemberWork> members = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            ShardMerge.BlockPart part = parts.get(i);
            RangeReply reply = replies.get(i);
            members.add(new ClusterTimes.MemberWork("shard " + part.shard().label(), reply.pid(), reply.host(),
                part.slice().firstBlock(), part.slice().endBlock(), part.point().elements(),
                (long) part.point().summary().medianNanos(), 0, part.slice().reply().length, 0, 0));
        }
        boolean oneHost = members.stream().map(ClusterTimes.MemberWork::host).distinct().count() == 1 && members.size() > 1;
        return new ClusterTimes(members, 0, oneHost, 0, true);
    }

    @Override
    public void close() {
        bound = null;
        pool.close();
    }
}
