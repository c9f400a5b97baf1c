package dev.lanes.cli;

import dev.lanes.core.ExecutionException;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.BackendOptions;
import dev.lanes.core.kernels.BuiltInKernels;
import dev.lanes.core.result.ResultJson;
import dev.lanes.core.result.RunResult;
import dev.lanes.core.result.ShardMerge;
import dev.lanes.core.run.BlockJoin;
import dev.lanes.core.spec.SpecLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code lanes merge PARTIAL...}: the results of {@code lanes run --shard K/N}, one per shard,
 * joined into the result of the whole workload (every check before anything is written).
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = "Join the partial results of lanes run --shard K/N (one file per shard, any order) into the whole run's "
        + "result: every shard exactly once, all of the same spec, overrides, flags and lanes version. Shards that cut "
        + "blocks (--shard-by blocks) are folded in block order and checked against the scalar reference here.")
final class MergeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    OutputOptions outputs;

    @Parameters(arity = "1..*", paramLabel = "PARTIAL", description = "Result files written by lanes run --shard K/N.")
    List<Path> files;

    @Override
    public Integer call() {
        var targets = outputs.targets(spec.commandLine().getOut());
        List<ShardMerge.Partial> partials = files.stream()
            .map(f -> new ShardMerge.Partial(f.toString(), ResultJson.read(f))).toList();
        List<RunResult> merged;
        // shards that cut blocks are joined by binding each stage again here: SIMD where usable, never a device
        try (BlockJoin join = new BlockJoin(SpecLoader.forThisJvm(BuiltInKernels.registry()),
            Accelerators.load(new BackendOptions(false, true)), Runtime.getRuntime().availableProcessors())) {
            merged = ShardMerge.merge(partials, join);
        }
        for (RunResult r : merged) {
            if (r.shardMachines() > 1) {
                spec.commandLine().getErr().println("lanes: " + r.spec().name() + ": the " + r.mergedFrom().size()
                    + " shards ran on " + r.shardMachines() + " different machines; each point's figures are its own "
                    + "shard's machine's, and the header names the first");
            }
        }
        targets.finish(merged);
        List<dev.lanes.core.result.StageFailure> failed = merged.stream().flatMap(r -> r.failures().stream()).toList();
        if (!failed.isEmpty()) {
            throw new ExecutionException("a shard's stage failed: " + failed.get(0).describe() + (failed.size() == 1 ? ""
                : " (and " + (failed.size() - 1) + " more, in the result)"));
        }
        return 0;
    }
}
