package dev.lanes.core.run;

import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.RangeCodec;
import dev.lanes.core.exec.RangeReply;
import dev.lanes.core.exec.RangeRun;
import dev.lanes.core.exec.RangeRequest;
import dev.lanes.core.exec.RemoteBlocks;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.spec.SpecLoader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A member's side of the distributed backend: answers {@link RangeRequest}s. It loads the
 * spec it is sent, makes the stage's inputs itself (generated data is a function of the spec
 * and its seed, so of generated data read straight by a stage that says what its blocks read
 * it makes only the parts its ranges read; loaded data is read from the path the spec names), binds the stage once and
 * keeps it for the requests that follow, and runs the blocks asked for on its own threads,
 * SIMD inside each where the kernel has it. One request at a time: a member measures, and
 * two requests sharing its cores would measure each other.
 */
public final class RangeHost implements AutoCloseable {
    /** Bound stages kept between requests; more would keep more inputs in memory than a member needs. */
    private static final int KEPT_STAGES = 4;

    private final SpecLoader loader;
    private final Accelerators accelerators;
    private final WorkerPool pool;
    private final long pid = ProcessHandle.current().pid();
    private final String host;
    private final Map<String, AddressedStage.Bound> bound = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AddressedStage.Bound> eldest) {
            return size() > KEPT_STAGES;
        }
    };

    /** @param threads the threads every range runs on (a member's cores, unless told fewer) */
    public RangeHost(SpecLoader loader, Accelerators accelerators, int threads) {
        this.loader = loader;
        this.accelerators = accelerators;
        this.pool = new WorkerPool(threads);
        this.host = HostName.local();
    }

    public int threads() {
        return pool.threads();
    }

    /** Runs an encoded request; the encoded reply. A failure is thrown, and reaches the driver as the member's error. */
    public synchronized byte[] handle(byte[] encoded) {
        RangeRequest request = RangeCodec.decode(encoded, RangeRequest.class);
        if (request.isPing()) {
            return RangeCodec.encode(RangeReply.pong(pid, host));
        }
        AddressedStage.Bound stage = bound.get(request.address().key());
        long start = System.nanoTime();
        boolean first = stage == null;
        if (first) {
            stage = AddressedStage.bind(loader, request.address(), accelerators, pool,
                "members run no commands a driver sends", true);
            bound.put(request.address().key(), stage);
        }
        // the parts of the inputs this range reads that no earlier range made (all of them, the first time)
        long made = stage.elementsMade();
        stage.prepare(request.firstBlock(), request.endBlock(), pool);
        long setup = first || stage.elementsMade() != made ? System.nanoTime() - start : 0;
        return RangeCodec.encode(run(stage.instance().task(), request, setup));
    }

    private <O, P> RangeReply run(BlockTask<O, P> task, RangeRequest request, long setup) {
        String not = RemoteBlocks.whyNot(task);
        if (not != null) {
            throw new IllegalArgumentException("stage '" + request.address().stage() + "' cannot run here: " + not);
        }
        return RangeRun.run(task, AddressedStage.ops(task, accelerators), pool, request.firstBlock(), request.endBlock(), pid,
            host, setup);
    }

    @Override
    public void close() {
        pool.close();
    }
}
