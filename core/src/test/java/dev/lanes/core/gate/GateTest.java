package dev.lanes.core.gate;

import dev.lanes.core.UsageException;
import dev.lanes.core.result.StageGate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static dev.lanes.core.gate.GateFixtures.point;
import static dev.lanes.core.gate.GateFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GateTest {
    private final SplittableRandom random = new SplittableRandom(11);
    private final GateOptions defaults = GateOptions.defaults();

    /** A baseline of five runs whose medians agree within 1%, and a new run of one point. */
    private Comparison compare(double newNanos, double cv) {
        List<MeasuredRun> baseline = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            baseline.add(run(List.of(point("a", 1e6 * (1 + 0.005 * (r - 2)), 0.01, 30, random))));
        }
        return Gate.compare("old.json", baseline, "new.json", List.of(run(List.of(point("a", newNanos, cv, 30, random)))),
            defaults);
    }

    @Test
    void theVerdictsFollowTheIntervalAndTheTest() {
        Comparison slower = compare(1.3e6, 0.01);
        assertThat(slower.points()).singleElement().satisfies(p -> {
            assertThat(p.verdict()).isEqualTo(Verdict.REGRESSED);
            assertThat(p.ratio()).isBetween(1.25, 1.35);
            assertThat(p.ratioLow()).isGreaterThan(1.05);
            assertThat(p.variation()).startsWith("run to run, measured over the baseline's 5 runs");
        });
        assertThat(slower.failed()).isTrue();
        assertThat(slower.summary()).startsWith("FAILED: 1 of 1 stage points regressed");
        assertThat(compare(0.7e6, 0.01).points().get(0).verdict()).isEqualTo(Verdict.IMPROVED);
        assertThat(compare(1.0e6, 0.01).points().get(0).verdict()).isEqualTo(Verdict.UNCHANGED);
        Comparison edge = compare(1.05e6, 0.01);
        assertThat(edge.points().get(0).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(edge.failed()).isFalse();
        assertThat(compare(1.05e6, 0.3).points().get(0).verdict()).isEqualTo(Verdict.NOISY);
    }

    @Test
    void aBaselineOfOneRunAssumesTheRunToRunSpreadAndSaysSo() {
        MeasuredRun old = run(List.of(point("a", 1e6, 0.01, 30, random)));
        Comparison c = Gate.compare("old", List.of(old), "new", List.of(run(List.of(point("a", 1.15e6, 0.01, 30, random)))),
            defaults);
        PointComparison p = c.points().get(0);
        // 15% slower with tight samples, but one run each way: the assumed 10% run-to-run spread keeps it open
        assertThat(p.pValue()).isLessThan(1e-6);
        assertThat(p.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(p.variation()).isEqualTo("run to run, not measured (a baseline of one run): assumed 10%");
        Comparison big = Gate.compare("old", List.of(old), "new", List.of(run(List.of(point("a", 1.6e6, 0.01, 30, random)))),
            defaults);
        assertThat(big.points().get(0).verdict()).isEqualTo(Verdict.REGRESSED);
    }

    @Test
    void forksOnBothSidesMakeTheForkMediansTheObservations() {
        List<double[]> oldForks = new ArrayList<>();
        List<double[]> newForks = new ArrayList<>();
        for (int f = 0; f < 6; f++) {
            oldForks.add(GateFixtures.samples(1e6 * (1 + 0.01 * (f - 3)), 0.01, 10, random));
            newForks.add(GateFixtures.samples(1.2e6 * (1 + 0.01 * (f - 3)), 0.01, 10, random));
        }
        MeasuredRun old = run(List.of(new dev.lanes.core.gate.MeasuredPoint(GateFixtures.key("a"), "k", "d", oldForks)));
        MeasuredRun now = run(List.of(new dev.lanes.core.gate.MeasuredPoint(GateFixtures.key("a"), "k", "d", newForks)));
        PointComparison p = Gate.compare("old", List.of(old), "new", List.of(now), defaults).points().get(0);
        assertThat(p.variation()).isEqualTo("between forks: 6 old and 6 new JVMs");
        assertThat(p.oldUnits()).isEqualTo(6);
        assertThat(p.pValue()).isLessThan(0.01);                 // 6 against 6, every new fork slower: exact p = 2/924
        assertThat(p.verdict()).isEqualTo(Verdict.REGRESSED);
    }

    @Test
    void forkedBaselineRunsWidenTheIntervalToTheirRunToRunSpread() {
        List<MeasuredRun> baseline = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            double runState = 1 + 0.08 * (r % 2 == 0 ? 1 : -1);         // slow and fast minutes, every fork alike
            List<double[]> forks = new ArrayList<>();
            for (int f = 0; f < 5; f++) {
                forks.add(GateFixtures.samples(1e6 * runState, 0.005, 10, random));
            }
            baseline.add(run(List.of(new MeasuredPoint(GateFixtures.key("a"), "k", "d", forks))));
        }
        List<double[]> newForks = new ArrayList<>();
        for (int f = 0; f < 5; f++) {
            newForks.add(GateFixtures.samples(1.1e6, 0.005, 10, random));
        }
        PointComparison p = Gate.compare("old", baseline, "new",
            List.of(run(List.of(new MeasuredPoint(GateFixtures.key("a"), "k", "d", newForks)))), defaults).points().get(0);
        assertThat(p.variation()).startsWith("between forks (5 new JVMs) and run to run over the baseline's 4 forked runs");
        // the forks alone would make +10% certain; the runs' own ±8% keeps it open
        assertThat(p.ratioLow()).isLessThan(1.05);
        assertThat(p.verdict()).isNotEqualTo(Verdict.REGRESSED);
    }

    @Test
    void manyPointsMovingTogetherAreMachineDriftNotRegressions() {
        List<MeasuredRun> baseline = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            baseline.add(GateFixtures.noisyRun(6, 1.0, 0.005, 0.01, random));
        }
        Comparison drift = Gate.compare("old", baseline, "new", List.of(GateFixtures.noisyRun(6, 1.3, 0.005, 0.01, random)),
            defaults);
        assertThat(drift.drift()).isNotNull();
        assertThat(drift.drift().moved()).isEqualTo(6);
        assertThat(drift.points()).allSatisfy(p -> assertThat(p.verdict()).isEqualTo(Verdict.DRIFT));
        assertThat(drift.failed()).isFalse();
        assertThat(drift.summary()).contains("machine drift: 6 of 6 points moved by about +30% together");
        GateOptions strict = new GateOptions(0.05, 0.01, 0.1, false, false, true, false, false, 0.1);
        assertThat(Gate.compare("old", baseline, "new", List.of(GateFixtures.noisyRun(6, 1.3, 0.005, 0.01, random)), strict)
            .failed()).isTrue();
        // with fewer than five points a uniform slowdown is the program's
        List<MeasuredRun> few = baseline.stream().map(r -> run(r.points().subList(0, 2))).toList();
        Comparison two = Gate.compare("old", few, "new",
            List.of(run(GateFixtures.noisyRun(6, 1.3, 0.005, 0.01, random).points().subList(0, 2))), defaults);
        assertThat(two.drift()).isNull();
        assertThat(two.points()).allSatisfy(p -> assertThat(p.verdict()).isEqualTo(Verdict.REGRESSED));
    }

    @Test
    void changedAddedRemovedAndGatedOffPointsAreListedNotCompared() {
        MeasuredRun old = run(List.of(point("kept", 1e6, 0.01, 20, random), point("gone", 1e6, 0.01, 20, random),
            point("edited", 1e6, 0.01, 20, random), point("quiet", 1e6, 0.01, 20, random)));
        MeasuredPoint edited = point("edited", 1e6, 0.01, 20, random);
        MeasuredRun now = run(List.of(point("kept", 1e6, 0.01, 20, random), point("new", 1e6, 0.01, 20, random),
            new MeasuredPoint(edited.key(), edited.kernel(), "another definition", edited.forks()),
            point("quiet", 3e6, 0.01, 20, random)), List.of(new StageGate("quiet", true, null)));
        Comparison c = Gate.compare("old", List.of(old), "new", List.of(now), defaults);
        assertThat(c.points()).extracting(p -> p.key().stage()).containsExactly("kept");
        assertThat(c.notCompared()).extracting(n -> n.key().stage() + ": " + n.reason())
            .containsExactlyInAnyOrder("new: added", "edited: changed", "quiet: gate: off", "gone: removed");
        assertThat(c.failed()).isFalse();
    }

    @Test
    void aStagesOwnThresholdOverridesTheFlag() {
        MeasuredRun old1 = run(List.of(point("a", 1e6, 0.005, 30, random)));
        MeasuredRun old2 = run(List.of(point("a", 1.005e6, 0.005, 30, random)));
        MeasuredRun now = run(List.of(point("a", 1.25e6, 0.005, 30, random)), List.of(new StageGate("a", false, 0.5)));
        PointComparison p = Gate.compare("old", List.of(old1, old2), "new", List.of(now), defaults).points().get(0);
        assertThat(p.threshold()).isEqualTo(0.5);
        assertThat(p.verdict()).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void unlikeResultsAreRefusedUnlessAllowed() {
        MeasuredRun old = run(List.of(point("a", 1e6, 0.01, 20, random)));
        MeasuredRun other = new MeasuredRun("spec", "Other CPU", "fp2", "lanes 0.1.0", true, List.of(), old.points());
        assertThatThrownBy(() -> Gate.compare("old.json", List.of(old), "new.json", List.of(other), defaults))
            .isInstanceOf(UsageException.class)
            .hasMessage("new.json and old.json come from other machines (Test CPU against Other CPU); compare results of one "
                + "machine, or pass --allow-other-machine");
        GateOptions allow = new GateOptions(0.05, 0.01, 0.1, false, false, false, true, false, 0.1);
        assertThat(Gate.compare("old.json", List.of(old), "new.json", List.of(other), allow).warnings())
            .singleElement().asString().contains("allowed by --allow-other-machine");
        MeasuredRun incomplete = new MeasuredRun("spec", "Test CPU", "fp", "lanes 0.1.0", false, List.of(), old.points());
        assertThatThrownBy(() -> Gate.compare("old.json", List.of(incomplete), "new.json", List.of(old), defaults))
            .hasMessageContaining("old.json: the run of 'spec' did not finish").hasMessageContaining("--allow-incomplete");
    }
}
