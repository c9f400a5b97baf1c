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
     * @param why what the binding is for, in messages: "members run no commands a driver sends"
     * @throws IllegalArgumentException when the address does not fit the spec it carries
     */
    static StageInstance bind(SpecLoader loader, StageAddress address, Accelerators accelerators, WorkerPool pool,
                              String why) {
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
        for (Stage stage : workload.stages()) {                          // in order: inputs come first
            if (needed.contains(stage.id())) {
                BlockTask<?, ?> task = instance(stage, point, shapes, values).task();
                if (task.spawnsProcesses()) {
                    throw new IllegalArgumentException("stage '" + stage.id() + "', which it reads, starts processes, and "
                        + why);
                }
                values.put(stage.id(), output(task, accelerators, pool));
            }
        }
        return instance(target, point, shapes, values);
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
