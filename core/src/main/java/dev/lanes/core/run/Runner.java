package dev.lanes.core.run;

import dev.lanes.core.ExecutionException;
import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.Scalar;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BackendChoice;
import dev.lanes.core.exec.BlockExecutor;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.Implementation;
import dev.lanes.core.exec.JitActivity;
import dev.lanes.core.exec.ImplementationChooser;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.machine.MachineInfo;
import dev.lanes.core.machine.WisdomStore;
import dev.lanes.core.plan.Planning;
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
    /** Warm-up stops after this many iterations even if the minimum time has not passed. */
    private static final int MAX_WARMUP_ITERATIONS = 1_000_000;
    private static final int STEADY_WINDOW = 5;
    private static final int STEADY_PERCENT = 25;
    private static final long MIN_WARMUP_CAP_MILLIS = 2_000;

    private final Accelerators accelerators;
    private final RunListener listener;
    private final String lanesVersion;
    private final GcWatch gc = new GcWatch();
    private final Map<Integer, WorkerPool> pools = new HashMap<>();
    /** Scalar results land here so the JIT cannot drop the work that made them. */
    @SuppressWarnings("unused")
    private volatile double sink;
    /** The latest output: arrays escape through it, so their stores cannot be dropped either. */
    private volatile Value lastOutput;

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
        try {
            for (SweepPoint point : workload.points()) {
                runPoint(workload, point, chooser, machine.cores(), backendOverride, results, scaling);
            }
        } finally {
            pools.values().forEach(WorkerPool::close);
            pools.clear();
        }
        WorkloadInfo info = new WorkloadInfo(workload.name(), workload.source(), workload.digest(), workload.quick(), settings);
        String profile = planner == null ? null
            : planner.model().profile().method() + " " + planner.model().profile().createdAt();
        return new RunResult(RunResult.SCHEMA, lanesVersion, startedAt, machine, profile, info, results, scaling, growth(results));
    }

    private void runPoint(Workload workload, SweepPoint point, ImplementationChooser chooser, int cores, BackendChoice override,
                          List<StageResult> results, List<ScalingResult> scaling) {
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
            if (planner != null && !stage.kernel().isSource()) {
                plan = planner.plan(stage.id(), stage.kernel(), point.values(), shape.work(), type, Planner.maxThreads(settings));
                if (wisdomStore != null && requested == BackendChoice.AUTO && settings.threads().size() <= 1) {
                    Wisdom.Entry decided = decideByMeasurement(stage, instance, plan, type);
                    plan = new StagePlan(plan.stage(), plan.kernel(), plan.point(), plan.elements(), plan.flops(),
                        plan.bytesMoved(), plan.candidates(), decided.chosen(), "measured");
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
                Measurement m = stage.kernel().isSource()
                    ? measure(stage, instance.task(), impl, 0, 1, 0)
                    : measure(stage, instance.task(), impl, settings.warmup(), settings.iterations(), settings.minWarmupMillis());
                Check check = settings.verify() ? instance.verify(m.output()) : null;
                Summary summary = Summary.of(m.samples());
                List<Long> samples = new ArrayList<>();
                for (long s : m.samples()) {
                    samples.add(s);
                }
                StageResult result = new StageResult(stage.id(), stage.kernel().name(), point.values(),
                    stage.kernel().isSource(), impl.label(), impl.threads(), shape.work().elements(), shape.work().flops(),
                    shape.work().bytesMoved(), samples, m.gcSamples(), summary,
                    Throughput.of(shape.work(), summary.medianNanos()), check, m.output().checksum(),
                    m.output().describe(), joinNotes(planNote, choice.note()), planner == null || stage.kernel().isSource() ? null
                    : planner.model().estimate(shape.work(), type, impl.backend(), impl.inner().backend(), impl.threads()));
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
    private Wisdom.Entry decideByMeasurement(Stage stage, StageInstance instance, StagePlan plan, ElementType type) {
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
                Measurement m = measure(stage, instance.task(), implementation(candidate), 3, TRIAL_ITERATIONS, TRIAL_WARMUP_MILLIS);
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

    private record Measurement(long[] samples, List<Integer> gcSamples, Value output) {
    }

    private <O, P> Measurement measure(Stage stage, BlockTask<O, P> task, Implementation impl, int warmup,
                                       int iterations, long minWarmupMillis) {
        O ops = impl.inner().ops(task.opsType()).orElseThrow(() -> new ExecutionException("stage '" + stage.id()
            + "': backend " + impl.label() + " has no implementation of kernel '" + stage.kernel().name() + "'"));
        WorkerPool pool = impl.backend() == Backend.THREADS ? pools.computeIfAbsent(impl.threads(), WorkerPool::new) : null;
        try {
            // Garbage from earlier stages is collected now rather than during a sample.
            System.gc();
            warmUp(stage, task, ops, pool, warmup, minWarmupMillis);
            long[] samples = new long[iterations];
            List<Integer> gcSamples = new ArrayList<>();
            for (int i = 0; i < iterations; i++) {
                checkInterrupted(stage);
                long collections = gc.collections();
                samples[i] = timeOnce(task, ops, pool);
                if (gc.collections() != collections) {
                    gcSamples.add(i);
                }
            }
            return new Measurement(samples, gcSamples, lastOutput);
        } catch (OutOfMemoryError e) {
            throw new ExecutionException("stage '" + stage.id() + "' (" + impl.label() + "): out of memory; "
                + "lower the sizes or raise the heap with LANES_JAVA_OPTS=-Xmx<size>");
        } catch (RuntimeException e) {
            if (e instanceof dev.lanes.core.LanesException le) {
                throw le;
            }
            throw new ExecutionException("stage '" + stage.id() + "' (kernel " + stage.kernel().name() + ", "
                + impl.label() + "): kernel error: " + e, e);
        }
    }

    /**
     * Warm-up: at least {@code warmup} iterations and {@code minWarmupMillis}, then on until
     * the kernel runs at a steady speed — the median of the last {@value #STEADY_WINDOW}
     * iterations within {@value #STEADY_PERCENT}% of the best — because C2 may still be
     * compiling it (the Vector API runs tens of times slower before it does) — and until the
     * JIT compiled nothing during those iterations and has nothing in progress or queued
     * ({@link JitActivity}): a kernel can sit on a plateau of
     * half-compiled code (on-stack replacement, tier 3) that looks steady, then halve its time
     * when C2 finishes (a 512² matmul: 2.4 ms for 20 iterations, then 1.05 ms). Capped at
     * {@value #MIN_WARMUP_CAP_MILLIS} ms or ten times the minimum, whichever is longer.
     */
    private <O, P> void warmUp(Stage stage, BlockTask<O, P> task, O ops, WorkerPool pool, int warmup, long minWarmupMillis) {
        long start = System.nanoTime();
        long minUntil = start + minWarmupMillis * 1_000_000;
        long capUntil = start + Math.max(MIN_WARMUP_CAP_MILLIS, 10 * minWarmupMillis) * 1_000_000;
        long[] recent = new long[STEADY_WINDOW];
        long[] compileMillis = new long[STEADY_WINDOW];
        long best = Long.MAX_VALUE;
        for (int i = 0; i < MAX_WARMUP_ITERATIONS; i++) {
            checkInterrupted(stage);
            long t = timeOnce(task, ops, pool);
            best = Math.min(best, t);
            recent[i % STEADY_WINDOW] = t;
            long compiled = JitActivity.totalMillis();
            boolean jitQuiet = compileMillis[i % STEADY_WINDOW] == compiled;
            compileMillis[i % STEADY_WINDOW] = compiled;
            long now = System.nanoTime();
            boolean minimumDone = i + 1 >= warmup && now >= minUntil;
            if (minimumDone && (now >= capUntil || i + 1 >= STEADY_WINDOW && jitQuiet && steady(recent, best) && !JitActivity.compiling())) {
                return;
            }
        }
    }

    private static boolean steady(long[] recent, long best) {
        long[] sorted = recent.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2] <= best * (100 + STEADY_PERCENT) / 100;
    }

    /**
     * One sample: reset (untimed), the timed kernel call, the output consumed. Warm-up and
     * measurement both come through here, so what is measured is the code C2 compiled
     * during warm-up, not a fresh call site.
     */
    private <O, P> long timeOnce(BlockTask<O, P> task, O ops, WorkerPool pool) {
        task.reset();
        long start = System.nanoTime();
        Value output = execute(task, ops, pool);
        long end = System.nanoTime();
        consume(output);
        lastOutput = output;
        return end - start;
    }

    private static <O, P> Value execute(BlockTask<O, P> task, O ops, WorkerPool pool) {
        return pool == null ? BlockExecutor.runSequential(task, ops) : BlockExecutor.run(task, ops, pool);
    }

    private void consume(Value value) {
        if (value instanceof Scalar s) {
            sink = s.value();
        }
    }

    private static void checkInterrupted(Stage stage) {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedRunException("stage '" + stage.id() + "'");
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
