package dev.lanes.core.run;

import dev.lanes.core.ExecutionException;
import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.Scalar;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BackendChoice;
import dev.lanes.core.exec.DevicePhases;
import dev.lanes.core.exec.Implementation;
import dev.lanes.core.plan.ImplementationChooser;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.store.WisdomStore;
import dev.lanes.core.plan.DeviceTraffic;
import dev.lanes.core.run.Planning;
import dev.lanes.core.plan.Wisdom;
import dev.lanes.core.plan.Estimate;
import dev.lanes.core.plan.Planner;
import dev.lanes.core.plan.StagePlan;
import dev.lanes.core.spec.Settings;
import dev.lanes.core.spec.Stage;
import dev.lanes.core.spec.SweepPoint;
import dev.lanes.core.spec.Workload;
import dev.lanes.core.spec.WorkloadShapes;
import dev.lanes.core.stats.GrowthFit;
import dev.lanes.core.stats.StrongScaling;
import dev.lanes.core.stats.Summary;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a workload: for every sweep point, every stage in order, on every implementation
 * its backend choice expands to (one per thread count for the threads backend). Each
 * measurement warms up, then times whole kernel calls with {@link System#nanoTime()};
 * inputs are bound and reset outside the timed region; every output is consumed; every
 * sample is kept; a sample during which a GC ran is flagged.
 */
public final class Runner {
    private final Accelerators accelerators;
    private final RunListener listener;
    private final String lanesVersion;
    private Sampler sampler;

    private final Planner planner;
    private final WisdomStore wisdomStore;

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

    /**
     * Runs every stage.
     *
     * @param backendOverride {@code --backend}: replaces every stage's choice; {@code null} keeps them
     */
    public RunResult run(Workload workload, MachineInfo machine, BackendChoice backendOverride) {
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Settings settings = workload.settings();
        ImplementationChooser chooser = new ImplementationChooser(accelerators, machine.cores(), null);
        List<StageResult> results = new ArrayList<>();
        List<ScalingResult> scaling = new ArrayList<>();
        try (Sampler points = new Sampler()) {
            sampler = points;
            for (SweepPoint point : workload.points()) {
                DeviceUse device = new DeviceUse();
                try {
                    runPoint(workload, point, chooser, machine.cores(), backendOverride, results, scaling, device);
                } finally {
                    device.release();
                }
            }
        } finally {
            sampler = null;
        }
        WorkloadInfo info = new WorkloadInfo(workload.name(), workload.source(), workload.digest(), workload.quick(), settings);
        String profile = planner == null ? null
            : planner.model().profile().method() + " " + planner.model().profile().createdAt();
        return new RunResult(RunResult.SCHEMA, lanesVersion, startedAt, machine, profile, info, results, scaling, growth(results));
    }

    private void runPoint(Workload workload, SweepPoint point, ImplementationChooser chooser, int cores, BackendChoice override,
                          List<StageResult> results, List<ScalingResult> scaling, DeviceUse device) {
        Settings settings = workload.settings();
        Map<String, StageShape> shapes = WorkloadShapes.at(workload, point);
        Map<String, Value> values = new HashMap<>();
        for (Stage stage : workload.stages()) {
            Params params = point.paramsFor(stage);
            List<Value> inputs = stage.inputs().stream().map(values::get).toList();
            StageShape shape = shapes.get(stage.id());
            BackendChoice requested = override != null ? override
                : stage.backend() != null ? stage.backend() : settings.backend();
            ElementType type = WorkloadShapes.elementType(stage, shapes);
            StageInstance instance = bind(stage, params, inputs);
            String planNote = null;
            StagePlan plan = null;
            // what a device implementation would copy, given what earlier stages left there (not what this one leaves)
            DeviceTraffic traffic = device.traffic(stage, shapes);
            if (planner != null && !stage.kernel().isSource()) {
                plan = planner.plan(stage.id(), stage.kernel(), point.values(), shape.work(), type, Planner.maxThreads(settings),
                    traffic);
                if (wisdomStore != null && requested == BackendChoice.AUTO && settings.threads().size() <= 1) {
                    Wisdom.Entry decided = decideByMeasurement(stage, instance, plan, type, device);
                    plan = plan.decided(decided.chosen(), "measured");
                    planNote = "auto by measurement (" + decided.measuredAt() + "): " + decided.trialMedianNanos().entrySet()
                        .stream().map(e -> e.getKey() + " " + Math.round(e.getValue() / 1e3) + " µs").toList();
                }
            }
            Implementation planned = plan == null ? null : implementation(plan.chosen());
            ImplementationChooser stageChooser = planned == null ? chooser
                : new ImplementationChooser(accelerators, cores, (id, kernel, elements) -> planned);
            ImplementationChooser.Choice choice =
                stageChooser.choose(stage.id(), stage.kernel(), requested, shape.work().elements(), settings.threads());
            Map<Integer, Double> mediansByThreads = new TreeMap<>();
            Value output = null;
            for (Implementation impl : choice.implementations()) {
                listener.started(stage.id(), point.label(), impl.label() + (impl.threads() > 1 ? " x" + impl.threads() : ""));
                device.beforeMeasuring(impl);
                Sampler.Measurement m = stage.kernel().isSource()
                    ? sampler.measure(stage, instance.task(), impl, 0, 1, 0)
                    : sampler.measure(stage, instance.task(), impl, settings.warmup(), settings.iterations(), settings.minWarmupMillis());
                String deviceNote = device.afterMeasuring(stage, impl, true);
                Check check = settings.verify() ? instance.verify(m.output()) : null;
                Summary summary = Summary.of(m.samples());
                List<Long> samples = new ArrayList<>();
                for (long s : m.samples()) {
                    samples.add(s);
                }
                DevicePhases phases = m.device().isEmpty() ? null : DevicePhases.median(m.device());
                boolean modelled = planner != null && !stage.kernel().isSource();
                StageResult result = new StageResult(stage.id(), stage.kernel().name(), point.values(),
                    stage.kernel().isSource(), impl.label(), impl.threads(), shape.work().elements(), shape.work().flops(),
                    shape.work().bytesMoved(), samples, m.gcSamples(), summary,
                    Throughput.of(shape.work(), summary.medianNanos()), check, m.output().checksum(),
                    m.output().describe(), joinNotes(joinNotes(planNote, choice.note()), deviceNote),
                    modelled ? estimate(shape, type, impl, traffic) : null, phases, m.device(),
                    modelled ? roof(shape, type, impl, summary.medianNanos(), phases) : null);
                results.add(result);
                listener.finished(result);
                mediansByThreads.put(impl.threads(), summary.medianNanos());
                output = m.output();
            }
            if (choice.implementations().size() > 1 && mediansByThreads.containsKey(1)) {
                scaling.add(new ScalingResult(stage.id(), point.values(), choice.implementations().get(0).label(),
                    shape.work().elements(), StrongScaling.of(mediansByThreads)));
            }
            values.put(stage.id(), output);
        }
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
                listener.started(stage.id(), "trial", candidate.label());
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

    private static String joinNotes(String first, String second) {
        return first == null ? second : second == null ? first : first + "; " + second;
    }

    /** The cost model's estimate of what was measured; a device's counts only the copies it really makes. */
    private Estimate estimate(StageShape shape, ElementType type, Implementation impl, DeviceTraffic traffic) {
        if (impl.backend() == Backend.GPU) {
            return planner.model().profile().gpu() == null ? null : planner.model().estimateGpu(shape.work(), type, traffic);
        }
        return planner.model().estimate(shape.work(), type, impl.backend(), impl.inner().backend(), impl.threads());
    }

    /** The median against the ceilings of the implementation that ran; a device's kernel time against its own. */
    private RoofShare roof(StageShape shape, ElementType type, Implementation impl, double medianNanos, DevicePhases phases) {
        if (impl.backend() == Backend.GPU) {
            return planner.model().profile().gpu() == null || phases == null ? null
                : RoofShare.of(planner.model().gpuRoofline(shape.work(), type), phases.kernelNanos());
        }
        return RoofShare.of(planner.model().roofline(shape.work(), type, impl.backend(), impl.inner().backend(), impl.threads()),
            medianNanos);
    }

    private Implementation implementation(Estimate e) {
        return new Implementation(e.backend(), accelerators.find(e.inner()).orElseThrow(), e.threads());
    }

    private static StageInstance bind(Stage stage, Params params, List<Value> inputs) {
        try {
            return stage.kernel().bind(params, inputs);
        } catch (OutOfMemoryError e) {
            throw new ExecutionException("stage '" + stage.id() + "': out of memory allocating its data ("
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB heap); lower the sizes or raise the heap with LANES_JAVA_OPTS=-Xmx<size>");
        }
    }

    /** A growth fit per (stage, backend, threads) measured at two or more sizes. */
    private static List<GrowthResult> growth(List<StageResult> results) {
        Map<String, List<StageResult>> groups = new LinkedHashMap<>();
        for (StageResult r : results) {
            if (!r.source()) {
                groups.computeIfAbsent(r.stage() + "\u0000" + r.backend() + "\u0000" + r.threads(), k -> new ArrayList<>()).add(r);
            }
        }
        List<GrowthResult> fits = new ArrayList<>();
        for (List<StageResult> group : groups.values()) {
            if (group.stream().map(StageResult::elements).distinct().count() >= 2) {
                List<double[]> points = group.stream()
                    .map(r -> new double[] {r.elements(), r.summary().medianNanos()}).toList();
                StageResult first = group.get(0);
                fits.add(new GrowthResult(first.stage(), first.backend(), first.threads(), GrowthFit.of(points)));
            }
        }
        return fits;
    }
}
