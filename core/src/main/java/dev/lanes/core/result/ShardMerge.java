package dev.lanes.core.result;

import dev.lanes.core.UsageException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code lanes merge}: the partial results of {@code --shard K/N} joined into the result one
 * run of the whole workload makes — the same points in the same order, the derived rows
 * computed again over all of them. Refused (exit 2), before anything is written: a file that
 * is not a shard's, a shard missing or given twice, a shard of another run (spec digest,
 * overrides, flags, lanes version or share of units differ), and a shard that was cut short.
 */
public final class ShardMerge {
    private ShardMerge() {
    }

    /** A partial result file, read: its name for messages, and its runs (one per spec it ran). */
    public record Partial(String name, List<RunResult> runs) {
        public Partial {
            runs = List.copyOf(runs);
        }
    }

    /** One merged result per spec, in the order the partials hold them. */
    public static List<RunResult> merge(List<Partial> partials) {
        if (partials.isEmpty()) {
            throw new UsageException("lanes merge: no partial results given");
        }
        Partial first = partials.get(0);
        for (Partial p : partials) {
            for (int i = 0; i < p.runs().size(); i++) {
                if (p.runs().get(i).shard() == null) {
                    throw new UsageException(p.name() + where(p, i) + ": not a shard's result (it has no 'shard': run "
                        + "with --shard K/N writes one)");
                }
            }
            if (p.runs().size() != first.runs().size()) {
                throw new UsageException(p.name() + ": holds " + p.runs().size() + " run(s) and " + first.name() + " "
                    + first.runs().size() + ": not shards of the same command");
            }
        }
        List<RunResult> merged = new ArrayList<>();
        for (int spec = 0; spec < first.runs().size(); spec++) {
            merged.add(mergeOne(partials, spec));
        }
        return merged;
    }

    private static RunResult mergeOne(List<Partial> partials, int spec) {
        Partial first = partials.get(0);
        RunResult reference = first.runs().get(spec);
        ShardInfo expected = reference.shard();
        Map<Integer, Partial> byIndex = new TreeMap<>();
        for (Partial p : partials) {
            RunResult run = p.runs().get(spec);
            String problem = unlike(reference, run);
            if (problem != null) {
                throw new UsageException(p.name() + where(p, spec) + ": not a shard of the same run as " + first.name() + ": "
                    + problem);
            }
            Partial twice = byIndex.put(run.shard().index(), p);
            if (twice != null) {
                throw new UsageException("shard " + run.shard().label() + " appears twice: " + twice.name() + " and " + p.name());
            }
            if (!run.complete() && run.failures().isEmpty()) {
                throw new UsageException(p.name() + where(p, spec) + ": shard " + run.shard().label() + " did not finish (an "
                    + "interrupted or killed run); run that shard again");
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int k = 1; k <= expected.count(); k++) {
            if (!byIndex.containsKey(k)) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            throw new UsageException("shard" + (missing.size() == 1 ? " " : "s ") + numbers(missing) + " of " + expected.count()
                + (missing.size() == 1 ? " is" : " are") + " missing (given: " + numbers(List.copyOf(byIndex.keySet())) + ")");
        }
        List<RunResult> shards = byIndex.values().stream().map(p -> p.runs().get(spec)).toList();
        checkUnits(shards, expected.units());
        return join(shards);
    }

    /** Every unit run by exactly one shard: what the shards' plans promise, checked, since files can be edited. */
    private static void checkUnits(List<RunResult> shards, int units) {
        int[] runs = new int[units];
        for (RunResult r : shards) {
            for (int u : r.shard().own()) {
                if (u < 0 || u >= units) {
                    throw new UsageException("shard " + r.shard().label() + " claims unit " + u + " of " + units);
                }
                runs[u]++;
            }
        }
        for (int u = 0; u < units; u++) {
            if (runs[u] != 1) {
                throw new UsageException("unit " + u + " of the workload was run by " + runs[u] + " shards, not one: the "
                    + "partials do not come from one plan");
            }
        }
    }

    /** Why two shards cannot belong to one run, or {@code null}. */
    private static String unlike(RunResult a, RunResult b) {
        if (a.shard().count() != b.shard().count()) {
            return "it is shard " + b.shard().label() + ", of " + b.shard().count() + " shards, not " + a.shard().count();
        }
        if (!a.spec().digest().equals(b.spec().digest())) {
            return "its spec digest " + abbreviate(b.spec().digest()) + " is not " + abbreviate(a.spec().digest())
                + " (another spec, or other --set overrides)";
        }
        if (!Objects.equals(a.lanesVersion(), b.lanesVersion())) {
            return "it was made by lanes " + b.lanesVersion() + ", not " + a.lanesVersion();
        }
        if (!a.spec().flags().equals(b.spec().flags()) || a.spec().quick() != b.spec().quick()) {
            return "it ran with other flags (" + String.join(" ", b.spec().flags()) + " against "
                + String.join(" ", a.spec().flags()) + ")";
        }
        if (!a.spec().settings().equals(b.spec().settings())) {
            return "it ran with other settings";
        }
        if (a.shard().units() != b.shard().units()) {
            return "its workload has " + b.shard().units() + " units, not " + a.shard().units();
        }
        return null;
    }

    /** The shards' points and concurrent points in a whole run's order; the first shard's header. */
    private static RunResult join(List<RunResult> shards) {
        record Placed<T>(int position, int shard, int order, T value) {
        }
        List<Placed<PointResult>> points = new ArrayList<>();
        List<Placed<ConcurrentPoint>> concurrent = new ArrayList<>();
        LinkedHashSet<StageFailure> failures = new LinkedHashSet<>();
        LinkedHashSet<InputFile> files = new LinkedHashSet<>();
        List<ShardOrigin> origins = new ArrayList<>();
        for (int s = 0; s < shards.size(); s++) {
            RunResult r = shards.get(s);
            ShardInfo info = r.shard();
            if (info.positions().size() != r.points().size() || info.concurrent().size() != r.concurrent().size()) {
                throw new UsageException("shard " + info.label() + ": its 'shard' lists " + info.positions().size()
                    + " positions for " + r.points().size() + " points: the file was edited");
            }
            for (int i = 0; i < r.points().size(); i++) {
                points.add(new Placed<>(info.positions().get(i), s, i, r.points().get(i)));
            }
            for (int i = 0; i < r.concurrent().size(); i++) {
                concurrent.add(new Placed<>(info.concurrent().get(i), s, i, r.concurrent().get(i)));
            }
            failures.addAll(r.failures());
            files.addAll(r.spec().files());
            origins.add(new ShardOrigin(info.index(), r.startedAt(), r.machine()));
        }
        Comparator<Placed<?>> order = Comparator.<Placed<?>>comparingInt(Placed::position).thenComparingInt(Placed::shard)
            .thenComparingInt(Placed::order);
        List<PointResult> joined = points.stream().sorted(order).map(Placed::value).toList();
        List<ConcurrentPoint> together = concurrent.stream().sorted(order).map(Placed::value).toList();
        RunResult first = shards.get(0);
        SpecInfo s = first.spec();
        SpecInfo spec = new SpecInfo(s.name(), s.file(), s.digest(), s.quick(), s.settings(), s.overrides(), s.flags(),
            s.weak(), s.gates(), List.copyOf(files));
        String startedAt = shards.stream().map(RunResult::startedAt).min(Comparator.naturalOrder()).orElseThrow();
        boolean complete = shards.stream().allMatch(RunResult::complete);
        return new RunResult(RunResult.SCHEMA, complete, first.lanesVersion(), startedAt, first.machine(),
            first.calibration(), spec, joined, Analysis.derive(joined, s.weak(), first.calibration(), s.quick(), together),
            List.copyOf(failures), together, null, origins);
    }

    private static String where(Partial p, int run) {
        return p.runs().size() == 1 ? "" : " [" + run + "]";
    }

    private static String abbreviate(String digest) {
        return digest.length() > 12 ? digest.substring(0, 12) + "…" : digest;
    }

    private static String numbers(List<Integer> numbers) {
        return String.join(", ", numbers.stream().map(String::valueOf).toList());
    }
}
