package dev.lanes.core.spec;

import dev.lanes.core.exec.BackendChoice;
import dev.lanes.core.kernel.Kernel;
import dev.lanes.core.kernel.Params;

import java.util.List;

/**
 * One validated stage.
 *
 * @param backend   what the stage asks for; {@code null} means the settings' backend
 * @param location  where the stage is written
 * @param weakParam {@code STAGE.PARAM} that grows with the thread count ({@code scaling: { weak: ... }}),
 *                  or {@code null} for the usual strong scaling
 * @param gate      the stage's own gate rule, or {@code null} to follow the command line
 * @param save      where its output is written ({@code save:} or {@code --save-dir}): an absolute path ending in
 *                  .npy or .csv, or {@code null}
 * @param after     stages that must run before it without feeding it ({@code after:}): order only, no data
 */
public record Stage(String id, Kernel kernel, Params params, List<String> inputs, BackendChoice backend,
                    SourceLocation location, String weakParam, GateRule gate, String save, List<String> after) {

    public Stage {
        inputs = List.copyOf(inputs);
        after = List.copyOf(after);
    }

    public Stage withParams(Params value) {
        return new Stage(id, kernel, value, inputs, backend, location, weakParam, gate, save, after);
    }

    public Stage withSave(String value) {
        return new Stage(id, kernel, params, inputs, backend, location, weakParam, gate, value, after);
    }

    /** Every stage that must come first: its inputs, then its order-only predecessors. */
    public List<String> predecessors() {
        List<String> all = new java.util.ArrayList<>(inputs);
        after.stream().filter(a -> !all.contains(a)).forEach(all::add);
        return all;
    }
}
