package dev.lanes.core.spec;

import dev.lanes.core.exec.BackendChoice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated spec: stages in an order where every input comes before its consumer.
 *
 * @param source    where it was read from
 * @param digest    SHA-256 of the spec text and the command-line overrides
 * @param quick     sizes and iterations were shrunk by {@code --quick}
 * @param overrides the {@code --set STAGE.PARAM=VALUE} overrides applied, in order
 * @param notices   what loading changed that the user did not write, in words for stderr (a {@code --set} that
 *                  replaced a sweep axis, sweep points that {@code --quick} merged)
 * @param text      the spec's text as it was read: what the distributed backend sends its members
 */
public record Workload(String name, String source, String digest, Settings settings, List<Stage> stages,
                       List<SweepAxis> sweep, boolean quick, List<String> overrides, List<String> notices, String text) {

    public Workload {
        stages = List.copyOf(stages);
        sweep = List.copyOf(sweep);
        overrides = List.copyOf(overrides);
        notices = List.copyOf(notices);
    }

    public Workload withSettings(Settings value) {
        return new Workload(name, source, digest, value, stages, sweep, quick, overrides, notices, text);
    }

    /** Every stage without a {@code save:} of its own saves its output in this folder as STAGE.npy ({@code --save-dir}). */
    public Workload withSaveDir(java.nio.file.Path dir) {
        List<Stage> saving = stages.stream().map(s -> s.save() != null ? s
            : s.withSave(dir.resolve(s.id() + ".npy").toAbsolutePath().normalize().toString())).toList();
        return new Workload(name, source, digest, settings, saving, sweep, quick, overrides, notices, text);
    }

    /** The stages as a graph (they are already in its order). */
    public StageGraph graph() {
        return new StageGraph(stages);
    }

    /** What a stage asks for: its own backend, else the settings' (a --backend override comes before both). */
    public BackendChoice backendOf(Stage stage) {
        return stage.backend() != null ? stage.backend() : settings.backend();
    }

    public Optional<Stage> stage(String id) {
        return stages.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * The stages a sweep reaches: those with a swept (or weak-scaling) parameter and every
     * stage that takes their output, directly or not. The others are the same at every sweep
     * point, so they run once.
     */
    public java.util.Set<String> sweptStages() {
        java.util.Set<String> reached = new java.util.HashSet<>();
        sweep.forEach(axis -> reached.add(axis.stage()));
        weakStage().ifPresent(s -> reached.add(s.id()));
        for (Stage stage : stages) {                      // inputs come first, so one pass reaches every consumer
            if (stage.inputs().stream().anyMatch(reached::contains)) {
                reached.add(stage.id());
            }
        }
        return reached;
    }

    /** The stage measured for weak scaling, if any (a spec has at most one). */
    public Optional<Stage> weakStage() {
        return stages.stream().filter(s -> s.weakParam() != null).findFirst();
    }

    /**
     * Every sweep point: the cartesian product of the axes, the first axis slowest, where a
     * zip group counts as one axis whose parameters take their i-th values together; with a
     * weak-scaling stage, each of those once per thread count p, its parameter at p times
     * its base value.
     */
    public List<SweepPoint> points() {
        Map<String, List<SweepAxis>> groups = new LinkedHashMap<>();
        sweep.forEach(axis -> groups.computeIfAbsent(axis.group(), g -> new ArrayList<>()).add(axis));
        List<Map<String, Object>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (List<SweepAxis> group : groups.values()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> combo : combos) {
                for (int i = 0; i < group.get(0).values().size(); i++) {
                    Map<String, Object> extended = new LinkedHashMap<>(combo);
                    for (SweepAxis axis : group) {
                        extended.put(axis.key(), axis.values().get(i));
                    }
                    next.add(extended);
                }
            }
            combos = next;
        }
        List<SweepPoint> points = new ArrayList<>();
        Stage weak = weakStage().orElse(null);
        for (Map<String, Object> combo : combos) {
            if (weak == null) {
                points.add(new SweepPoint(points.size(), combo));
                continue;
            }
            String param = weak.weakParam();
            long base = weakBase(param);
            for (int p : settings.threads()) {
                Map<String, Object> grown = new LinkedHashMap<>(combo);
                grown.put(param, base * p);
                points.add(new SweepPoint(points.size(), grown, p));
            }
        }
        return points;
    }

    /** The base value of a weak-scaling parameter: the one its stage is given. */
    private long weakBase(String param) {
        int dot = param.indexOf('.');
        return stage(param.substring(0, dot)).orElseThrow().params().size(param.substring(dot + 1));
    }

    /**
     * Refuses a weak-scaling stage that cannot run as asked: its thread list must have 1 and
     * at least one more count, and its backend must be threads (or auto).
     *
     * @param override {@code --backend}, or {@code null}
     */
    public void checkWeakScaling(BackendChoice override) {
        Stage weak = weakStage().orElse(null);
        if (weak == null) {
            return;
        }
        List<Integer> threads = settings.threads();
        if (threads.size() < 2 || !threads.contains(1)) {
            throw new SpecException(weak.location(), "stage '" + weak.id() + "': weak scaling needs a thread list with 1 and "
                + "more counts (e.g. threads: [1, 2, 4]), got " + threads);
        }
        BackendChoice asked = override != null ? override : weak.backend() != null ? weak.backend() : settings.backend();
        boolean overMembers = override == BackendChoice.DISTRIBUTED;       // the data grows with the members
        if (asked != BackendChoice.AUTO && asked != BackendChoice.THREADS && !overMembers) {
            throw new SpecException(weak.location(), "stage '" + weak.id() + "': weak scaling runs the threads backend "
                + "(or --backend distributed), not " + asked.label() + (override != null ? " (--backend " + override.label()
                + ")" : ""));
        }
    }
}
