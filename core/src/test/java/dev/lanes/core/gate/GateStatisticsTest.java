package dev.lanes.core.gate;

import dev.lanes.core.stats.BenjaminiHochberg;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GateStatisticsTest {
    @Test
    void mannWhitneyOnKnownCases() {
        // completely separated 5 and 5: the exact two-sided p is 2 / C(10, 5) = 2/252
        double p = MannWhitneyUTest.withDefaults().test(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10}).getPValue();
        assertThat(p).isCloseTo(2.0 / 252, within(1e-12));
        double same = MannWhitneyUTest.withDefaults().test(new double[] {1, 3, 5, 7}, new double[] {2, 4, 6, 8}).getPValue();
        assertThat(same).isGreaterThan(0.5);
    }

    @Test
    void benjaminiHochbergOnAKnownList() {
        // the worked example of Benjamini & Hochberg's procedure: sorted p times m/rank, then the running minimum from the top
        double[] p = {0.01, 0.04, 0.03, 0.005};
        double[] adjusted = BenjaminiHochberg.adjust(p);
        assertThat(adjusted[3]).isCloseTo(0.02, within(1e-12));     // 0.005·4/1 = 0.02
        assertThat(adjusted[0]).isCloseTo(0.02, within(1e-12));     // 0.01·4/2 = 0.02
        assertThat(adjusted[2]).isCloseTo(0.04, within(1e-12));     // 0.03·4/3 = 0.04
        assertThat(adjusted[1]).isCloseTo(0.04, within(1e-12));     // 0.04·4/4 = 0.04
        assertThat(BenjaminiHochberg.adjust(new double[] {0.9, 0.5})).containsExactly(0.9, 0.9);
    }

    /**
     * With a true run-to-run spread of 5% and a baseline of five runs, the interval of an
     * unchanged point holds 1, and that of a 30% slowdown holds 1.3, in about 95% of trials.
     */
    @Test
    void theIntervalCoversTheTrueRatioOnSyntheticRuns() {
        SplittableRandom random = new SplittableRandom(5);
        for (double truth : new double[] {1.0, 1.3}) {
            int covered = 0;
            int trials = 300;
            for (int t = 0; t < trials; t++) {
                List<MeasuredPoint> olds = new ArrayList<>();
                for (int r = 0; r < 5; r++) {
                    olds.add(run(1.0, random));
                }
                PointDecision.Figures f = PointDecision.of(olds, run(truth, random), 0.1);
                if (f.low() <= truth && truth <= f.high()) {
                    covered++;
                }
            }
            assertThat(covered / (double) trials).as("coverage of %s", truth).isBetween(0.88, 1.0);
        }
    }

    private static MeasuredPoint run(double factor, SplittableRandom random) {
        double median = 1e6 * factor * Math.exp(0.05 * GateFixtures.gaussian(random));
        return new MeasuredPoint(GateFixtures.key("a"), "k", "d", List.of(GateFixtures.samples(median, 0.05, 20, random)));
    }
}
