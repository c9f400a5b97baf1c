package dev.lanes.core.plan;

import dev.lanes.core.exec.Accelerator;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.Availability;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BackendChoice;
import dev.lanes.core.exec.Implementation;
import dev.lanes.core.ExecutionException;
import dev.lanes.core.kernel.Kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns what a stage asks for into the implementations to run. {@code auto} follows a
 * simple documented rule until the planner replaces it:
 * <ul>
 *   <li>threads, when the kernel has them, the machine has more than one processor and
 *       the stage has at least {@value #AUTO_THREADS_MIN_ELEMENTS} elements — or whenever
 *       the settings ask for a thread sweep (more than one thread count);</li>
 *   <li>else SIMD where it is usable;</li>
 *   <li>else scalar.</li>
 * </ul>
 * The threads backend runs SIMD chunk functions inside each thread where SIMD is usable and
 * the kernel has them, else scalar ones; that fallback is reported, never silent.
 */
public final class ImplementationChooser {
    /** Below this many elements, one thread's time is comparable with fork/join costs. */
    public static final long AUTO_THREADS_MIN_ELEMENTS = 1 << 18;

    private final Accelerators accelerators;
    private final int processors;
    private final AutoRule autoRule;

    /** Decides {@code auto} for a stage; the planner implements it. */
    public interface AutoRule {
        /** The backend and thread count to run. */
        Implementation choose(String stage, Kernel kernel, long elements);
    }

    public ImplementationChooser(Accelerators accelerators, int processors) {
        this(accelerators, processors, null);
    }

    /** @param autoRule decides {@code auto} without a thread sweep; {@code null} for the built-in rule */
    public ImplementationChooser(Accelerators accelerators, int processors, AutoRule autoRule) {
        this.accelerators = accelerators;
        this.processors = processors;
        this.autoRule = autoRule;
    }

    /** A choice and, where a preferred accelerator could not be used, why. */
    public record Choice(List<Implementation> implementations, String note) {
    }

    /**
     * @param stage    stage id, for errors
     * @param requested what the stage (or --backend) asks for
     * @param threads  thread counts of the settings
     */
    public Choice choose(String stage, Kernel kernel, BackendChoice requested, long elements, List<Integer> threads) {
        if (kernel.isSource()) {
            Implementation fill = new Implementation(Backend.THREADS, scalar(), processors);
            return new Choice(List.of(fill), null);
        }
        if (requested == BackendChoice.AUTO && autoRule != null && threads.size() <= 1) {
            Implementation planned = autoRule.choose(stage, kernel, elements);
            String note = planned.inner().backend() == Backend.SCALAR && planned.backend() == Backend.THREADS
                ? scalarInsideThreads(kernel) : null;
            return new Choice(List.of(planned), note);
        }
        Backend backend = requested.backend().orElseGet(() -> auto(kernel, elements, threads));
        Availability availability = accelerators.availability(backend);
        if (!availability.usable()) {
            throw new ExecutionException("stage '" + stage + "': backend " + backend.label()
                + " is not usable here: " + availability.detail());
        }
        // whether a stage's blocks can travel is known once it is bound (its partials, or the part of its output they write)
        if (!kernel.backends().contains(backend) && backend != Backend.DISTRIBUTED) {
            throw new ExecutionException("stage '" + stage + "': kernel '" + kernel.name() + "' has no "
                + backend.label() + " implementation (it has " + labels(kernel) + ")");
        }
        String oneThread = threads.stream().anyMatch(t -> t != 1) ? "one thread: backend " + backend.label()
            + " runs on one thread, so the thread counts " + threads + " do not apply (they sweep backend threads)" : null;
        return switch (backend) {
            case SCALAR -> new Choice(List.of(new Implementation(Backend.SCALAR, scalar(), 1)), oneThread);
            case DISTRIBUTED -> {
                // the thread counts are member counts: the first p members of the cluster's list
                Accelerator cluster = accelerators.find(backend).orElseThrow();
                int members = cluster.cluster().orElseThrow().members().size();
                List<Implementation> list = new ArrayList<>();
                for (int t : threads) {
                    if (t > members) {
                        throw new ExecutionException("stage '" + stage + "': " + t + " members asked for, the cluster has "
                            + members);
                    }
                    list.add(new Implementation(backend, cluster, t));
                }
                yield new Choice(list, null);
            }
            case SIMD, GPU -> new Choice(List.of(new Implementation(backend, accelerators.find(backend).orElseThrow(), 1)),
                oneThread);
            case THREADS -> {
                String scalarInside = scalarInsideThreads(kernel);
                Accelerator inner = scalarInside == null ? accelerators.find(Backend.SIMD).orElseThrow() : scalar();
                String note = kernel.modelled() ? scalarInside : null;     // a command has no inner code to speak of
                List<Implementation> list = new ArrayList<>();
                for (int t : threads) {
                    list.add(new Implementation(Backend.THREADS, inner, t));
                }
                yield new Choice(list, note);
            }
        };
    }

    private Backend auto(Kernel kernel, long elements, List<Integer> threads) {
        boolean threadSweep = threads.size() > 1;
        if (kernel.backends().contains(Backend.THREADS)
            && (threadSweep || processors > 1 && elements >= AUTO_THREADS_MIN_ELEMENTS)) {
            return Backend.THREADS;
        }
        if (kernel.backends().contains(Backend.SIMD) && accelerators.availability(Backend.SIMD).usable()) {
            return Backend.SIMD;
        }
        return Backend.SCALAR;
    }

    /** Why the threads run scalar chunk functions, or {@code null} when they run SIMD ones. */
    private String scalarInsideThreads(Kernel kernel) {
        if (!kernel.backends().contains(Backend.SIMD)) {
            return "scalar inside each thread: kernel '" + kernel.name() + "' has no SIMD implementation";
        }
        Availability simd = accelerators.availability(Backend.SIMD);
        return simd.usable() ? null : "scalar inside each thread: SIMD unusable (" + simd.detail() + ")";
    }

    private Accelerator scalar() {
        return accelerators.find(Backend.SCALAR).orElseThrow(() -> new IllegalStateException("the scalar accelerator is always installed"));
    }

    private static String labels(Kernel kernel) {
        return String.join(", ", kernel.backends().stream().sorted().map(Backend::label).toList());
    }
}
