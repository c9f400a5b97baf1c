package dev.lanes.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanes.core.Defaults;
import dev.lanes.core.kernel.ParamSpec;
import dev.lanes.core.kernel.ParamType;
import dev.lanes.core.text.SizeLiteral;
import dev.lanes.core.text.Suggestions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A spec's {@code sweep:}: axes that multiply, and {@code zip} groups whose parameters vary
 * together; what {@code --quick} makes of them, and taking one out for a {@code --set}.
 */
final class SweepParser {
    private SweepParser() {
    }

    /** The {@code sweep:} mapping: axes of their own, and {@code zip} groups, every value valid for its parameter. */
    static List<SweepAxis> parse(LocatedTree tree, JsonNode node, List<Stage> stages) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new SpecException(tree.valueAt("/sweep"), "sweep: expected a mapping of STAGE.PARAM to a list of values");
        }
        List<SweepAxis> axes = new ArrayList<>();
        Set<String> swept = new HashSet<>();
        long points = 1;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String pointer = LocatedTree.child("/sweep", e.getKey());
            List<List<SweepAxis>> groups = new ArrayList<>();
            if (e.getKey().equals("zip")) {
                JsonNode zip = e.getValue();
                boolean several = zip.isArray();
                for (int g = 0; g < (several ? zip.size() : 1); g++) {
                    String at = several ? LocatedTree.child(pointer, g) : pointer;
                    groups.add(zipGroup(tree, at, several ? zip.get(g) : zip, stages, several ? Integer.toString(g) : "0"));
                }
            } else {
                groups.add(List.of(axis(tree, pointer, e.getKey(), e.getValue(), stages, null)));
            }
            for (List<SweepAxis> group : groups) {
                for (SweepAxis axis : group) {
                    if (!swept.add(axis.key())) {
                        throw new SpecException(tree.keyAt(pointer), "sweep: " + axis.key() + " is swept twice");
                    }
                }
                points *= group.get(0).values().size();
                if (points > Defaults.MAX_SWEEP_POINTS) {
                    throw new SpecException(tree.valueAt(pointer), "sweep: more than " + Defaults.MAX_SWEEP_POINTS + " points");
                }
                axes.addAll(group);
            }
        }
        return axes;
    }

    /**
     * {@code zip: { a.length: [1M, 10M], b.length: [1M, 10M] }}: parameters that vary
     * together, the i-th value of each at the i-th point, so each needs as many values.
     */
    private static List<SweepAxis> zipGroup(LocatedTree tree, String pointer, JsonNode node, List<Stage> stages, String name) {
        if (!node.isObject() || node.isEmpty()) {
            throw new SpecException(tree.valueAt(pointer), "sweep: zip: expected a mapping of STAGE.PARAM to lists of "
                + "equal length (or a list of such mappings)");
        }
        List<SweepAxis> group = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = LocatedTree.child(pointer, e.getKey());
            SweepAxis axis = axis(tree, at, e.getKey(), e.getValue(), stages, name);
            if (!group.isEmpty() && axis.values().size() != group.get(0).values().size()) {
                SweepAxis first = group.get(0);
                throw new SpecException(tree.valueAt(at), "sweep: zip: " + axis.key() + " has " + axis.values().size()
                    + " values but " + first.key() + " has " + first.values().size()
                    + ": a zip's parameters vary together, so each needs as many values");
            }
            group.add(axis);
        }
        return group;
    }

    /** One swept parameter: its key names a stage and one of its parameters; its values are valid for it. */
    private static SweepAxis axis(LocatedTree tree, String pointer, String key, JsonNode list, List<Stage> stages, String zip) {
        int dot = key.indexOf('.');
        if (dot <= 0) {
            throw new SpecException(tree.keyAt(pointer), "sweep: key '" + key + "' must be STAGE.PARAM, e.g. data.length"
                + (zip == null ? ", or zip" : ""));
        }
        String stageId = key.substring(0, dot);
        String paramName = key.substring(dot + 1);
        List<String> ids = stages.stream().map(Stage::id).toList();
        Stage stage = stages.stream().filter(s -> s.id().equals(stageId)).findFirst().orElseThrow(() ->
            new SpecException(tree.keyAt(pointer), "sweep: unknown stage '" + stageId + "'" + Suggestions.didYouMean(stageId, ids)));
        List<String> paramNames = stage.kernel().params().stream().map(ParamSpec::name).toList();
        ParamSpec spec = stage.kernel().params().stream().filter(p -> p.name().equals(paramName)).findFirst()
            .orElseThrow(() -> new SpecException(tree.keyAt(pointer), "sweep: stage '" + stageId
                + "' (kernel '" + stage.kernel().name() + "') has no parameter '" + paramName + "'"
                + Suggestions.didYouMean(paramName, paramNames)));
        if (!list.isArray() || list.isEmpty()) {
            throw new SpecException(tree.valueAt(pointer), "sweep: " + key + ": expected a non-empty list of values");
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            values.add(SpecLoader.parseParam(tree, LocatedTree.child(pointer, i), stageId, spec, list.get(i)));
        }
        return new SweepAxis(stageId, paramName, values, zip);
    }

    /**
     * Takes a parameter out of the sweep, whether an axis of its own or a member of a zip
     * (whose other members go on varying together); its values, or {@code null} when it was not swept.
     */
    static JsonNode unsweep(ObjectNode sweep, String key) {
        if (sweep.has(key)) {
            return sweep.remove(key);
        }
        JsonNode zip = sweep.get("zip");
        if (zip instanceof ObjectNode group && group.has(key)) {
            JsonNode values = group.remove(key);
            if (group.isEmpty()) {
                sweep.remove("zip");
            }
            return values;
        }
        if (zip instanceof com.fasterxml.jackson.databind.node.ArrayNode groups) {
            for (int i = 0; i < groups.size(); i++) {
                if (groups.get(i) instanceof ObjectNode group && group.has(key)) {
                    JsonNode values = group.remove(key);
                    if (group.isEmpty()) {
                        groups.remove(i);
                    }
                    if (groups.isEmpty()) {
                        sweep.remove("zip");
                    }
                    return values;
                }
            }
        }
        return null;
    }

    /**
     * The sweep with sizes capped for a smoke run. Points whose values cap to the same sizes
     * merge into one (for a zip, all its parameters' values must agree), and a notice says which.
     */
    static List<SweepAxis> quick(List<SweepAxis> sweep, List<Stage> stages, List<String> notices) {
        Map<String, List<SweepAxis>> groups = new LinkedHashMap<>();
        sweep.forEach(axis -> groups.computeIfAbsent(axis.group(), g -> new ArrayList<>()).add(axis));
        List<SweepAxis> result = new ArrayList<>();
        for (List<SweepAxis> group : groups.values()) {
            List<Long> caps = group.stream().map(axis -> quickCap(axis, stages)).toList();
            int n = group.get(0).values().size();
            Map<List<Object>, Integer> rows = new LinkedHashMap<>();     // capped tuple → its first position
            for (int i = 0; i < n; i++) {
                List<Object> row = new ArrayList<>();
                for (int a = 0; a < group.size(); a++) {
                    Object v = group.get(a).values().get(i);
                    row.add(caps.get(a) == null ? v : (Object) Math.min((Long) v, caps.get(a)));
                }
                rows.putIfAbsent(row, i);
            }
            if (rows.size() < n) {
                SweepAxis first = group.get(0);
                String merged = group.size() == 1 && caps.get(0) != null
                    ? first.values().stream().filter(v -> (Long) v >= caps.get(0)).map(v -> SizeLiteral.readable((Long) v))
                        .toList() + " are all capped at " + SizeLiteral.readable(caps.get(0))
                    : "points that cap to the same sizes";
                notices.add("--quick: the sweep of " + String.join(" and ", group.stream().map(SweepAxis::key).toList())
                    + " runs " + rows.size() + " of its " + n + " points: " + merged + " (the quick size) and run once");
            }
            for (int a = 0; a < group.size(); a++) {
                int column = a;
                result.add(group.get(a).withValues(rows.keySet().stream().map(row -> row.get(column)).toList()));
            }
        }
        return result;
    }

    /** The most {@code --quick} lets a swept size be; {@code null} for a parameter that is not a size. */
    private static Long quickCap(SweepAxis axis, List<Stage> stages) {
        Stage stage = stages.stream().filter(s -> s.id().equals(axis.stage())).findFirst().orElseThrow();
        return stage.kernel().params().stream()
            .filter(p -> p.name().equals(axis.param()) && p.type() instanceof ParamType.Size)
            .map(p -> ((ParamType.Size) p.type()).quickMax()).findFirst().orElse(null);
    }
}
