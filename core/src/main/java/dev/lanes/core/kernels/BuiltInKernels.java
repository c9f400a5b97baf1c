package dev.lanes.core.kernels;

import dev.lanes.core.kernel.Kernel;
import dev.lanes.core.kernel.KernelRegistry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The kernels built into lanes, in the order {@code lanes kernels} lists them. */
public final class BuiltInKernels {
    private BuiltInKernels() {
    }

    public static KernelRegistry registry() {
        Map<String, Kernel> kernels = new LinkedHashMap<>();
        for (Kernel k : List.of(new GenerateKernel(), new LoadKernel(), new CommandKernel(), new ExecKernel(), new SumOfSquaresKernel(), new DotKernel(), new AxpyKernel(),
            new RowSumOfSquaresKernel(), new MatmulKernel(), new MlpForwardKernel(), new MlpTrainKernel(), new MonteCarloPiKernel(),
            new Stencil2dKernel(), new HistogramKernel(), new PrefixSumKernel(), new SortKernel(), new Sha256Kernel())) {
            kernels.put(k.name(), k);
        }
        return new KernelRegistry(kernels);
    }
}
