package dev.lanes.core.plan;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.Availability;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.kernel.Kernel;
import dev.lanes.core.kernel.Work;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Picks, per stage, the candidate the cost model says is fastest, but never a more complex
 * one (more threads, or SIMD over scalar) unless it is estimated at least
 * {@value #MARGIN_PERCENT}% faster than the simplest near-tie: measurements are noisy and
 * resources are not free.
 */
public final class Planner {
    /** How much faster a more complex candidate must be, estimated or measured, to be chosen. */
    public static final int MARGIN_PERCENT = 10;

    private final CostModel model;
    private final Accelerators accelerators;

    public Planner(CostModel model, Accelerators accelerators) {
        this.model = model;
        this.accelerators = accelerators;
    }

    public CostModel model() {
        return model;
    }

    public StagePlan plan(String stage, Kernel kernel, Map<String, Object> point, Work work, ElementType type) {
        return plan(stage, kernel, point, work, type, Integer.MAX_VALUE);
    }

    /** Plans with at most {@code maxThreads} threads: what {@code --threads N} (one count) allows. */
    public StagePlan plan(String stage, Kernel kernel, Map<String, Object> point, Work work, ElementType type, int maxThreads) {
        return plan(stage, kernel, point, work, type, maxThreads, DeviceTraffic.allFromHost(work));
    }

    /** As above, with what a device implementation would copy in and out. */
    public StagePlan plan(String stage, Kernel kernel, Map<String, Object> point, Work work, ElementType type, int maxThreads,
                          DeviceTraffic traffic) {
        List<Estimate> candidates = candidates(kernel, work, type, maxThreads, traffic);
        Estimate fastest = candidates.stream().min(Comparator.comparingDouble(Estimate::nanos)).orElseThrow();
        Estimate chosen = candidates.stream()
            .filter(e -> e.nanos() <= fastest.nanos() * (1 + MARGIN_PERCENT / 100.0))
            .findFirst().orElse(fastest);
        String reason = chosen == fastest
            ? "fastest estimate, " + chosen.bound() + "-bound"
            : String.format(Locale.ROOT, "within %d%% of the fastest (%s) with fewer resources", MARGIN_PERCENT, fastest.label());
        return new StagePlan(stage, kernel.name(), point, work.elements(), work.flops(), work.bytesMoved(), candidates,
            chosen, reason, excluded(kernel, work), traffic);
    }

    /** The device backends the kernel has that are not candidates here, and why. */
    List<String> excluded(Kernel kernel, Work work) {
        if (!kernel.backends().contains(Backend.GPU)) {
            return List.of();
        }
        Availability gpu = accelerators.availability(Backend.GPU);
        if (!gpu.usable()) {
            return List.of("gpu: " + gpu.detail());
        }
        if (model.profile().gpu() == null) {
            return List.of("gpu: the calibration in use has no GPU figures; run 'lanes calibrate'");
        }
        if (!fitsOnGpu(work)) {
            return List.of(String.format(Locale.ROOT, "gpu: the stage moves %.1f GiB, more than the %.0f%% of the GPU's %.1f GiB it may use",
                work.bytesMoved() / GIB, GPU_MEMORY_SHARE * 100, model.profile().gpu().memoryBytes() / GIB));
        }
        return List.of();
    }

    /** The share of device memory a stage's data may take: the rest is the context's, the scratch's and others'. */
    static final double GPU_MEMORY_SHARE = 0.8;
    private static final double GIB = 1L << 30;

    private boolean fitsOnGpu(Work work) {
        return work.bytesMoved() <= GPU_MEMORY_SHARE * model.profile().gpu().memoryBytes();
    }

    /** Plans every measured (non-source) stage at every sweep point, without running anything. */
    public WorkloadPlan plan(dev.lanes.core.spec.Workload workload) {
        return plan(workload, null);
    }

    /**
     * Plans every measured (non-source) stage at every sweep point and, in a concurrent run,
     * each point's schedule, without running anything.
     *
     * @param override {@code --backend}, or {@code null}: it decides which stages a concurrent schedule runs together
     */
    public WorkloadPlan plan(dev.lanes.core.spec.Workload workload, dev.lanes.core.exec.BackendChoice override) {
        List<StagePlan> plans = new ArrayList<>();
        List<WorkloadPlan.PointSchedule> schedules = new ArrayList<>();
        for (dev.lanes.core.spec.SweepPoint point : workload.points()) {
            var shapes = dev.lanes.core.spec.WorkloadShapes.at(workload, point);
            DeviceResidency device = new DeviceResidency();          // as the runner keeps data on the device
            for (dev.lanes.core.spec.Stage stage : workload.stages()) {
                if (!stage.kernel().isSource()) {
                    StagePlan p = plan(stage.id(), stage.kernel(), point.values(), shapes.get(stage.id()).work(),
                        dev.lanes.core.spec.WorkloadShapes.elementType(stage, shapes), maxThreads(workload.settings()),
                        device.traffic(stage, shapes));
                    plans.add(p);
                    if (p.chosen().backend() == Backend.GPU) {
                        device.ranOnDevice(stage, true);
                    } else {
                        device.ranOnHost();
                    }
                } else {
                    device.ranOnHost();
                }
            }
            if (workload.settings().stages() == dev.lanes.core.spec.StageMode.CONCURRENT) {
                schedules.add(new WorkloadPlan.PointSchedule(point.values(),
                    ConcurrentSchedule.forPoint(workload, point, override, weight(workload, point))));
            }
        }
        return new WorkloadPlan(workload.settings().stages(), plans, schedules);
    }

    /** Each stage's expected single-thread time at a sweep point: how a concurrent set shares its threads. */
    public java.util.function.ToDoubleFunction<dev.lanes.core.spec.Stage> weight(dev.lanes.core.spec.Workload workload,
                                                                                  dev.lanes.core.spec.SweepPoint point) {
        var shapes = dev.lanes.core.spec.WorkloadShapes.at(workload, point);
        return s -> singleThreadNanos(s.kernel(), shapes.get(s.id()).work(),
            dev.lanes.core.spec.WorkloadShapes.elementType(s, shapes));
    }

    /**
     * The thread cap of a run's settings: a single thread count is a limit the plan keeps
     * (a user who says {@code --threads 1} gets one thread); a sweep sets none.
     */
    public static int maxThreads(dev.lanes.core.spec.Settings settings) {
        return settings.threads().size() == 1 ? settings.threads().get(0) : Integer.MAX_VALUE;
    }

    /**
     * What the stage is expected to take on one thread (SIMD inside where the kernel has it):
     * the weight by which a concurrent set shares its threads; {@code NaN} for a kernel the
     * cost model does not describe.
     */
    public double singleThreadNanos(Kernel kernel, Work work, ElementType type) {
        if (!kernel.modelled()) {
            return Double.NaN;
        }
        boolean simd = accelerators.availability(Backend.SIMD).usable() && kernel.backends().contains(Backend.SIMD);
        return model.estimate(work, type, Backend.THREADS, simd ? Backend.SIMD : Backend.SCALAR, 1).nanos();
    }

    /** Usable candidates from the simplest to the most complex. */
    List<Estimate> candidates(Kernel kernel, Work work, ElementType type, int maxThreads) {
        return candidates(kernel, work, type, maxThreads, DeviceTraffic.allFromHost(work));
    }

    /** Usable candidates from the simplest to the most complex; a device's with the given copies. */
    List<Estimate> candidates(Kernel kernel, Work work, ElementType type, int maxThreads, DeviceTraffic traffic) {
        // SIMD inside the threads only for kernels that have SIMD chunk functions (sha256, sort: none)
        boolean simd = accelerators.availability(Backend.SIMD).usable() && kernel.backends().contains(Backend.SIMD);
        Backend inner = simd ? Backend.SIMD : Backend.SCALAR;
        List<Estimate> list = new ArrayList<>();
        if (kernel.backends().contains(Backend.SCALAR)) {
            list.add(model.estimate(work, type, Backend.SCALAR, Backend.SCALAR, 1));
        }
        if (simd) {
            list.add(model.estimate(work, type, Backend.SIMD, Backend.SIMD, 1));
        }
        if (kernel.backends().contains(Backend.THREADS)) {
            for (int p : Calibrator.threadCounts(model.profile().cores())) {
                if (p > maxThreads) {
                    continue;
                }
                list.add(model.estimate(work, type, Backend.THREADS, inner, p));
            }
        }
        if (kernel.backends().contains(Backend.GPU) && accelerators.availability(Backend.GPU).usable()
            && model.profile().gpu() != null && fitsOnGpu(work)) {
            list.add(model.estimateGpu(work, type, traffic));
        }
        if (list.isEmpty()) {
            list.add(model.estimate(work, type, Backend.THREADS, Backend.SCALAR, 1));
        }
        return list;
    }
}
