package dev.lanes.core.run;

import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BlockExecutor;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.StageAddress;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.spec.SpecLoader;
import dev.lanes.core.spec.Stage;
import dev.lanes.core.spec.SweepPoint;
import dev.lanes.core.spec.Workload;
import dev.lanes.core.spec.WorkloadShapes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stage at its point, found from its {@link StageAddress} (the spec's text, how it was
 * loaded, the stage and the point) and bound to inputs made here: every stage it reads,
 * computed in the spec's order on this machine's best chunk functions. Generated data is a
 * function of the spec and its seed, and loaded data is read from the path the spec names, so
 * a member or a merge binds the very stage the run measured.
 */
final class AddressedStage {
    private AddressedStage() {
    }

    /**
     * A stage bound to its inputs, some of which may be made only in part: {@link #prepare} makes the parts a range of
     * its blocks reads before the range runs.
     */
    record Bound(StageInstance instance, List<PartialInput<?>> partial) {
        /** Makes what blocks {@code [firstBlock, endBlock)} read of the inputs made in part. */
        void prepare(int firstBlock, int endBlock, WorkerPool pool) {
            if (partial.isEmpty() || firstBlock >= endBlock) {
                return;
            }
            BlockTask<?, ?> task = instance.task();
            BlockTask.Written reads = task.reads(firstBlock * task.blockSize(),
                (int) Math.min(task.length(), (long) endBlock * task.blockSize()));
            partial.forEach(p -> p.make(reads.from(), reads.to(), pool));
        }

        /** Elements of the inputs made in part, made so far. */
        long elementsMade() {
            return partial.stream().mapToLong(PartialInput::elementsMade).sum();
        }
    }

    /**
     * @param why what the binding is for, in messages: "members run no commands a driver sends"
     * @throws IllegalArgumentException when the address does not fit the spec it carries
     */
    static StageInstance bind(SpecLoader loader, StageAddress address, Accelerators accelerators, WorkerPool pool,
                              String why) {
        return bind(loader, address, accelerators, pool, why, false).instance();
    }

    /**
     * @param inParts make the inputs that can be made in part ({@link dev.lanes.core.kernel.Kernel#makesPartsAlone}, read
     *                straight by a stage that says what its blocks read) only as {@link Bound#prepare} asks: a member
     *                makes the parts its blocks read, not the whole data
     */
    static Bound bind(SpecLoader loader, StageAddress address, Accelerators accelerators, WorkerPool pool, String why,
                      boolean inParts) {
        Workload workload = loader.parse(address.specFile(), address.specText(), address.overrides(), address.quick());
        if (!workload.digest().equals(address.digest())) {
            throw new IllegalArgumentException("the spec sent does not match its digest");
        }
        if (address.point() < 0 || address.point() >= workload.points().size()) {
            throw new IllegalArgumentException("the spec has no sweep point " + address.point());
        }
        SweepPoint point = workload.points().get(address.point());
        Map<String, StageShape> shapes = WorkloadShapes.at(workload, point);
        Map<String, Value> values = new HashMap<>();
        Stage target = workload.stage(address.stage()).orElseThrow(() -> new IllegalArgumentException("no stage '"
            + address.stage() + "' in the spec sent"));
        Set<String> needed = workload.graph().allInputs(target);
        // inputs made in part: read straight by the target, and read by no other stage it needs (those read them whole)
        Set<String> inPart = new java.util.HashSet<>();
        if (inParts) {
            for (String id : target.inputs()) {
                Stage input = workload.stage(id).orElseThrow();
                boolean readElsewhere = workload.stages().stream().anyMatch(s -> needed.contains(s.id())
                    && s.inputs().contains(id));
                if (input.kernel().makesPartsAlone() && !readElsewhere) {
                    inPart.add(id);
                }
            }
        }
        Map<String, BlockTask<?, ?>> unmade = new java.util.LinkedHashMap<>();
        for (Stage stage : workload.stages()) {                          // in order: inputs come first
            if (needed.contains(stage.id())) {
                BlockTask<?, ?> task = instance(stage, point, shapes, values).task();
                if (task.spawnsProcesses()) {
                    throw new IllegalArgumentException("stage '" + stage.id() + "', which it reads, starts processes, and "
                        + why);
                }
                if (inPart.contains(stage.id())) {
                    unmade.put(stage.id(), task);
                    values.put(stage.id(), task.result(null));           // allocated, made as the blocks that run ask
                } else {
                    values.put(stage.id(), output(task, accelerators, pool));
                }
            }
        }
        StageInstance instance = instance(target, point, shapes, values);
        if (!unmade.isEmpty() && instance.task().reads(0, Math.min(instance.task().length(), instance.task().blockSize()))
            == null) {
            // the stage does not say what its blocks read: make those inputs whole after all
            unmade.values().forEach(t -> output(t, accelerators, pool));
            unmade.clear();
        }
        List<PartialInput<?>> partial = unmade.values().stream().<PartialInput<?>>map(t -> partial(t, accelerators))
            .toList();
        return new Bound(instance, partial);
    }

    private static <O> PartialInput<O> partial(BlockTask<O, ?> task, Accelerators accelerators) {
        return new PartialInput<>(task, ops(task, accelerators));
    }

    private static <O, P> Value output(BlockTask<O, P> task, Accelerators accelerators, WorkerPool pool) {
        return BlockExecutor.run(task, ops(task, accelerators), pool);
    }

    /** This machine's best chunk functions for the task: SIMD where usable and written for it, else scalar. */
    static <O> O ops(BlockTask<O, ?> task, Accelerators accelerators) {
        return accelerators.find(Backend.SIMD).filter(a -> a.availability().usable()).flatMap(a -> a.ops(task.opsType()))
            .or(() -> accelerators.find(Backend.SCALAR).flatMap(a -> a.ops(task.opsType())))
            .orElseThrow(() -> new IllegalStateException("no chunk functions for " + task.opsType().getSimpleName()));
    }

    private static StageInstance instance(Stage stage, SweepPoint point, Map<String, StageShape> shapes,
                                          Map<String, Value> values) {
        return stage.kernel().bind(point.paramsFor(stage), stage.inputs().stream().map(values::get).toList(),
            stage.inputs().stream().map(id -> shapes.get(id).output()).toList());
    }
}
