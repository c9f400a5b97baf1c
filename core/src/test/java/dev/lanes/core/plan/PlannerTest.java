package dev.lanes.core.plan;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.exec.Accelerator;
import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.ArrayOps;
import dev.lanes.core.exec.Availability;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.exec.ScalarArrayOps;
import dev.lanes.core.kernel.Work;
import dev.lanes.core.kernels.SumOfSquaresKernel;
import dev.lanes.core.machine.MachineProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PlannerTest {

    /** A usable stand-in for the SIMD module, so planning sees a SIMD candidate. */
    private static final class FakeSimd implements Accelerator {
        @Override
        public Backend backend() {
            return Backend.SIMD;
        }

        @Override
        public Availability availability() {
            return Availability.usable("fake");
        }

        @Override
        public <O> Optional<O> ops(Class<O> opsType) {
            return opsType == ArrayOps.class ? Optional.of(opsType.cast(new ScalarArrayOps())) : Optional.empty();
        }
    }

    private static final Accelerators WITH_SIMD =
        new Accelerators(Map.of(Backend.SCALAR, new ScalarAccelerator(), Backend.SIMD, new FakeSimd()));

    /** 8 cores; scalar 10 GB/s, SIMD 100 GB/s in cache, 20 GB/s per core and 60 GB/s in all from memory. */
    static MachineProfile profile(double dispatchNanos) {
        return new MachineProfile(MachineProfile.SCHEMA, "test", "now", "synthetic", 0, 8, 4, 32, 64, 10, 100, 6, 20, 60, 50,
            Map.of(2, dispatchNanos, 4, dispatchNanos, 8, dispatchNanos), 32L << 20, null,
            Map.of("random-point/scalar", 1e8, "random-point/simd", 5e8), List.of());
    }

    private static Work sumOfSquares(long n) {
        return new Work(n, 2.0 * n, 8.0 * n);
    }

    @Test
    void integerWorkIsTimedAtItsCalibratedRateAndBindsWhenSlowest() {
        CostModel model = new CostModel(profile(5_000));
        long n = 100_000_000;
        Work points = new Work(n, 3.0 * n, 0, Work.RANDOM_POINT, n);
        Estimate simd = model.estimate(points, ElementType.F64, Backend.SIMD, Backend.SIMD, 1);
        assertThat(simd.computeNanos()).isCloseTo(n / 5e8 * 1e9, within(1.0));           // 5e8 points/s, not 3e8 FLOP at 32 GFLOP/s
        assertThat(simd.bound()).isEqualTo("compute");
        Estimate threads = model.estimate(points, ElementType.F64, Backend.THREADS, Backend.SCALAR, 4);
        assertThat(threads.computeNanos()).isCloseTo(n / (4 * 1e8) * 1e9, within(1.0));
        Roofline roof = model.roofline(points, ElementType.F64, Backend.SIMD, Backend.SIMD, 1);
        assertThat(roof.bound()).isEqualTo("ops");
        assertThat(roof.ceiling()).isEqualTo(5e8);
        Work hashes = new Work(1000, 0, 64_000, Work.SHA256_BLOCK, 2000);
        assertThat(model.estimate(hashes, ElementType.I64, Backend.SCALAR, Backend.SCALAR, 1).computeNanos())
            .as("no sha256 rate in this profile: only bytes count").isZero();
    }

    @Test
    void theRooflineTermsAreBytesOverBandwidthAndFlopsOverPeak() {
        CostModel model = new CostModel(profile(5_000));
        Estimate simd = model.estimate(sumOfSquares(1_000_000), ElementType.F64, Backend.SIMD, Backend.SIMD, 1);
        assertThat(simd.memoryNanos()).isCloseTo(8e6 / 100, within(1e-6));      // 8 MB at 100 GB/s, in cache
        assertThat(simd.computeNanos()).isCloseTo(2e6 / 32, within(1e-6));
        assertThat(simd.bound()).isEqualTo("memory");
        Estimate big = model.estimate(sumOfSquares(100_000_000), ElementType.F64, Backend.THREADS, Backend.SIMD, 8);
        assertThat(big.memoryNanos()).isCloseTo(8e8 / 60, within(1e-3));        // capped by the all-core bandwidth
        assertThat(big.overheadNanos()).isEqualTo(5_000);
    }

    @Test
    void aTinyStageStaysOnOneThreadAndALargeOneGoesParallel() {
        Planner planner = new Planner(new CostModel(profile(20_000)), WITH_SIMD);
        StagePlan tiny = planner.plan("s", new SumOfSquaresKernel(), Map.of(), sumOfSquares(10_000), ElementType.F64);
        assertThat(tiny.chosen().backend()).isEqualTo(Backend.SIMD);
        assertThat(tiny.candidates()).extracting(Estimate::label)
            .containsExactly("scalar", "simd", "threads(simd) x2", "threads(simd) x4", "threads(simd) x8");
        StagePlan large = planner.plan("s", new SumOfSquaresKernel(), Map.of(), sumOfSquares(100_000_000), ElementType.F64);
        assertThat(large.chosen().backend()).isEqualTo(Backend.THREADS);
        assertThat(large.chosen().threads()).isGreaterThan(1);
    }

    @Test
    void aKernelWithoutSimdGetsScalarChunksInsideItsThreads() {
        Planner planner = new Planner(new CostModel(profile(20_000)), WITH_SIMD);
        Work work = new Work(10_000_000, 0, 2.0e9);
        StagePlan plan = planner.plan("s", new dev.lanes.core.kernels.SortKernel(), Map.of(), work, ElementType.F64);
        assertThat(plan.candidates()).extracting(Estimate::label)
            .containsExactly("scalar", "threads(scalar) x2", "threads(scalar) x4", "threads(scalar) x8");
        assertThat(plan.chosen().inner()).isEqualTo(Backend.SCALAR);
    }

    @Test
    void aSingleThreadCountCapsThePlan() {
        Planner planner = new Planner(new CostModel(profile(20_000)), WITH_SIMD);
        StagePlan one = planner.plan("s", new SumOfSquaresKernel(), Map.of(), sumOfSquares(100_000_000), ElementType.F64, 1);
        assertThat(one.chosen().threads()).isEqualTo(1);
        assertThat(one.candidates()).extracting(Estimate::label).containsExactly("scalar", "simd");
        StagePlan four = planner.plan("s", new SumOfSquaresKernel(), Map.of(), sumOfSquares(100_000_000), ElementType.F64, 4);
        assertThat(four.candidates()).extracting(Estimate::label).doesNotContain("threads(simd) x8");
    }

    @Test
    void aCandidateLessThanTenPercentFasterDoesNotWinOverFewerResources() {
        // out of cache: 1 thread 20 GB/s; 4 threads 60 GB/s; 8 threads also 60 GB/s (capped) — x8 must not win over x4
        Planner planner = new Planner(new CostModel(profile(0)), WITH_SIMD);
        StagePlan p = planner.plan("s", new SumOfSquaresKernel(), Map.of(), sumOfSquares(100_000_000), ElementType.F64);
        Estimate x4 = p.candidates().stream().filter(e -> e.threads() == 4 && e.backend() == Backend.THREADS).findFirst().orElseThrow();
        Estimate x8 = p.candidates().stream().filter(e -> e.threads() == 8).findFirst().orElseThrow();
        assertThat(x8.nanos()).isCloseTo(x4.nanos(), within(1e-6));
        assertThat(p.chosen().threads()).isEqualTo(4);
        assertThat(p.reason()).contains("fastest");
    }

    @Test
    void withoutSimdThePlanUsesScalarCodeInEveryThread() {
        Planner planner = new Planner(new CostModel(profile(1_000)), new Accelerators(Map.of(Backend.SCALAR, new ScalarAccelerator())));
        StagePlan p = planner.plan("s", new SumOfSquaresKernel(), Map.of(), sumOfSquares(50_000_000), ElementType.F64);
        assertThat(p.candidates()).noneMatch(e -> e.backend() == Backend.SIMD || e.inner() == Backend.SIMD);
        assertThat(p.chosen().label()).isEqualTo("threads(scalar) x8");
    }

    @Test
    void dispatchAtAThreadCountNotMeasuredUsesTheNextOneUp() {
        MachineProfile p = new MachineProfile(MachineProfile.SCHEMA, "t", "now", "synthetic", 0, 8, 1, 1, 1, 1, 1, 1, 1, 1, 1,
            Map.of(2, 100.0, 8, 800.0), 1, null, null, null);
        assertThat(p.dispatchNanosAt(1)).isZero();
        assertThat(p.dispatchNanosAt(2)).isEqualTo(100);
        assertThat(p.dispatchNanosAt(3)).isEqualTo(800);
        assertThat(p.dispatchNanosAt(16)).isEqualTo(800);
    }
}
