package dev.lanes.core.gate;

import dev.lanes.core.UsageException;
import dev.lanes.core.result.PointKey;
import dev.lanes.core.result.StageGate;
import dev.lanes.core.stats.BenjaminiHochberg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Compares a new result with a baseline, stage point by stage point: a regression is
 * reported only where the Mann–Whitney test is significant at the false discovery rate
 * over all compared points (Benjamini–Hochberg) AND the whole interval of the change,
 * widened by the run-to-run variation, lies beyond the threshold. Unlike results (another
 * machine, lanes version, an incomplete run) are refused unless allowed; points whose
 * definition changed, and points added or removed, are listed, not compared; a slowdown
 * shared by nearly every point is called machine drift.
 */
public final class Gate {
    /** With fewer compared points a uniform change is the program's, not drift. */
    public static final int MIN_DRIFT_POINTS = 5;
    /** Share of the compared points that must move together to call it drift. */
    static final double DRIFT_SHARE = 0.8;

    private Gate() {
    }

    /**
     * @param baseline the baseline's runs: several runs of a spec give each point's run-to-run spread
     * @param now      the new runs
     */
    public static Comparison compare(String oldName, List<MeasuredRun> baseline, String newName, List<MeasuredRun> now,
                                     GateOptions options) {
        List<String> warnings = new ArrayList<>();
        checkAlike(oldName, baseline, newName, now, options, warnings);
        List<Pending> pending = new ArrayList<>();
        List<NotCompared> notCompared = new ArrayList<>();
        for (MeasuredRun run : now) {
            List<MeasuredRun> olds = baseline.stream().filter(b -> b.spec().equals(run.spec())).toList();
            if (olds.isEmpty()) {
                warnings.add("spec '" + run.spec() + "' is not in " + oldName + ": nothing of it was compared");
            }
            pair(run, olds, options, pending, notCompared);
        }
        for (MeasuredRun old : baseline) {
            if (now.stream().noneMatch(r -> r.spec().equals(old.spec()))) {
                old.points().stream().map(MeasuredPoint::key).distinct()
                    .forEach(k -> notCompared.add(new NotCompared(old.spec(), k, "removed")));
            }
        }
        double[] adjusted = BenjaminiHochberg.adjust(pending.stream().mapToDouble(p -> p.figures.p()).toArray());
        List<PointComparison> points = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            points.add(pending.get(i).decide(adjusted[i], options));
        }
        Drift drift = drift(points, options);
        if (drift != null) {
            points = points.stream().map(p -> beyondDrift(p, drift)).toList();
        }
        points = points.stream().sorted(Comparator.comparingInt((PointComparison p) -> p.verdict().ordinal())).toList();
        return summarize(oldName, newName, points, notCompared, drift, warnings, options);
    }

    /** A point to decide, with its figures; its verdict waits for the adjusted p-value. */
    private record Pending(String spec, MeasuredPoint now, double threshold, PointDecision.Figures figures) {
        PointComparison decide(double pAdjusted, GateOptions options) {
            PointDecision.Figures f = figures;
            double upper = 1 + threshold;
            double lower = 1 / upper;
            boolean significant = pAdjusted <= options.alpha();
            Verdict verdict;
            if (significant && f.low() > upper) {
                verdict = Verdict.REGRESSED;
            } else if (significant && f.high() < lower) {
                verdict = Verdict.IMPROVED;
            } else if (f.low() >= lower && f.high() <= upper) {
                verdict = Verdict.UNCHANGED;
            } else if (f.oldCv() > options.noisyCv() || f.newCv() > options.noisyCv()) {
                verdict = Verdict.NOISY;
            } else {
                verdict = Verdict.INCONCLUSIVE;
            }
            return new PointComparison(spec, now.key(), now.kernel(), f.oldMedian(), f.newMedian(), f.ratio(), f.low(),
                f.high(), f.p(), pAdjusted, verdict, threshold, f.variation(), f.oldCv(), f.newCv(), f.oldUnits(), f.newUnits());
        }
    }

    private static void pair(MeasuredRun run, List<MeasuredRun> olds, GateOptions options, List<Pending> pending,
                             List<NotCompared> notCompared) {
        String spec = run.spec();
        Map<PointKey, List<MeasuredPoint>> byKey = new LinkedHashMap<>();
        for (MeasuredRun old : olds) {
            for (MeasuredPoint p : old.points()) {
                byKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
            }
        }
        for (MeasuredPoint p : run.points()) {
            StageGate rule = run.gates().stream().filter(g -> g.stage().equals(p.key().stage())).findFirst().orElse(null);
            List<MeasuredPoint> matches = byKey.remove(p.key());
            if (rule != null && rule.off()) {
                notCompared.add(new NotCompared(spec, p.key(), "gate: off"));
            } else if (matches == null) {
                notCompared.add(new NotCompared(spec, p.key(), "added"));
            } else {
                List<MeasuredPoint> same = matches.stream().filter(o -> sameDefinition(o, p)).toList();
                if (same.isEmpty()) {
                    notCompared.add(new NotCompared(spec, p.key(), "changed"));
                } else {
                    double threshold = rule != null ? rule.maxRegression() : options.maxRegression();
                    pending.add(new Pending(spec, p, threshold, PointDecision.of(same, p, options.assumedRunSpread())));
                }
            }
        }
        byKey.keySet().forEach(k -> notCompared.add(new NotCompared(spec, k, "removed")));
    }

    /** A point without a definition (a lanes.run/1 file, another tool's) matches any: it cannot be told apart. */
    private static boolean sameDefinition(MeasuredPoint old, MeasuredPoint now) {
        return old.definition() == null || now.definition() == null || Objects.equals(old.definition(), now.definition());
    }

    private static void checkAlike(String oldName, List<MeasuredRun> baseline, String newName, List<MeasuredRun> now,
                                   GateOptions options, List<String> warnings) {
        if (baseline.isEmpty() || now.isEmpty()) {
            throw new UsageException((baseline.isEmpty() ? oldName : newName) + ": holds no run to compare");
        }
        for (MeasuredRun r : baseline) {
            incomplete(oldName, r, options, warnings);
        }
        for (MeasuredRun r : now) {
            incomplete(newName, r, options, warnings);
        }
        MeasuredRun a = baseline.get(baseline.size() - 1);
        for (MeasuredRun b : now) {
            List<String> unlike = new ArrayList<>();
            if (!a.fingerprint().equals(b.fingerprint())) {
                unlike.add("other machines (" + a.machine() + " against " + b.machine() + ")");
            }
            if (!a.version().equals(b.version())) {
                unlike.add("other versions (" + a.version() + " against " + b.version() + ")");
            }
            if (!unlike.isEmpty()) {
                String what = newName + " and " + oldName + " come from " + String.join(" and ", unlike);
                if (!options.allowOtherMachine()) {
                    throw new UsageException(what + "; compare results of one machine, or pass --allow-other-machine");
                }
                warnings.add(what + " (allowed by --allow-other-machine)");
                break;
            }
        }
    }

    private static void incomplete(String name, MeasuredRun r, GateOptions options, List<String> warnings) {
        if (!r.complete()) {
            String what = name + ": the run of '" + r.spec() + "' did not finish (\"complete\": false)";
            if (!options.allowIncomplete()) {
                throw new UsageException(what + "; rerun it, or pass --allow-incomplete to compare what it has");
            }
            warnings.add(what + " (allowed by --allow-incomplete)");
        }
    }

    /**
     * Drift: at least {@value #MIN_DRIFT_POINTS} points compared, their median ratio beyond
     * the threshold, and at least {@value #DRIFT_SHARE} of them within the threshold of it.
     */
    private static Drift drift(List<PointComparison> points, GateOptions options) {
        if (points.size() < MIN_DRIFT_POINTS) {
            return null;
        }
        double[] logs = points.stream().mapToDouble(p -> Math.log(p.ratio())).sorted().toArray();
        double medianLog = logs.length % 2 == 1 ? logs[logs.length / 2] : (logs[logs.length / 2 - 1] + logs[logs.length / 2]) / 2;
        double band = Math.log(1 + options.maxRegression());
        if (Math.abs(medianLog) <= band) {
            return null;
        }
        int together = (int) Arrays.stream(logs).filter(l -> Math.abs(l - medianLog) <= band).count();
        return together >= DRIFT_SHARE * points.size() ? new Drift(Math.exp(medianLog), together, points.size()) : null;
    }

    /** Under drift a point regressed or improved only if it did so beyond the drift itself. */
    private static PointComparison beyondDrift(PointComparison p, Drift drift) {
        if (p.verdict() != Verdict.REGRESSED && p.verdict() != Verdict.IMPROVED) {
            return p;
        }
        double low = p.ratioLow() / drift.medianRatio();
        double high = p.ratioHigh() / drift.medianRatio();
        double upper = 1 + p.threshold();
        boolean still = p.verdict() == Verdict.REGRESSED ? low > upper : high < 1 / upper;
        return still ? p : new PointComparison(p.spec(), p.key(), p.kernel(), p.oldMedianNanos(), p.newMedianNanos(), p.ratio(),
            p.ratioLow(), p.ratioHigh(), p.pValue(), p.pAdjusted(), Verdict.DRIFT, p.threshold(), p.variation(), p.oldCv(),
            p.newCv(), p.oldUnits(), p.newUnits());
    }

    private static Comparison summarize(String oldName, String newName, List<PointComparison> points,
                                        List<NotCompared> notCompared, Drift drift, List<String> warnings, GateOptions options) {
        long regressed = points.stream().filter(p -> p.verdict() == Verdict.REGRESSED).count();
        long noisy = points.stream().filter(p -> p.verdict() == Verdict.NOISY).count();
        long inconclusive = points.stream().filter(p -> p.verdict() == Verdict.INCONCLUSIVE).count();
        boolean failed = regressed > 0 || options.failOnNoisy() && noisy > 0 || options.failOnInconclusive() && inconclusive > 0
            || options.failOnDrift() && drift != null;
        StringBuilder s = new StringBuilder(failed ? "FAILED: " : "passed: ");
        if (regressed > 0) {
            s.append(regressed).append(" of ").append(points.size()).append(" stage points regressed beyond their threshold");
        } else {
            s.append(points.size()).append(" stage point").append(points.size() == 1 ? "" : "s").append(" compared");
        }
        List<String> counts = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            long n = points.stream().filter(p -> p.verdict() == v).count();
            if (n > 0) {
                counts.add(n + " " + v.label().toLowerCase(Locale.ROOT));
            }
        }
        if (!counts.isEmpty()) {
            s.append(" (").append(String.join(", ", counts)).append(")");
        }
        if (drift != null) {
            s.append("; machine drift: ").append(drift.moved()).append(" of ").append(drift.compared())
                .append(String.format(Locale.ROOT, " points moved by about %+.0f%% together", (drift.medianRatio() - 1) * 100))
                .append(options.failOnDrift() ? "" : " (a warning: --drift fail makes it fail)");
        }
        if (noisy > 0 && !options.failOnNoisy()) {
            s.append("; noisy points warn (--noisy fail makes them fail)");
        }
        if (!notCompared.isEmpty()) {
            s.append("; ").append(notCompared.size()).append(" not compared");
        }
        return new Comparison(oldName, newName, failed, s.toString(), points, notCompared, drift, warnings, options);
    }
}
