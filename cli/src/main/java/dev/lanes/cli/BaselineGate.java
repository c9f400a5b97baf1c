package dev.lanes.cli;

import dev.lanes.core.GateFailedException;
import dev.lanes.core.UsageException;
import dev.lanes.core.gate.Comparison;
import dev.lanes.core.gate.Gate;
import dev.lanes.core.gate.GateOptions;
import dev.lanes.core.gate.MeasuredRun;
import dev.lanes.core.io.AtomicFile;
import dev.lanes.core.machine.Fingerprint;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.report.ComparisonFormat;
import dev.lanes.core.result.ResultJson;
import dev.lanes.core.result.RunResult;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code run --baseline} and {@code --save-baseline}: both files are read and checked
 * before anything runs; after a complete run, the new results are compared with the
 * baseline and appended to the saved baseline, which keeps the last
 * {@value #KEPT_RUNS} runs of each spec, so each point's run-to-run spread is measured
 * from them.
 */
final class BaselineGate {
    static final int KEPT_RUNS = 10;

    private final Path baseline;
    private final List<RunResult> baselineRuns;
    private final Path save;
    private final List<RunResult> savedRuns;
    private final GateOptions options;
    private final ComparisonOutputs outputs;

    private BaselineGate(Path baseline, List<RunResult> baselineRuns, Path save, List<RunResult> savedRuns, GateOptions options,
                         ComparisonOutputs outputs) {
        this.baseline = baseline;
        this.baselineRuns = baselineRuns;
        this.save = save;
        this.savedRuns = savedRuns;
        this.options = options;
        this.outputs = outputs;
    }

    /** Reads and checks the baseline files now, before anything runs. */
    static BaselineGate of(Path baseline, Path save, GateOptions options, ComparisonOutputs outputs, MachineInfo machine) {
        List<RunResult> baselineRuns = baseline == null ? List.of() : ResultJson.read(baseline);
        List<RunResult> savedRuns = List.of();
        if (save != null) {
            AtomicFile.checkWritable(save);
            if (Files.exists(save)) {
                savedRuns = ResultJson.read(save);
                String here = Fingerprint.of(machine);
                if (savedRuns.stream().anyMatch(r -> !r.machine().fingerprint().equals(here))) {
                    throw new UsageException("--save-baseline " + save + ": it holds runs of another machine; name another "
                        + "file, or remove it to start a new baseline here");
                }
            }
        }
        return new BaselineGate(baseline, baselineRuns, save, savedRuns, options, outputs);
    }

    /**
     * After a complete run: saves the baseline, then compares; the comparison goes to its
     * files and to {@code out} (or {@code err} when stdout holds machine-readable results).
     *
     * @throws GateFailedException when the gate fails, after everything is written
     */
    void after(List<RunResult> results, ComparisonFormat stdoutFormat, PrintWriter out, PrintWriter err) {
        if (save != null) {
            List<RunResult> kept = new ArrayList<>(savedRuns);
            for (RunResult r : results) {
                kept.add(r);
                List<RunResult> same = kept.stream().filter(k -> k.spec().name().equals(r.spec().name())).toList();
                for (int n = 0; n < same.size() - KEPT_RUNS; n++) {
                    RunResult oldest = same.get(n);
                    kept.removeIf(k -> k == oldest);
                }
            }
            AtomicFile.write(save, ResultJson.write(kept));
            long runs = kept.stream().filter(r -> r.spec().name().equals(results.get(0).spec().name())).count();
            err.println("lanes: saved the baseline " + save + " (" + runs + " run" + (runs == 1 ? "" : "s") + " of '"
                + results.get(0).spec().name() + "'; each run saved again measures the run-to-run spread better)");
        }
        if (baseline == null) {
            return;
        }
        Comparison c = Gate.compare(baseline.toString(), baselineRuns.stream().map(MeasuredRun::of).toList(), "this run",
            results.stream().map(MeasuredRun::of).toList(), options);
        outputs.write(c, err);
        PrintWriter target = stdoutFormat == null ? err : out;
        target.print((stdoutFormat == null ? ComparisonFormat.TABLE : stdoutFormat).render(c));
        target.flush();
        if (c.failed()) {
            throw new GateFailedException(c.summary());
        }
    }
}
