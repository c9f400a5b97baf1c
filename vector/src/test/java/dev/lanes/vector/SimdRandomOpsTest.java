package dev.lanes.vector;

import dev.lanes.core.exec.RandomOps;
import dev.lanes.core.kernels.MonteCarloPiKernel;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/** The vector generator counts exactly the hits of the scalar reference, at any offset and length. */
class SimdRandomOpsTest {

    @Property(tries = 100)
    void countsEqualTheScalarReference(@ForAll @IntRange(min = 0, max = 100_000) int from,
                                       @ForAll @IntRange(min = 0, max = 70_000) int length, @ForAll long seed,
                                       @ForAll boolean vectorLoop) {
        // both loops on every machine: the one this machine does not choose is still the one another does
        RandomOps ops = new SimdRandomOps(vectorLoop);
        long all = MonteCarloPiKernel.reference(seed, from + (long) length);
        long before = MonteCarloPiKernel.reference(seed, from);
        assertThat(ops.insideUnitCircle(seed, from, from + (long) length)).isEqualTo(all - before);
    }
}
