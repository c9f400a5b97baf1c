package dev.lanes.core.kernel;

import dev.lanes.core.kernels.AxpyKernel;
import dev.lanes.core.kernels.DotKernel;
import dev.lanes.core.kernels.GenerateKernel;
import dev.lanes.core.kernels.HistogramKernel;
import dev.lanes.core.kernels.MatmulKernel;
import dev.lanes.core.kernels.MlpForwardKernel;
import dev.lanes.core.kernels.MonteCarloPiKernel;
import dev.lanes.core.kernels.PrefixSumKernel;
import dev.lanes.core.kernels.RowSumOfSquaresKernel;
import dev.lanes.core.kernels.Sha256Kernel;
import dev.lanes.core.kernels.SortKernel;
import dev.lanes.core.kernels.Stencil2dKernel;
import dev.lanes.core.kernels.SumOfSquaresKernel;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The kernels a spec can name, by name. */
public record KernelRegistry(Map<String, Kernel> byName) {

    public KernelRegistry {
        byName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** The kernels built into lanes. */
    public static KernelRegistry builtIn() {
        Map<String, Kernel> kernels = new LinkedHashMap<>();
        for (Kernel k : List.of(new GenerateKernel(), new SumOfSquaresKernel(), new DotKernel(), new AxpyKernel(),
            new RowSumOfSquaresKernel(), new MatmulKernel(), new MlpForwardKernel(),
            new MonteCarloPiKernel(),
            new Stencil2dKernel(),
            new HistogramKernel(),
            new PrefixSumKernel(),
            new SortKernel(),
            new Sha256Kernel())) {
            kernels.put(k.name(), k);
        }
        return new KernelRegistry(kernels);
    }

    public Optional<Kernel> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<String> names() {
        return byName.keySet();
    }

    public Collection<Kernel> all() {
        return byName.values();
    }
}
