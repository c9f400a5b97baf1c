package dev.lanes.core.kernels;

import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.kernel.DataShape;
import dev.lanes.core.kernel.Kernel;
import dev.lanes.core.kernel.ParamSpec;
import dev.lanes.core.kernel.ParamType;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.kernel.StageSize;
import dev.lanes.core.kernel.Work;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A shell command as a stage, with what hyperfine gives and what it lacks: an argument list
 * (no shell unless asked), {@code tasks} instances per sample with placeholders, a
 * {@code concurrency} sweep with its scaling table, environment, folder, timeout, setup /
 * prepare / cleanup, exact warm-up runs, an exit-status check with the tail of stderr, and
 * the processes' CPU time beside the wall time. See {@link ExecTasks} for how a sample runs.
 */
public final class ExecKernel implements Kernel {
    static final int MAX_TASKS = 1 << 16;
    private static final long DAY_NANOS = 86_400_000_000_000L;

    @Override
    public String name() {
        return "exec";
    }

    @Override
    public String summary() {
        return "a command's tasks (argument list, no shell unless asked) timed as hyperfine times them, at each concurrency";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
            ParamSpec.required("command", new ParamType.Words(), "the command: a list of words, or a string (split on "
                + "spaces, or run by sh -c with shell: true); {task}, {tasks}, {threads} and {tmp} are replaced"),
            ParamSpec.optional("shell", new ParamType.Flag(), false, "run the command by sh -c (its start is then timed too)"),
            ParamSpec.optional("tasks", new ParamType.Size(1, MAX_TASKS, MAX_TASKS), 1L, "instances per sample, {task} = 0 .. tasks-1"),
            ParamSpec.optional("concurrency", new ParamType.SizeList(1, 1, 4096), List.of(1L),
                "how many tasks run at once, swept like threads (a scaling table against the first); settings.threads "
                    + "does not apply"),
            ParamSpec.optionalWithoutDefault("env", new ParamType.TextMap(), "environment variables added to lanes' own"),
            ParamSpec.optionalWithoutDefault("cwd", new ParamType.Folder(), "the folder the commands run in (default: the current one)"),
            ParamSpec.optionalWithoutDefault("timeout", new ParamType.Duration(1_000_000, DAY_NANOS),
                "a task running longer is killed with its process tree, and the stage fails"),
            ParamSpec.optionalWithoutDefault("setup", new ParamType.Words(), "run once before the stage's first run"),
            ParamSpec.optionalWithoutDefault("prepare", new ParamType.Words(), "run before every sample, untimed"),
            ParamSpec.optionalWithoutDefault("cleanup", new ParamType.Words(), "run once after the stage's last run"),
            ParamSpec.optional("warmup", new ParamType.Size(0, 1000, 1000), 1L, "warm-up samples, exactly (no JIT to wait for)"),
            ParamSpec.optional("ignore-failure", new ParamType.Flag(), false, "a non-zero exit does not fail the stage"),
            ParamSpec.optional("output", new ParamType.Text(), "discard",
                "discard (as hyperfine), inherit (lanes' stdout), or a file per task, e.g. {tmp}/out-{task}.gz"));
    }

    @Override
    public List<String> inputs() {
        return List.of();
    }

    @Override
    public Set<Backend> backends() {
        return Set.of(Backend.SCALAR, Backend.THREADS);
    }

    @Override
    public boolean modelled() {
        return false;
    }

    @Override
    public StageShape shape(Params params, List<DataShape> inputs) {
        long tasks = params.size("tasks");
        return new StageShape(DataShape.scalarF64(), new Work(tasks, 0, 0, "task", tasks), 0);
    }

    @Override
    public StageSize size(Params params, StageShape shape) {
        return new StageSize("tasks", List.of(params.size("tasks")));
    }

    @Override
    public List<Integer> threadCounts(Params params) {
        return params.sizes("concurrency").stream().map(Long::intValue).toList();
    }

    @Override
    public OptionalInt warmupRuns(Params params) {
        return OptionalInt.of((int) params.size("warmup"));
    }

    @Override
    public StageInstance bind(Params params, List<Value> inputs) {
        boolean shell = params.flag("shell");
        ExecTasks.Options options = new ExecTasks.Options(
            new CommandLine(params.words("command"), shell), (int) params.size("tasks"),
            params.has("env") ? params.textMap("env") : java.util.Map.of(),
            params.has("cwd") ? java.nio.file.Path.of(params.text("cwd")) : null,
            params.has("timeout") ? params.nanos("timeout") : 0,
            command(params, "setup", shell), command(params, "prepare", shell), command(params, "cleanup", shell),
            params.flag("ignore-failure"), params.text("output"));
        ExecTasks tasks = new ExecTasks(options);
        return tasks.stage();
    }

    private static CommandLine command(Params params, String name, boolean shell) {
        return params.has(name) ? new CommandLine(params.words(name), shell) : null;
    }
}
