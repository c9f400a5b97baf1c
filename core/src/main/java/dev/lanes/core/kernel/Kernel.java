package dev.lanes.core.kernel;

import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Backend;

import java.util.List;
import java.util.Set;

/**
 * One named computation: its parameters, its inputs, its cost ({@link Work}) and its
 * scalar reference. Kernels are stateless; {@link #bind} makes a runnable instance.
 */
public interface Kernel {

    String name();

    /** One line for {@code lanes kernels}. */
    String summary();

    List<ParamSpec> params();

    /** Names of the inputs in order; a spec's {@code inputs:} lists that many stage ids. */
    List<String> inputs();

    /**
     * Inputs a spec may add after {@link #inputs()}, all or none: {@code matmul} takes its A
     * and B from other stages (loaded data) instead of generating them.
     */
    default List<String> optionalInputs() {
        return List.of();
    }

    /** Backends that have an implementation (whether usable here is another matter). */
    Set<Backend> backends();

    /**
     * True for kernels that produce data rather than compute on it ({@code generate}):
     * they run once per sweep point, before the measured stages, and are not benchmarked.
     */
    default boolean isSource() {
        return false;
    }

    /**
     * True for a data stage whose every block is a function of its parameters and its place
     * alone ({@code generate}: seed and index): a part of its output can be made without the
     * rest, so a distributed member makes only the parts its blocks read.
     */
    default boolean makesPartsAlone() {
        return false;
    }

    /**
     * False for work the cost model knows nothing of (a shell command): it then has no
     * estimate, no share of a roof and no plan accuracy, and no note on its inner code.
     */
    default boolean modelled() {
        return true;
    }

    /**
     * Validates parameters against input shapes and gives the stage's sizes.
     *
     * @throws InvalidStageException naming the parameter at fault
     */
    StageShape shape(Params params, List<DataShape> inputs);

    /**
     * The stage's size as its user sets it, for reports; by default the elements processed.
     * Matrix kernels speak of their dimensions.
     */
    default StageSize size(Params params, StageShape shape) {
        return StageSize.elements(shape.work().elements());
    }

    /** Binds the kernel to input values of the shapes {@link #shape} accepted. */
    StageInstance bind(Params params, List<Value> inputs);

    /**
     * The thread counts this stage sweeps instead of the settings' (a command's
     * {@code concurrency}); empty to follow the settings.
     */
    default List<Integer> threadCounts(Params params) {
        return List.of();
    }

    /**
     * Exactly this many warm-up runs, with no minimum time and no wait for steady times (a
     * command, which the JIT does not compile: hyperfine's {@code --warmup N}); empty for the
     * usual warm-up.
     */
    default java.util.OptionalInt warmupRuns(Params params) {
        return java.util.OptionalInt.empty();
    }

    /**
     * The same, told the inputs' shapes, for a kernel that needs more of them than a value
     * holds (a matrix's rows and columns); the runner calls this one.
     */
    default StageInstance bind(Params params, List<Value> inputs, List<DataShape> shapes) {
        return bind(params, inputs);
    }
}
