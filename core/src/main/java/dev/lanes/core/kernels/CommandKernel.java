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
import java.util.Set;

/**
 * A shell command as a stage, measured as lanes measures a kernel (warm-up, every sample
 * kept, the median and its interval, every export): one execution runs {@code copies} copies
 * of the command, and on the threads backend that many at a time as there are threads, so a
 * thread sweep is a concurrency sweep with its scaling table. A command without shell syntax
 * runs directly (as {@code hyperfine -N} does), one with it as {@code sh -c RUN} (then the time
 * includes starting the shell); {@code shell: always|never} decides instead. Output is discarded (as
 * hyperfine does by default). A copy that exits non-zero fails the stage with its status and the
 * tail of its stderr. It runs on {@link ExecTasks}, the {@code exec} kernel's tasks.
 */
public final class CommandKernel implements Kernel {
    private static final int MAX_COPIES = 1 << 16;

    @Override
    public String name() {
        return "command";
    }

    @Override
    public String summary() {
        return "a command (direct, or sh -c for shell syntax), timed as a stage; copies at once over threads: a concurrency sweep";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
            ParamSpec.required("run", new ParamType.Text(), "the command, run by sh -c in the current directory"),
            ParamSpec.optional("copies", new ParamType.Size(1, MAX_COPIES, 4), 1L,
                "copies per execution; the threads backend runs as many at once as it has threads"),
            ParamSpec.optional("shell", new ParamType.Choice(List.of("auto", "always", "never")), "auto",
                "run through sh -c: auto when the command has shell syntax (pipes, quotes, $, globs, ...); builtins such "
                    + "as exit or cd need always"));
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
        long copies = params.size("copies");
        return new StageShape(DataShape.scalarF64(), new Work(copies, 0, 0, "command", copies), 0);
    }

    @Override
    public StageSize size(Params params, StageShape shape) {
        return new StageSize("copies", List.of(params.size("copies")));
    }

    @Override
    public StageInstance bind(Params params, List<Value> inputs) {
        // the exec kernel's tasks with the words this kernel makes of its one string: copies are tasks
        ExecTasks copies = new ExecTasks(new ExecTasks.Options(new CommandLine(argv(params.text("run"), params.choice("shell")),
            false), (int) params.size("copies"), java.util.Map.of(), null, 0, null, null, null, false, "discard"));
        return copies.stage();
    }

    /** Characters that make a command need a shell: quoting, expansion, redirection, pipes, globs, comments. */
    private static final java.util.regex.Pattern SHELL_SYNTAX = java.util.regex.Pattern.compile("[|&;<>()$`\\\\\"'*?\\[\\]#~=%{}!]");

    /** The process to start: the words of a plain command, or {@code sh -c RUN}. */
    static List<String> argv(String run, String shell) {
        boolean viaShell = switch (shell) {
            case "always" -> true;
            case "never" -> false;
            default -> SHELL_SYNTAX.matcher(run).find();
        };
        return viaShell ? List.of("sh", "-c", run) : List.of(run.strip().split("\\s+"));
    }
}
