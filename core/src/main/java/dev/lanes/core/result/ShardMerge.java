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

    /**
     * How the parts of a stage point that shards of {@code --shard-by blocks} each ran over their blocks become the point
     * a whole run makes: their answers folded in block order, the output checked. Binding the stage again is the run's
     * business, not the result model's, so the caller gives it.
     */
    public interface BlockJoiner {
        /**
         * @param spec     the run's spec, as the shards recorded it
         * @param specText its text
         * @param parts    the point's parts, in block order, tiling its whole block range
         */
        PointResult join(SpecInfo spec, String specText, List<BlockPart> parts);
    }

    /** One shard's part of a stage point cut by blocks: the point it measured, and what it ran. */
    public record BlockPart(ShardInfo shard, String file, PointResult point, BlockSlice slice) {
    }

    /** One merged result per spec, in the order the partials hold them; shards that cut blocks are refused. */
    public static List<RunResult> merge(List<Partial> partials) {
        return merge(partials, null);
    }

    /** @param joiner joins the parts of a stage point whose blocks the shards cut; {@code null} when none may have */
    public static List<RunResult> merge(List<Partial> partials, BlockJoiner joiner) {
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
            merged.add(mergeOne(partials, spec, joiner));
        }
        return merged;
    }

    private static RunResult mergeOne(List<Partial> partials, int spec, BlockJoiner joiner) {
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
        List<String> names = byIndex.values().stream().map(Partial::name).toList();
        if (expected.cutsBlocks()) {
            if (joiner == null) {
                throw new UsageException(first.name() + ": its shards cut blocks (--shard-by blocks), which this merge "
                    + "cannot join");
            }
            checkEveryUnit(shards, expected.units());
        } else {
            checkUnits(shards, expected.units());
        }
        return join(shards, names, joiner);
    }

    /** Cutting blocks, every shard runs every unit (each over its part). */
    private static void checkEveryUnit(List<RunResult> shards, int units) {
        List<Integer> all = java.util.stream.IntStream.range(0, units).boxed().toList();
        for (RunResult r : shards) {
            if (!r.shard().own().equals(all)) {
                throw new UsageException("shard " + r.shard().label() + " cut blocks but lists " + r.shard().own().size()
                    + " of the workload's " + units + " units: the partials do not come from one plan");
            }
        }
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
        if (a.shard().cutsBlocks() != b.shard().cutsBlocks()) {
            return "it shares out " + (b.shard().cutsBlocks() ? "blocks" : "stage points") + " (--shard-by "
                + (b.shard().cutsBlocks() ? "blocks" : "units") + "), not "
                + (a.shard().cutsBlocks() ? "blocks" : "stage points");
        }
        return null;
    }

    /** The shards' points and concurrent points in a whole run's order; the first shard's header. */
    private static RunResult join(List<RunResult> shards, List<String> names, BlockJoiner joiner) {
        record Placed<T>(int position, int shard, int order, T value) {
        }
        List<Placed<PointResult>> points = new ArrayList<>();
        // the parts of each point cut by blocks, by its place and key, in shard order; joined below
        Map<String, List<BlockPart>> cut = new java.util.LinkedHashMap<>();
        Map<String, Placed<PointResult>> cutPlace = new java.util.HashMap<>();
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
            Map<Integer, BlockSlice> slices = new java.util.HashMap<>();
            for (BlockSlice slice : info.slices()) {
                if (slice.result() < 0 || slice.result() >= r.points().size() || slices.put(slice.result(), slice) != null) {
                    throw new UsageException(names.get(s) + ": shard " + info.label() + " lists blocks for point "
                        + slice.result() + ", which it does not hold once: the file was edited");
                }
            }
            for (int i = 0; i < r.points().size(); i++) {
                PointResult point = r.points().get(i);
                Placed<PointResult> placed = new Placed<>(info.positions().get(i), s, i, point);
                BlockSlice slice = slices.get(i);
                if (slice == null) {
                    points.add(placed);
                    continue;
                }
                String place = info.positions().get(i) + " " + point.key();
                cut.computeIfAbsent(place, k -> new ArrayList<>()).add(new BlockPart(info, names.get(s), point, slice));
                cutPlace.putIfAbsent(place, placed);
            }
            for (int i = 0; i < r.concurrent().size(); i++) {
                concurrent.add(new Placed<>(info.concurrent().get(i), s, i, r.concurrent().get(i)));
            }
            failures.addAll(r.failures());
            files.addAll(r.spec().files());
            origins.add(new ShardOrigin(info.index(), r.startedAt(), r.machine()));
        }
        RunResult head = shards.get(0);
        for (Map.Entry<String, List<BlockPart>> e : cut.entrySet()) {
            List<BlockPart> parts = tiled(e.getValue());
            Placed<PointResult> at = cutPlace.get(e.getKey());
            points.add(new Placed<>(at.position(), at.shard(), at.order(), joiner.join(head.spec(), head.shard().specText(),
                parts)));
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

    /** A point's parts in block order, refused unless they cover its block range once, each shard's being its own part. */
    private static List<BlockPart> tiled(List<BlockPart> parts) {
        List<BlockPart> sorted = parts.stream().sorted(Comparator.comparingInt(p -> p.slice().firstBlock())).toList();
        BlockPart first = sorted.get(0);
        int blocks = first.slice().blocks();
        int next = 0;
        for (BlockPart p : sorted) {
            BlockSlice c = p.slice();
            String which = "stage '" + c.stage() + "' (" + p.point().key().labelWithThreads() + ", point " + c.sweepPoint()
                + ")";
            boolean samePoint = c.stage().equals(first.slice().stage()) && c.sweepPoint() == first.slice().sweepPoint();
            if (c.blocks() != blocks || !samePoint) {
                throw new UsageException(p.file() + ": " + which + " does not match the other shards' (" + c.blocks()
                    + " blocks, not " + blocks + ")");
            }
            if (c.firstBlock() != next) {
                throw new UsageException(which + ": " + (c.firstBlock() > next ? "blocks [" + next + ", " + c.firstBlock()
                    + ") were run by no shard" : "blocks from " + c.firstBlock() + " were run twice (again by "
                    + p.file() + ")") + ": the partials do not come from one plan");
            }
            next = c.endBlock();
        }
        if (next != blocks) {
            throw new UsageException("stage '" + first.slice().stage() + "' (" + first.point().key().labelWithThreads()
                + "): blocks [" + next + ", " + blocks + ") were run by no shard: the partials do not come from one plan");
        }
        return sorted;
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
