package dev.lanes.core.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A workload's stages as a graph: {@code inputs} are data edges, {@code after} order-only
 * ones. Built by {@link #of}, which orders the stages so every predecessor comes first
 * (spec order otherwise) and refuses a cycle with its path; the order and the ready sets
 * of a concurrent schedule both come from here.
 *
 * @param stages in an order where every predecessor comes before the stages that need it
 */
public record StageGraph(List<Stage> stages) {

    public StageGraph {
        stages = List.copyOf(stages);
    }

    /**
     * Orders the stages so predecessors come first, keeping spec order otherwise. Unknown ids
     * are the loader's to report (it knows where each was written); a cycle is refused here,
     * at its first stage, with its path.
     */
    public static StageGraph of(List<Stage> declared) {
        List<Stage> ordered = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        while (ordered.size() < declared.size()) {
            boolean progress = false;
            for (Stage s : declared) {
                if (!done.contains(s.id()) && done.containsAll(s.predecessors())) {
                    ordered.add(s);
                    done.add(s.id());
                    progress = true;
                }
            }
            if (!progress) {
                Stage first = declared.stream().filter(s -> !done.contains(s.id())).findFirst().orElseThrow();
                throw new SpecException(first.location(), "stage '" + first.id() + "': inputs and after: form a cycle: "
                    + cycle(declared, first, done));
            }
        }
        return new StageGraph(ordered);
    }

    /** "a <- b <- a": from the stage, each one it waits for, back to itself. */
    private static String cycle(List<Stage> stages, Stage start, Set<String> done) {
        Map<String, Stage> byId = new LinkedHashMap<>();
        stages.forEach(s -> byId.put(s.id(), s));
        List<String> path = new ArrayList<>();
        Stage current = start;
        while (!path.contains(current.id())) {
            path.add(current.id());
            current = byId.get(current.predecessors().stream().filter(i -> !done.contains(i)).findFirst().orElseThrow());
        }
        List<String> loop = new ArrayList<>(path.subList(path.indexOf(current.id()), path.size()));
        loop.add(current.id());
        return String.join(" <- ", loop);
    }

    /**
     * The ready sets of a schedule that runs independent stages together: wave k holds the
     * included stages whose included predecessors are all in earlier waves, as early as that
     * allows (a stage's wave is one past its latest included predecessor's). Stages left out
     * (data sources, which run once before anything is measured) do not delay anything.
     */
    public List<List<Stage>> waves(Predicate<Stage> included) {
        Map<String, Integer> level = new HashMap<>();
        List<List<Stage>> waves = new ArrayList<>();
        Map<String, Stage> byId = byId();
        for (Stage s : stages) {
            int mine = 0;
            for (String before : allPredecessors(s, byId)) {
                Integer l = level.get(before);
                if (l != null) {
                    mine = Math.max(mine, l + 1);
                }
            }
            if (!included.test(s)) {
                continue;
            }
            level.put(s.id(), mine);
            while (waves.size() <= mine) {
                waves.add(new ArrayList<>());
            }
            waves.get(mine).add(s);
        }
        return waves.stream().filter(w -> !w.isEmpty()).map(List::copyOf).toList();
    }

    /** Every stage this one waits for, directly or through others. */
    public Set<String> allPredecessors(Stage stage) {
        return allPredecessors(stage, byId());
    }

    /** Every stage whose output the stage reads, directly or through others: data edges only, no {@code after:}. */
    public Set<String> allInputs(Stage stage) {
        return closure(stage, byId(), Stage::inputs);
    }

    private Map<String, Stage> byId() {
        Map<String, Stage> byId = new HashMap<>();
        stages.forEach(s -> byId.put(s.id(), s));
        return byId;
    }

    private static Set<String> allPredecessors(Stage stage, Map<String, Stage> byId) {
        return closure(stage, byId, Stage::predecessors);
    }

    private static Set<String> closure(Stage stage, Map<String, Stage> byId,
                                       java.util.function.Function<Stage, List<String>> edges) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(edges.apply(stage));
        while (!todo.isEmpty()) {
            String id = todo.removeLast();
            if (seen.add(id) && byId.containsKey(id)) {
                todo.addAll(edges.apply(byId.get(id)));
            }
        }
        return seen;
    }
}
