package dev.lanes.core.run;

import dev.lanes.core.ExecutionException;
import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BackendChoice;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.RangeCodec;
import dev.lanes.core.exec.RangeRun;
import dev.lanes.core.exec.RemoteBlocks;
import dev.lanes.core.exec.DevicePhases;
import dev.lanes.core.exec.Implementation;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.DataShape;
import dev.lanes.core.kernel.InvalidStageException;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.kernel.TaskFailedException;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.store.WisdomStore;
import dev.lanes.core.plan.DeviceTraffic;
import dev.lanes.core.plan.Estimate;
import dev.lanes.core.plan.ImplementationChooser;
import dev.lanes.core.plan.Planner;
import dev.lanes.core.plan.ConcurrentSchedule;
import dev.lanes.core.plan.ShardPlan;
import dev.lanes.core.plan.ShardSelection;
import dev.lanes.core.plan.StagePlan;
import dev.lanes.core.plan.WorkloadPlan;
import dev.lanes.core.plan.Wisdom;
import dev.lanes.core.result.Analysis;
import dev.lanes.core.result.BlockSlice;
import dev.lanes.core.result.ConcurrentPoint;
import dev.lanes.core.result.PhaseSamples;
import dev.lanes.core.result.PointKey;
import dev.lanes.core.result.PointParam;
import dev.lanes.core.result.PointResult;
import dev.lanes.core.result.RunResult;
import dev.lanes.core.result.SampleSummary;
import dev.lanes.core.result.SpecInfo;
import dev.lanes.core.result.StageFailure;
import dev.lanes.core.result.StageGate;
import dev.lanes.core.result.Throughput;
import dev.lanes.core.result.WeakAxis;
import dev.lanes.core.spec.Settings;
import dev.lanes.core.spec.Stage;
import dev.lanes.core.spec.StageGraph;
import dev.lanes.core.spec.StageMode;
import dev.lanes.core.spec.SweepPoint;
import dev.lanes.core.spec.Workload;
import dev.lanes.core.spec.WorkloadShapes;
import dev.lanes.core.stats.Summary;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs a workload: for every sweep point, every stage in order, on every implementation
 * its backend choice expands to (one per thread count for the threads backend). Each
 * measurement warms up, then times whole kernel calls with {@link System#nanoTime()};
 * inputs are bound and reset outside the timed region; every output is consumed; every
 * sample is kept; a sample during which a GC ran is flagged. What every measurement will
 * be is decided before the first one starts, so an unusable backend stops the run before
 * anything ran, and progress can say how far along it is.
 */
public final class Runner {
    /** A measurement's fixed costs beyond its iterations: the full GC before it, verification. */
    private static final double MEASUREMENT_OVERHEAD_NANOS = 50e6;

    private final Accelerators accelerators;
    private final RunListener listener;
    private final String lanesVersion;
    private final Planner planner;
    private final WisdomStore wisdomStore;
    private Sampler sampler;
    /** The stages of this run that failed, and those cancelled with them. */
    private StageFailures failures = new StageFailures();
    /** The data files this run has read; new for every run. */
    private InputFiles inputFiles = new InputFiles();
    /** What the planner decided before the run (its concurrent schedules are run as they are); null without a planner. */
    private WorkloadPlan workloadPlan;
    /** A concurrent run's ready sets measured together, point by point; new for every run. */
    private List<ConcurrentPoint> concurrent = new ArrayList<>();
    /** Which stage points this run records ({@code --shard}), or all of them; new for every run. */
    private ShardPlan shards;
    /** Each recorded point's place in a whole run, and each concurrent point's sweep point: a shard's result keeps them. */
    private final List<Integer> positions = new ArrayList<>();
    private final List<Integer> concurrentPositions = new ArrayList<>();
    /** Cutting blocks: what this shard ran of each stage point it measured over a part of its blocks. */
    private final List<BlockSlice> slices = new ArrayList<>();

    public Runner(Accelerators accelerators, RunListener listener, String lanesVersion) {
        this(accelerators, listener, lanesVersion, null);
    }

    /** @param planning decides {@code auto} and estimates every measurement; {@code null} for the built-in rule */
    public Runner(Accelerators accelerators, RunListener listener, String lanesVersion, Planning planning) {
        this.accelerators = accelerators;
        this.listener = listener;
        this.lanesVersion = lanesVersion;
        this.planner = planning == null ? null : planning.planner();
        this.wisdomStore = planning == null ? null : planning.wisdom();
    }

    public RunResult run(Workload workload, MachineInfo machine, BackendChoice backendOverride) {
        return run(workload, machine, backendOverride, List.of());
    }

    /**
     * Runs every stage.
     *
     * @param backendOverride {@code --backend}: replaces every stage's choice; {@code null} keeps them
     * @param flags           the command-line flags that changed the run, recorded in the result
     */
    public RunResult run(Workload workload, MachineInfo machine, BackendChoice backendOverride, List<String> flags) {
        return run(workload, machine, backendOverride, flags, null);
    }

    /**
     * Runs the stage points of one shard ({@code --shard K/N}); its result is a partial that
     * {@code lanes merge} joins with the others'.
     *
     * @param shard {@code null} for the whole workload
     */
    public RunResult run(Workload workload, MachineInfo machine, BackendChoice backendOverride, List<String> flags,
                         ShardSelection shard) {
        workload.checkWeakScaling(backendOverride);
        boolean together = workload.settings().stages() == StageMode.CONCURRENT;
        if (together && workload.weakStage().isPresent()) {
            Stage weak = workload.weakStage().get();
            throw new dev.lanes.core.spec.SpecException(weak.location(), "stage '" + weak.id() + "': weak scaling fixes each "
                + "point's threads, so it cannot share a thread budget with concurrent stages; use stages: serial");
        }
        if (together && shard != null && shard.cutsBlocks()) {
            throw new dev.lanes.core.UsageException(shard.from() + " --shard-by blocks: a concurrent run (stages: concurrent) "
                + "measures its ready sets together on one machine, so their blocks cannot be cut; use --shard-by units");
        }
        inputFiles = new InputFiles();
        concurrent = new ArrayList<>();
        shards = ShardPlan.of(workload, shard);
        positions.clear();
        concurrentPositions.clear();
        slices.clear();
        workloadPlan = planner == null ? null : planner.plan(workload, backendOverride);
        Header header = new Header(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), machine, workload, flags);
        ImplementationChooser chooser = new ImplementationChooser(accelerators, machine.cores(), null);
        Progress progress = new Progress(expectedMeasurements(workload, chooser, machine.cores(), backendOverride));
        List<PointResult> results = new ArrayList<>();
        Map<String, Value> unswept = new HashMap<>();     // outputs of the stages no sweep reaches, from the first point
        failures = new StageFailures();
        try (Sampler points = new Sampler()) {
            sampler = points;
            for (SweepPoint point : workload.points()) {
                if (!shards.runs(point)) {
                    continue;                                 // every stage point here is another shard's
                }
                DeviceUse device = new DeviceUse();
                failures.pointStarts();
                try {
                    runPoint(workload, point, chooser, machine.cores(), backendOverride, results, device, header, progress,
                        unswept);
                } finally {
                    device.release();
                }
            }
        } finally {
            sampler = null;
        }
        return header.result(results, true);
    }

    /** What a result says of its run besides its points. */
    private final class Header {
        private final String startedAt;
        private final MachineInfo machine;
        private final SpecInfo spec;
        private final String calibration;
        private final String specText;

        Header(String startedAt, MachineInfo machine, Workload workload, List<String> flags) {
            this.startedAt = startedAt;
            this.specText = workload.text();
            this.machine = machine;
            List<WeakAxis> weak = workload.weakStage().map(s -> List.of(new WeakAxis(s.id(), s.weakParam()))).orElse(List.of());
            List<StageGate> gates = workload.stages().stream().filter(s -> s.gate() != null)
                .map(s -> new StageGate(s.id(), s.gate().off(), s.gate().maxRegression())).toList();
            this.spec = new SpecInfo(workload.name(), workload.source(), workload.digest(), workload.quick(),
                ResultRecords.settings(workload.settings()), workload.overrides(), flags, weak, gates, List.of());
            this.calibration = planner == null ? null
                : planner.model().profile().method() + " " + planner.model().profile().createdAt();
        }

        /** @param complete whether every stage point ran; a failed stage makes the result incomplete too */
        RunResult result(List<PointResult> points, boolean complete) {
            SpecInfo s = spec;
            SpecInfo withFiles = new SpecInfo(s.name(), s.file(), s.digest(), s.quick(), s.settings(), s.overrides(),
                s.flags(), s.weak(), s.gates(), inputFiles.all());
            List<StageFailure> failed = failures.records();
            ShardSelection selection = shards.selection();
            dev.lanes.core.result.ShardInfo shard = selection == null ? null : new dev.lanes.core.result.ShardInfo(
                selection.index(), selection.count(), shards.units().size(), shards.own(),
                positions.subList(0, points.size()), concurrentPositions, shards.cutsBlocks(),
                shards.cutsBlocks() ? specText : null, slices.stream().filter(c -> c.result() < points.size()).toList());
            return new RunResult(RunResult.SCHEMA, complete && failed.isEmpty(), lanesVersion, startedAt,
                ResultRecords.machine(machine), calibration, withFiles, points,
                Analysis.derive(points, spec.weak(), calibration, spec.quick(), concurrent), failed, concurrent, shard,
                List.of());
        }
    }

    /** Counts measurements off as they start, against what each was expected to take. */
    private static final class Progress {
        private final double[] expected;
        /** after[i]: what the measurements after the i-th are expected to take together. */
        private final double[] after;
        private int next;

        Progress(double[] expected) {
            this.expected = expected;
            this.after = new double[expected.length];
            for (int i = expected.length - 2; i >= 0; i--) {
                after[i] = after[i + 1] + expected[i + 1];
            }
        }

        RunListener.Measuring next(String stage, String pointLabel, String implementation) {
            boolean known = next < expected.length;
            double mine = known ? expected[next] : 0;
            double rest = known ? after[next] : 0;
            next++;
            return new RunListener.Measuring(stage, pointLabel, implementation, next, Math.max(next, expected.length), mine,
                rest);
        }
    }

    /**
     * Every measurement the run will make, in order, with the time the planner expects it to
     * take (0 without a planner). Choosing them first also refuses an unusable backend
     * before anything runs.
     */
    private double[] expectedMeasurements(Workload workload, ImplementationChooser chooser, int cores,
                                          BackendChoice override) {
        Settings settings = workload.settings();
        List<Double> expected = new ArrayList<>();
        java.util.Set<String> swept = workload.sweptStages();
        for (SweepPoint point : workload.points()) {
            Map<String, StageShape> shapes = WorkloadShapes.at(workload, point);
            for (Stage stage : workload.stages()) {
                if (stage.kernel().isSource() || point.index() > 0 && !swept.contains(stage.id())
                    || shards.role(point, stage) != ShardPlan.Role.RECORD) {
                    continue;
                }
                StageShape shape = shapes.get(stage.id());
                StageRequest request = request(workload, stage, point, override);
                ElementType type = WorkloadShapes.elementType(stage, shapes);
                List<Implementation> impls;
                if (planner != null && request.backend() == BackendChoice.AUTO && request.threads().size() <= 1) {
                    impls = List.of(implementation(planned(stage, point).chosen()));
                } else {
                    impls = chooser.choose(stage.id(), stage.kernel(), request.backend(), shape.work().elements(),
                        request.threads()).implementations();
                }
                for (Implementation impl : impls) {
                    Estimate e = planner == null ? null : estimate(shape, type, impl, DeviceTraffic.allFromHost(shape.work()));
                    double each = e == null ? 0 : e.nanos();
                    double warm = Math.max(settings.minWarmupMillis() * 1e6, settings.warmup() * each);
                    expected.add(MEASUREMENT_OVERHEAD_NANOS + warm + settings.iterations() * each);
                }
            }
            if (settings.stages() == StageMode.CONCURRENT && shards.runsTogether(point)) {
                // each set run together is one more measurement; its length is not modelled
                schedule(workload, point, override).waves().stream().filter(ConcurrentSchedule.Wave::together)
                    .forEach(w -> expected.add(MEASUREMENT_OVERHEAD_NANOS + settings.minWarmupMillis() * 1e6));
            }
        }
        return expected.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** What one stage asks for at one point: its backend and thread counts; a weak-scaling stage's are fixed. */
    private record StageRequest(BackendChoice backend, List<Integer> threads) {
    }

    private static StageRequest request(Workload workload, Stage stage, SweepPoint point, BackendChoice override) {
        if (point.weakThreads() > 0 && stage.weakParam() != null) {
            // on the distributed backend the counts are members: the data grows with the members
            return new StageRequest(override == BackendChoice.DISTRIBUTED ? BackendChoice.DISTRIBUTED : BackendChoice.THREADS,
                List.of(point.weakThreads()));
        }
        BackendChoice backend = override != null ? override
            : workload.backendOf(stage);
        List<Integer> own = stage.kernel().threadCounts(point.paramsFor(stage));
        if (own.isEmpty()) {
            return new StageRequest(backend, workload.settings().threads());
        }
        // a stage's own counts (a command's concurrency) are what it asks for: auto runs them on threads
        return new StageRequest(backend == BackendChoice.AUTO ? BackendChoice.THREADS : backend, own);
    }

    /**
     * Measures every stage at one point (and, in a concurrent run, its ready sets), then closes
     * every stage it opened.
     *
     * @return the measured stages bound at this point and run without failing, by id
     */
    private Map<String, StageInstance> runPoint(Workload workload, SweepPoint point, ImplementationChooser chooser, int cores,
                                                BackendChoice override, List<PointResult> results, DeviceUse device,
                                                Header header, Progress progress, Map<String, Value> unswept) {
        Map<String, StageInstance> bound = new HashMap<>();
        List<Map.Entry<Stage, StageInstance>> opened = new ArrayList<>();
        try {
            measurePoint(workload, point, chooser, cores, override, results, device, header, progress, unswept, bound, opened);
            if (workload.settings().stages() == StageMode.CONCURRENT && shards.runsTogether(point)) {
                runTogether(workload, point, override, bound, progress);
            }
        } finally {
            closeAll(opened, point, workload.sweptStages());
        }
        return bound;
    }

    /** Each opened stage's close (a command's cleanup), in the order they opened; a failure is recorded, not thrown. */
    private void closeAll(List<Map.Entry<Stage, StageInstance>> opened, SweepPoint point, java.util.Set<String> swept) {
        for (Map.Entry<Stage, StageInstance> e : opened) {
            String problem = e.getValue().close();
            if (problem != null) {
                Stage stage = e.getKey();
                failures.failedLate(stage.id(), swept.contains(stage.id()) ? ResultRecords.point(point) : List.of(),
                    "stage '" + stage.id() + "': " + problem);
            }
        }
    }

    private void measurePoint(Workload workload, SweepPoint point, ImplementationChooser chooser, int cores,
                              BackendChoice override, List<PointResult> results, DeviceUse device, Header header,
                              Progress progress, Map<String, Value> unswept, Map<String, StageInstance> bound,
                              List<Map.Entry<Stage, StageInstance>> opened) {
        Settings settings = workload.settings();
        Map<String, StageShape> shapes = WorkloadShapes.at(workload, point);
        Map<String, Value> values = new HashMap<>();
        java.util.Set<String> swept = workload.sweptStages();
        for (Stage stage : workload.stages()) {
            if (!swept.contains(stage.id()) && unswept.containsKey(stage.id())) {
                values.put(stage.id(), unswept.get(stage.id()));     // measured and reported at the first point
                continue;
            }
            ShardPlan.Role role = shards.role(point, stage);
            if (role == ShardPlan.Role.SKIP) {
                continue;                                     // another shard's, and nothing here reads it
            }
            if (failures.failedBefore(stage) || failures.cancels(stage)) {
                continue;                                     // recorded: it failed at an earlier point, or depends on a failure
            }
            try {
                if (role == ShardPlan.Role.COMPUTE) {
                    Value output = computeOnly(workload, stage, point, shapes, values, chooser, cores, override, device, opened);
                    values.put(stage.id(), output);
                    if (!swept.contains(stage.id())) {
                        unswept.put(stage.id(), output);
                    }
                    continue;
                }
                Params params = point.paramsFor(stage);
                List<Value> inputs = stage.inputs().stream().map(values::get).toList();
                StageShape shape = shapes.get(stage.id());
                StageRequest request = request(workload, stage, point, override);
                ElementType type = WorkloadShapes.elementType(stage, shapes);
                StageInstance instance = openStage(stage, params, inputs, shapes, opened);
                // what a device implementation would copy, given what earlier stages left there (not what this one leaves)
                DeviceTraffic traffic = device.traffic(stage, shapes);
                Chosen chosen = choose(stage, instance, point, shape, type, request, traffic, device, chooser, cores, settings);
                String planNote = chosen.planNote();
                ImplementationChooser.Choice choice = chosen.choice();
                Value output = null;
                boolean whole = true;                         // the output is the whole stage's, not a shard's blocks
                for (Implementation impl : choice.implementations()) {
                    boolean source = stage.kernel().isSource();
                    Sampler.Cut cut = source ? null : cut(instance.task(), impl);
                    if (cut != null) {
                        whole = false;
                        if (cut.firstBlock() == cut.endBlock()) {
                            continue;                         // none of its blocks is this shard's
                        }
                    }
                    String label = impl.label() + (impl.threads() > 1 ? " x" + impl.threads() : "");
                    if (!source) {
                        listener.started(progress.next(stage.id(), swept.contains(stage.id()) ? point.label() : "", label));
                    }
                    device.beforeMeasuring(impl);
                    java.util.OptionalInt exactWarmup = stage.kernel().warmupRuns(params);
                    Sampler.Warmup warmup = source ? Sampler.Warmup.exactly(0) : exactWarmup.isPresent()
                        ? Sampler.Warmup.exactly(exactWarmup.getAsInt())
                        : Sampler.Warmup.usual(settings.warmup(), settings.minWarmupMillis());
                    Sampler.Measurement m = sampler.measure(stage, instance.task(), impl, warmup, source ? 1 : settings.iterations(),
                        impl.backend() == Backend.DISTRIBUTED ? address(workload, point, stage) : null, cut);
                    String deviceNote = device.afterMeasuring(stage, impl, true);
                    Check check = settings.verify() && cut == null ? instance.verify(m.output()) : null;
                    List<String> notes = new ArrayList<>();
                    if (cut != null) {
                        notes.add(cutNote(instance.task(), cut, stage.save() != null));
                    }
                    // processes that wait (sleep, I/O) do not contend for cores as threads do
                    String oversubscribed = impl.threads() > cores && !instance.task().spawnsProcesses()
                        && impl.backend() != Backend.DISTRIBUTED ? "oversubscribed: " + impl.threads() + " threads on "
                        + cores + " cores take turns, so this point measures contention, not scaling" : null;
                    for (String note : new String[] {planNote, choice.note(), deviceNote, oversubscribed}) {
                        if (note != null) {
                            notes.add(note);
                        }
                    }
                    PointResult result = pointResult(stage, swept.contains(stage.id()) ? ResultRecords.point(point) : List.of(),
                        params, shape, type, impl, m, instance.describe(m.output()), check, notes, traffic,
                        StageDefinitions.digest(workload, point, stage, request.backend(), inputFiles), workload.quick(),
                        cut == null ? 1 : share(instance.task(), cut));
                    if (cut != null) {
                        var work = shape.work();
                        slices.add(new BlockSlice(results.size(), point.index(), stage.id(), cut.firstBlock(), cut.endBlock(),
                            RangeRun.blocks(instance.task()), work.elements(), work.flops(), work.bytesMoved(),
                            RangeCodec.encode(m.slice())));
                    }
                    results.add(result);
                    positions.add(shards.position(point, stage));
                    List<PointResult> soFar = List.copyOf(results);
                    listener.finished(result, memoized(() -> header.result(soFar, false)));
                    output = m.output();
                }
                if (!whole && readByAnother(workload, stage)) {
                    // a shard measured only its blocks; what reads the stage reads the whole output, made here unmeasured
                    output = computeOnly(workload, stage, point, shapes, values, chooser, cores, override, device, opened);
                }
                values.put(stage.id(), output);
                if (!stage.kernel().isSource()) {
                    bound.put(stage.id(), instance);
                }
                if (!swept.contains(stage.id())) {
                    unswept.put(stage.id(), output);
                }
                if (stage.save() != null && output != null && whole) {
                    SavedOutputs.save(stage, point, swept.contains(stage.id()), output, shapes.get(stage.id()).output().dims());
                }
            } catch (ExecutionException e) {
                // the stage failed: its dependents are cancelled, the stages that do not depend on it still run
                failures.failed(stage, swept.contains(stage.id()) ? ResultRecords.point(point) : List.of(), e.getMessage(),
                    swept.contains(stage.id()));
            }
        }
    }

    /**
     * Another shard's stage that one of this shard's reads: bound, opened and run once on the
     * implementation a whole run would leave its output from (the last it measures), for that
     * output only: not measured, not recorded, not saved.
     */
    private Value computeOnly(Workload workload, Stage stage, SweepPoint point, Map<String, StageShape> shapes,
                              Map<String, Value> values, ImplementationChooser chooser, int cores, BackendChoice override,
                              DeviceUse device, List<Map.Entry<Stage, StageInstance>> opened) {
        Params params = point.paramsFor(stage);
        StageInstance instance = openStage(stage, params, stage.inputs().stream().map(values::get).toList(), shapes, opened);
        Chosen chosen = choose(stage, instance, point, shapes.get(stage.id()), WorkloadShapes.elementType(stage, shapes),
            request(workload, stage, point, override), device.traffic(stage, shapes), device, chooser, cores,
            workload.settings());
        Implementation impl = chosen.choice().implementations().getLast();
        device.beforeMeasuring(impl);
        Sampler.Measurement m = sampler.measure(stage, instance.task(), impl, Sampler.Warmup.exactly(0), 1,
            impl.backend() == Backend.DISTRIBUTED ? address(workload, point, stage) : null);
        device.afterMeasuring(stage, impl, true);
        return m.output();
    }

    /**
     * What this shard measures of a stage on an implementation when it cuts blocks ({@code --shard-by blocks}): its part
     * of the block range, an empty range when it has none (fewer blocks than shards, or a stage whose blocks cannot be
     * cut, which the first shard measures whole); {@code null} for the whole range (no cutting, or that first shard).
     */
    private Sampler.Cut cut(BlockTask<?, ?> task, Implementation impl) {
        if (!shards.cutsBlocks()) {
            return null;
        }
        ShardSelection selection = shards.selection();
        boolean onCpu = impl.backend() == Backend.SCALAR || impl.backend() == Backend.SIMD || impl.backend() == Backend.THREADS;
        if (!onCpu || RemoteBlocks.whyNot(task) != null) {
            return selection.index() == 1 ? null : new Sampler.Cut(0, 0);
        }
        int[] range = RangeRun.share(RangeRun.blocks(task), selection.index() - 1, selection.count());
        return new Sampler.Cut(range[0], range[1]);
    }

    /** The share of the stage's elements that a cut's blocks hold. */
    private static double share(BlockTask<?, ?> task, Sampler.Cut cut) {
        long from = (long) cut.firstBlock() * task.blockSize();
        long to = Math.min((long) cut.endBlock() * task.blockSize(), task.length());
        return task.length() == 0 ? 0 : (double) (to - from) / task.length();
    }

    private String cutNote(BlockTask<?, ?> task, Sampler.Cut cut, boolean saves) {
        return "blocks [" + cut.firstBlock() + ", " + cut.endBlock() + ") of " + RangeRun.blocks(task) + ", shard "
            + shards.selection().label() + "'s part: its time and work are the part's; lanes merge checks the joined output"
            + (saves ? "; not saved (a shard holds only its blocks)" : "");
    }

    private static boolean readByAnother(Workload workload, Stage stage) {
        return workload.stages().stream().anyMatch(s -> s.inputs().contains(stage.id()));
    }

    /** Where members find the stage: the spec's text and file, how it was loaded, the stage and the point. */
    private static dev.lanes.core.exec.StageAddress address(Workload workload, SweepPoint point, Stage stage) {
        return new dev.lanes.core.exec.StageAddress(java.nio.file.Path.of(workload.source()).toAbsolutePath().toString(),
            workload.text(), workload.digest(), workload.overrides(), workload.quick(), stage.id(), point.index());
    }

    /** The stage bound to its inputs and opened (a command's setup), its data files noted; {@code opened} closes it. */
    private StageInstance openStage(Stage stage, Params params, List<Value> inputs, Map<String, StageShape> shapes,
                                    List<Map.Entry<Stage, StageInstance>> opened) {
        StageInstance instance = bind(stage, params, inputs, stage.inputs().stream().map(id -> shapes.get(id).output()).toList());
        opened.add(Map.entry(stage, instance));
        open(stage, instance);
        inputFiles.read(stage, params);
        return instance;
    }

    /** The run's plan of a measured stage at a point: the plan has every one. */
    private StagePlan planned(Stage stage, SweepPoint point) {
        return workloadPlan.stagePlan(stage.id(), point.values()).orElseThrow(() -> new IllegalStateException(
            "the plan has no stage '" + stage.id() + "' at " + point.values()));
    }

    /** What a stage runs on at a point, and why when that is not obvious (a decision by measurement). */
    private record Chosen(ImplementationChooser.Choice choice, String planNote) {
    }

    /** The plan's choice for the stage (by short trials where {@code --plan measure} asks), expanded to its thread counts. */
    private Chosen choose(Stage stage, StageInstance instance, SweepPoint point, StageShape shape, ElementType type,
                          StageRequest request, DeviceTraffic traffic, DeviceUse device, ImplementationChooser chooser,
                          int cores, Settings settings) {
        String planNote = null;
        StagePlan plan = null;
        if (planner != null && !stage.kernel().isSource()) {
            // the run's plan, which `lanes plan` prints; planned again only where the device holds other data than
            // it assumed (a GPU stage before this one failed, or ran on the CPU)
            plan = planned(stage, point);
            if (!plan.traffic().equals(traffic)) {
                plan = planner.plan(stage.id(), stage.kernel(), point.values(), shape.work(), type, Planner.maxThreads(settings),
                    traffic);
                planNote = request.backend() == BackendChoice.AUTO
                    ? "planned again: the device did not hold the inputs the plan assumed" : null;
            }
            if (wisdomStore != null && request.backend() == BackendChoice.AUTO && request.threads().size() <= 1) {
                Wisdom.Entry decided = decideByMeasurement(stage, instance, plan, type, device);
                plan = plan.decided(decided.chosen(), "measured");
                planNote = "auto by measurement (" + decided.measuredAt() + "): " + decided.trialMedianNanos().entrySet()
                    .stream().sorted(Map.Entry.comparingByValue())
                    .map(e -> e.getKey() + " " + Math.round(e.getValue() / 1e3) + " µs").toList()
                    + "; chose " + decided.chosen().label() + ", " + decided.rule();
            }
        }
        Implementation planned = plan == null ? null : implementation(plan.chosen());
        ImplementationChooser stageChooser = planned == null ? chooser
            : new ImplementationChooser(accelerators, cores, (id, kernel, elements) -> planned);
        return new Chosen(stageChooser.choose(stage.id(), stage.kernel(), request.backend(), shape.work().elements(),
            request.threads()), planNote);
    }

    /**
     * The point's concurrent schedule: the run's {@link WorkloadPlan}'s, which {@code lanes plan}
     * prints; without a planner, the same rule with every stage weighing alike.
     */
    private ConcurrentSchedule schedule(Workload workload, SweepPoint point, BackendChoice override) {
        if (workloadPlan != null && point.index() < workloadPlan.schedules().size()) {
            return workloadPlan.schedules().get(point.index()).schedule();
        }
        return ConcurrentSchedule.forPoint(workload, point, override, s -> Double.NaN);
    }

    /**
     * A concurrent run's second half at one point: each ready set of the schedule measured
     * with its stages started together, on the instances the serial measurements bound. A
     * stage that failed or was cancelled leaves its set (the others keep their shares); a
     * set left with one stage is not measured again. Stages whose tasks rewrite an input in
     * place and share it with another of the set cannot run together: the set runs serially.
     */
    private void runTogether(Workload workload, SweepPoint point, BackendChoice override, Map<String, StageInstance> bound,
                             Progress progress) {
        Settings settings = workload.settings();
        ConcurrentSchedule schedule = schedule(workload, point, override);
        StageGraph graph = workload.graph();
        List<PointParam> at = ResultRecords.point(point);
        java.util.Set<String> measured = new java.util.HashSet<>();
        schedule.waves().forEach(w -> w.slots().forEach(slot -> measured.add(slot.stage())));
        List<ConcurrentPoint.ReadySet> sets = new ArrayList<>();
        for (ConcurrentSchedule.Wave wave : schedule.waves()) {
            List<ConcurrentSchedule.Slot> present = wave.slots().stream().filter(slot -> bound.containsKey(slot.stage())).toList();
            String note = present.size() < wave.slots().size() ? "without " + String.join(", ", wave.slots().stream()
                .map(ConcurrentSchedule.Slot::stage).filter(id -> !bound.containsKey(id)).toList()) + " (failed or cancelled)"
                : null;
            if (present.isEmpty()) {
                continue;
            }
            String conflict = sharedInPlace(workload, present, bound);
            if (conflict != null) {
                note = conflict;
            }
            List<WaveSampler.Member<?, ?>> members = new ArrayList<>();
            for (ConcurrentSchedule.Slot slot : present) {
                Stage stage = workload.stage(slot.stage()).orElseThrow();
                members.add(member(stage, bound.get(slot.stage()).task(), implementationTogether(workload, stage, override,
                    slot.threads())));
            }
            if (present.size() == 1 || conflict != null) {
                sets.add(alone(graph, workload, members, measured, note));
                continue;
            }
            listener.started(progress.next(String.join(" + ", present.stream().map(ConcurrentSchedule.Slot::stage).toList()),
                workload.sweptStages().isEmpty() ? "" : point.label(), "together, " + schedule.budget() + " threads"));
            try {
                WaveSampler.Measurement m = new WaveSampler().measure(members, settings.warmup(), settings.iterations(),
                    settings.minWarmupMillis());
                List<ConcurrentPoint.Member> recorded = new ArrayList<>();
                for (int i = 0; i < members.size(); i++) {
                    WaveSampler.Member<?, ?> member = members.get(i);
                    Check check = settings.verify() ? bound.get(member.stage().id()).verify(m.outputs().get(i)) : null;
                    if (check != null && !check.passed()) {
                        failures.failedLate(member.stage().id(), at, "stage '" + member.stage().id() + "': wrong result "
                            + "when run together with others: " + check.method() + " " + check.error() + " > " + check.bound());
                    }
                    recorded.add(record(graph, member, measured, Arrays.stream(m.stageNanos().get(i)).boxed().toList(),
                        ResultRecords.check(check)));
                }
                sets.add(new ConcurrentPoint.ReadySet(recorded, Arrays.stream(m.wallNanos()).boxed().toList(), m.gcSamples(),
                    note));
            } catch (MemberFailedException e) {
                failures.failedLate(e.stage(), at, e.getMessage());
            }
        }
        concurrent.add(new ConcurrentPoint(at, schedule.budget(), sets));
        concurrentPositions.add(point.index());
    }

    /**
     * Why the set cannot run together, or {@code null}: a member whose task rewrites its
     * inputs in place (its reset restores them) shares an input with another member.
     */
    private static String sharedInPlace(Workload workload, List<ConcurrentSchedule.Slot> slots, Map<String, StageInstance> bound) {
        for (ConcurrentSchedule.Slot a : slots) {
            if (!bound.get(a.stage()).task().updatesInPlace()) {
                continue;
            }
            List<String> mine = workload.stage(a.stage()).orElseThrow().inputs();
            for (ConcurrentSchedule.Slot b : slots) {
                if (b != a && workload.stage(b.stage()).orElseThrow().inputs().stream().anyMatch(mine::contains)) {
                    return a.stage() + " rewrites an input it shares with " + b.stage() + ", so they ran one after another";
                }
            }
        }
        return null;
    }

    /** A set whose stages ran one after another, each as the serial schedule measured it. */
    private static ConcurrentPoint.ReadySet alone(StageGraph graph, Workload workload, List<WaveSampler.Member<?, ?>> members,
                                                  java.util.Set<String> measured, String note) {
        return new ConcurrentPoint.ReadySet(members.stream().map(m -> record(graph, m, measured, List.of(), null)).toList(),
            List.of(), List.of(), note);
    }

    private static ConcurrentPoint.Member record(StageGraph graph, WaveSampler.Member<?, ?> m, java.util.Set<String> measured,
                                                 List<Long> samples, dev.lanes.core.result.Verification check) {
        List<String> waits = graph.allPredecessors(m.stage()).stream().filter(measured::contains).toList();
        Implementation impl = m.impl();
        return new ConcurrentPoint.Member(m.stage().id(), waits, impl.backend().label(), impl.inner().backend().label(),
            impl.threads(), samples, check);
    }

    private static <O, P> WaveSampler.Member<O, P> member(Stage stage, dev.lanes.core.exec.BlockTask<O, P> task,
                                                          Implementation impl) {
        return new WaveSampler.Member<>(stage, task, impl);
    }

    /**
     * What a stage runs on in its set: what it asks for when that is one thread (scalar,
     * simd), else the threads backend on its share with SIMD inside where the kernel has it.
     */
    private Implementation implementationTogether(Workload workload, Stage stage, BackendChoice override, int threads) {
        BackendChoice asked = override != null ? override : workload.backendOf(stage);
        boolean simd = accelerators.availability(Backend.SIMD).usable() && stage.kernel().backends().contains(Backend.SIMD);
        Backend single = asked == BackendChoice.SCALAR || !simd ? Backend.SCALAR : Backend.SIMD;
        var inner = accelerators.find(single).orElseThrow();
        if (threads <= 1 || asked == BackendChoice.SCALAR || asked == BackendChoice.SIMD) {
            return new Implementation(single, inner, 1);
        }
        return new Implementation(Backend.THREADS, inner, threads);
    }

    /** @param point the sweep values the stage depends on: none for a stage no sweep reaches */
    private PointResult pointResult(Stage stage, List<PointParam> point, Params params, StageShape shape, ElementType type,
                                    Implementation impl, Sampler.Measurement m, String described, Check check, List<String> notes,
                                    DeviceTraffic traffic, String definition, boolean smoke, double share) {
        SampleSummary summary = SampleSummary.of(m.samples());
        DevicePhases phases = m.device().isEmpty() ? null : DevicePhases.median(m.device());
        // a smoke run's times are not measurements: no estimate to hold them to, no share of a roof
        boolean modelled = planner != null && !stage.kernel().isSource() && stage.kernel().modelled() && !smoke;
        var work = shape.work();
        // a shard's blocks ({@code --shard-by blocks}) are that share of the stage's work; the model knows only wholes
        boolean part = share != 1;
        long elements = part ? Math.round(work.elements() * share) : work.elements();
        double flops = work.flops() * share;
        double bytes = work.bytesMoved() * share;
        PointKey key = new PointKey(stage.id(), point, impl.backend().label(),
            impl.inner().backend().label(), impl.threads());
        return new PointResult(key, stage.kernel().name(), definition, stage.kernel().isSource(),
            ResultRecords.size(stage.kernel().size(params, shape)), elements, flops, bytes,
            Arrays.stream(m.samples()).boxed().toList(), List.of(), m.gcSamples(), summary,
            Throughput.of(elements, flops, bytes, summary.medianNanos()),
            modelled && !part ? roof(shape, type, impl, summary.medianNanos(), phases) : null,
            modelled && !part ? ResultRecords.estimate(estimate(shape, type, impl, traffic)) : null,
            ResultRecords.check(check), m.output().checksum(), described, ResultRecords.device(phases),
            m.device().stream().map(ResultRecords::device).toList(), Arrays.stream(m.workerBusy()).boxed().toList(),
            m.phases().entrySet().stream().map(e -> new PhaseSamples(e.getKey(), Arrays.stream(e.getValue()).boxed().toList()))
                .toList(), m.processCpu() == null ? null : new dev.lanes.core.result.ProcessCpu(
                Arrays.stream(m.processCpu()[0]).boxed().toList(), Arrays.stream(m.processCpu()[1]).boxed().toList()), notes,
            ResultRecords.cluster(m.samples(), m.cluster()));
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /** Trial runs per candidate: short, but past C2's compilation of the kernel. */
    private static final int TRIAL_ITERATIONS = 5;
    private static final int TRIAL_CANDIDATES = 3;
    /** The Vector API runs interpreted until C2 compiles it: trials must warm up as long as a measurement does. */
    private static final long TRIAL_WARMUP_MILLIS = 200;

    /**
     * The wisdom for this stage's shape and size, or short trials of the best estimated
     * candidates on the real data, the winner (with the planner's margin toward fewer
     * resources) stored for next time.
     */
    private Wisdom.Entry decideByMeasurement(Stage stage, StageInstance instance, StagePlan plan, ElementType type,
                                             DeviceUse device) {
        String key = Wisdom.key(stage.kernel().name(), type, plan.elements());
        Wisdom wisdom = wisdomStore.load();
        Wisdom.Entry known = wisdom.entries().get(key);
        if (known != null) {
            return known;
        }
        List<Estimate> top = plan.candidates().stream().sorted(java.util.Comparator.comparingDouble(Estimate::nanos))
            .limit(TRIAL_CANDIDATES).toList();
        Map<Estimate, Double> medians = new LinkedHashMap<>();
        for (Estimate candidate : plan.candidates()) {          // simplest first, as the margin rule needs
            if (top.contains(candidate)) {
                Implementation trial = implementation(candidate);
                device.beforeMeasuring(trial);
                Sampler.Measurement m = sampler.measure(stage, instance.task(), trial, 3, TRIAL_ITERATIONS, TRIAL_WARMUP_MILLIS);
                device.afterMeasuring(stage, trial, false);
                medians.put(candidate, Summary.of(m.samples()).medianNanos());
            }
        }
        double best = medians.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        Estimate chosen = medians.entrySet().stream()
            .filter(e -> e.getValue() <= best * (1 + Planner.MARGIN_PERCENT / 100.0)).findFirst().orElseThrow().getKey();
        Map<String, Double> byLabel = new LinkedHashMap<>();
        medians.forEach((e, t) -> byLabel.put(e.label(), t));
        Wisdom.Entry entry = new Wisdom.Entry(chosen, byLabel, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        wisdomStore.save(wisdom.with(key, entry));
        return entry;
    }

    /** The cost model's estimate of what was measured; a device's counts only the copies it really makes. */
    private Estimate estimate(StageShape shape, ElementType type, Implementation impl, DeviceTraffic traffic) {
        if (impl.backend() == Backend.DISTRIBUTED) {
            return null;                                  // the cost model knows one machine
        }
        if (impl.backend() == Backend.GPU) {
            return planner.model().profile().gpu() == null ? null : planner.model().estimateGpu(shape.work(), type, traffic);
        }
        return planner.model().estimate(shape.work(), type, impl.backend(), impl.inner().backend(), impl.threads());
    }

    /** The median against the ceilings of the implementation that ran; a device's kernel time against its own. */
    private dev.lanes.core.result.RoofShare roof(StageShape shape, ElementType type, Implementation impl, double medianNanos,
                                                 DevicePhases phases) {
        if (impl.backend() == Backend.DISTRIBUTED) {
            return null;
        }
        if (impl.backend() == Backend.GPU) {
            return planner.model().profile().gpu() == null || phases == null ? null
                : ResultRecords.roof(planner.model().gpuRoofline(shape.work(), type), phases.kernelNanos());
        }
        return ResultRecords.roof(planner.model().roofline(shape.work(), type, impl.backend(), impl.inner().backend(),
            impl.threads()), medianNanos);
    }

    private Implementation implementation(Estimate e) {
        return new Implementation(e.backend(), accelerators.find(e.inner()).orElseThrow(), e.threads());
    }

    /** The stage's one-time start (a command's setup); its failure names the stage. */
    private static void open(Stage stage, StageInstance instance) {
        try {
            instance.open();
        } catch (TaskFailedException e) {
            throw new ExecutionException("stage '" + stage.id() + "': " + e.getMessage(), e);
        }
    }

    private static StageInstance bind(Stage stage, Params params, List<Value> inputs, List<DataShape> inputShapes) {
        try {
            return stage.kernel().bind(params, inputs, inputShapes);
        } catch (InvalidStageException e) {
            throw new ExecutionException("stage '" + stage.id() + "': " + e.getMessage() + " (the data it was given)");
        } catch (OutOfMemoryError e) {
            throw new ExecutionException("stage '" + stage.id() + "': out of memory allocating its data ("
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB heap); lower the sizes or raise the heap with LANES_JAVA_OPTS=-Xmx<size>");
        }
    }
}
