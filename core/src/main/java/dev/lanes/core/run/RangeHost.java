package dev.lanes.core.run;

import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BlockExecutor;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.RangeCodec;
import dev.lanes.core.exec.RangeReply;
import dev.lanes.core.exec.RangeRequest;
import dev.lanes.core.exec.RemoteBlocks;
import dev.lanes.core.exec.StageAddress;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.spec.SpecLoader;
import dev.lanes.core.spec.Stage;
import dev.lanes.core.spec.SweepPoint;
import dev.lanes.core.spec.Workload;
import dev.lanes.core.spec.WorkloadShapes;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A member's side of the distributed backend: answers {@link RangeRequest}s. It loads the
 * spec it is sent, makes the stage's inputs itself (generated data is a function of the spec
 * and its seed; loaded data is read from the path the spec names), binds the stage once and
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
    private final Map<String, StageInstance> bound = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StageInstance> eldest) {
            return size() > KEPT_STAGES;
        }
    };

    /** @param threads the threads every range runs on (a member's cores, unless told fewer) */
    public RangeHost(SpecLoader loader, Accelerators accelerators, int threads) {
        this.loader = loader;
        this.accelerators = accelerators;
        this.pool = new WorkerPool(threads);
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            name = "unknown";
        }
        this.host = name;
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
        StageInstance instance = bound.get(request.address().key());
        long setup = 0;
        if (instance == null) {
            long start = System.nanoTime();
            instance = bind(request.address());
            setup = System.nanoTime() - start;
            bound.put(request.address().key(), instance);
        }
        return RangeCodec.encode(run(instance.task(), request, setup));
    }

    private <O, P> RangeReply run(BlockTask<O, P> task, RangeRequest request, long setup) {
        String not = RemoteBlocks.whyNot(task);
        if (not != null) {
            throw new IllegalArgumentException("stage '" + request.address().stage() + "' cannot run here: " + not);
        }
        O ops = ops(task);
        long start = System.nanoTime();
        List<P> partials = BlockExecutor.runRange(task, ops, pool, request.firstBlock(), request.endBlock());
        long compute = System.nanoTime() - start;
        if (task.identity() != null) {
            return new RangeReply(pid, host, request.firstBlock(), request.endBlock(), compute, new ArrayList<>(partials), -1,
                null, setup);
        }
        int n = task.length();
        BlockTask.Written first = task.written(request.firstBlock() * task.blockSize(),
            Math.min(n, request.firstBlock() * task.blockSize() + task.blockSize()));
        BlockTask.Written last = task.written((request.endBlock() - 1) * task.blockSize(),
            Math.min(n, request.endBlock() * task.blockSize()));
        Object slice = RemoteBlocks.slice(task.result(null), first.from(), last.to());
        return new RangeReply(pid, host, request.firstBlock(), request.endBlock(), compute, new ArrayList<>(), first.from(),
            slice, setup);
    }

    /** The member's best chunk functions for the task: SIMD where usable and written for it, else scalar. */
    private <O> O ops(BlockTask<O, ?> task) {
        return accelerators.find(Backend.SIMD).filter(a -> a.availability().usable()).flatMap(a -> a.ops(task.opsType()))
            .or(() -> accelerators.find(Backend.SCALAR).flatMap(a -> a.ops(task.opsType())))
            .orElseThrow(() -> new IllegalStateException("no chunk functions for " + task.opsType().getSimpleName()));
    }

    /** The stage at its point, bound to inputs this member made (every stage it reads, computed here in order). */
    private StageInstance bind(StageAddress address) {
        Workload workload = loader.parse(address.specFile(), address.specText(), address.overrides(), address.quick());
        if (!workload.digest().equals(address.digest())) {
            throw new IllegalArgumentException("the spec sent does not match its digest");
        }
        SweepPoint point = workload.points().get(address.point());
        Map<String, StageShape> shapes = WorkloadShapes.at(workload, point);
        Map<String, Value> values = new java.util.HashMap<>();
        Stage target = workload.stage(address.stage()).orElseThrow(() -> new IllegalArgumentException("no stage '"
            + address.stage() + "' in the spec sent"));
        java.util.Set<String> needed = workload.graph().allInputs(target);
        for (Stage stage : workload.stages()) {                          // in order: inputs come first
            if (needed.contains(stage.id())) {
                values.put(stage.id(), output(instance(stage, point, shapes, values).task()));
            }
        }
        return instance(target, point, shapes, values);
    }

    private <O, P> Value output(BlockTask<O, P> task) {
        if (task.spawnsProcesses()) {
            throw new IllegalArgumentException("a stage it reads starts processes, and members run no commands a driver sends");
        }
        return BlockExecutor.run(task, ops(task), pool);
    }

    private static StageInstance instance(Stage stage, SweepPoint point, Map<String, StageShape> shapes,
                                          Map<String, Value> values) {
        return stage.kernel().bind(point.paramsFor(stage), stage.inputs().stream().map(values::get).toList(),
            stage.inputs().stream().map(id -> shapes.get(id).output()).toList());
    }

    @Override
    public void close() {
        pool.close();
    }
}
