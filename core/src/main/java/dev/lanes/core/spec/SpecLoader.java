package dev.lanes.core.spec;

import dev.lanes.core.text.Bytes;
import dev.lanes.core.text.SizeLiteral;
import dev.lanes.core.text.Suggestions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lanes.core.Defaults;
import dev.lanes.core.UsageException;
import dev.lanes.core.exec.BackendChoice;
import dev.lanes.core.kernel.Kernel;
import dev.lanes.core.kernel.KernelRegistry;
import dev.lanes.core.kernel.ParamSpec;
import dev.lanes.core.kernel.ParamType;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageShape;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a YAML or JSON spec into a validated {@link Workload}, refusing anything invalid
 * before it runs with {@code file:line:column: what was expected}.
 */
public final class SpecLoader {
    private static final Set<String> TOP_KEYS = Set.of("name", "settings", "stages", "sweep");
    private static final Set<String> SETTINGS_KEYS =
        Set.of("warmup", "iterations", "min-warmup-ms", "threads", "verify", "backend", "stages");
    private static final Set<String> STAGE_KEYS = Set.of("id", "kernel", "params", "inputs", "backend", "scaling", "gate",
        "save", "after");

    private final KernelRegistry kernels;
    private final int maxThreads;
    private final long heapLimitBytes;

    /**
     * @param maxThreads     what {@code max} means in a thread list
     * @param heapLimitBytes the most memory the data of one sweep point may take
     */
    public SpecLoader(KernelRegistry kernels, int maxThreads, long heapLimitBytes) {
        this.kernels = kernels;
        this.maxThreads = maxThreads;
        this.heapLimitBytes = heapLimitBytes;
    }

    /** A loader for this JVM: all its processors, {@value Defaults#HEAP_SHARE_FOR_DATA} of its heap. */
    public static SpecLoader forThisJvm(KernelRegistry kernels) {
        Runtime rt = Runtime.getRuntime();
        return new SpecLoader(kernels, rt.availableProcessors(), (long) (rt.maxMemory() * Defaults.HEAP_SHARE_FOR_DATA));
    }

    /**
     * Loads a spec file.
     *
     * @param overrides {@code STAGE.PARAM=VALUE} from {@code --set}
     * @param quick     cap sizes and iterations for a smoke run
     */
    public Workload load(Path file, List<String> overrides, boolean quick) {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new UsageException(file + ": is a directory, not a spec file");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": no such spec file");
        } catch (AccessDeniedException e) {
            throw new UsageException(file + ": permission denied");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new SpecException(SourceLocation.of(file.toString(), 1, 1), "not UTF-8 text");
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read: " + e.getMessage());
        }
        return parse(file.toString(), text, overrides, quick);
    }

    /** Parses spec text; {@code file} names it in errors and decides YAML (default) or JSON (.json). */
    public Workload parse(String file, String text, List<String> overrides, boolean quick) {
        boolean yaml = !file.toLowerCase(Locale.ROOT).endsWith(".json");
        LocatedTree tree = LocatedTree.parse(file, text, yaml);
        JsonNode root = tree.root();
        if (!root.isObject()) {
            throw new SpecException(tree.valueAt(""), "expected a mapping with 'stages' (and optionally name, settings, sweep)");
        }
        checkKeys(tree, "", root, TOP_KEYS, "top-level key");
        List<String> notices = new ArrayList<>(applyOverrides(tree, (ObjectNode) root, overrides));

        String name = root.has("name") ? text(tree, "/name", root.get("name")) : defaultName(file);
        Settings settings = settings(tree, root.get("settings"));
        List<Stage> stages = stages(tree, root.get("stages"));
        List<SweepAxis> sweep = SweepParser.parse(tree, root.get("sweep"), stages);
        if (quick) {
            settings = settings.withWarmup(Math.min(settings.warmup(), Defaults.QUICK_WARMUP_ITERATIONS))
                .withIterations(Math.min(settings.iterations(), Defaults.QUICK_MEASURED_ITERATIONS))
                .withMinWarmupMillis(Defaults.QUICK_MIN_WARMUP_MILLIS);
            stages = stages.stream().map(SpecLoader::quickStage).toList();
            sweep = SweepParser.quick(sweep, stages, notices);
        }
        checkWeak(tree, stages, sweep);
        Workload workload = new Workload(name, file, digest(text, overrides), settings, StageGraph.of(stages).stages(), sweep, quick,
            overrides, notices, text);
        workload.checkWeakScaling(null);
        checkShapes(tree, workload);
        return workload;
    }

    private Settings settings(LocatedTree tree, JsonNode node) {
        Settings s = new Settings(Defaults.WARMUP_ITERATIONS, Defaults.MEASURED_ITERATIONS, Defaults.MIN_WARMUP_MILLIS,
            List.of(maxThreads), Defaults.VERIFY, BackendChoice.AUTO);
        if (node == null || node.isNull()) {
            return s;
        }
        if (!node.isObject()) {
            throw new SpecException(tree.valueAt("/settings"), "settings: expected a mapping");
        }
        checkKeys(tree, "/settings", node, SETTINGS_KEYS, "setting");
        if (node.has("warmup")) {
            s = s.withWarmup((int) whole(tree, "/settings/warmup", node.get("warmup"), 0, 1_000_000));
        }
        if (node.has("iterations")) {
            s = s.withIterations((int) whole(tree, "/settings/iterations", node.get("iterations"), 1, 1_000_000));
        }
        if (node.has("min-warmup-ms")) {
            s = s.withMinWarmupMillis(whole(tree, "/settings/min-warmup-ms", node.get("min-warmup-ms"), 0, 3_600_000));
        }
        if (node.has("threads")) {
            s = s.withThreads(threads(tree, "/settings/threads", node.get("threads")));
        }
        if (node.has("verify")) {
            JsonNode v = node.get("verify");
            if (!v.isBoolean()) {
                throw new SpecException(tree.valueAt("/settings/verify"), "settings.verify: expected true or false");
            }
            s = s.withVerify(v.booleanValue());
        }
        if (node.has("backend")) {
            BackendChoice b = backend(tree, "/settings/backend", node.get("backend"));
            s = new Settings(s.warmup(), s.iterations(), s.minWarmupMillis(), s.threads(), s.verify(), b);
        }
        if (node.has("stages")) {
            JsonNode m = node.get("stages");
            String text = m.isTextual() ? m.asText() : m.toString();
            StageMode mode = StageMode.parse(text).orElseThrow(() -> new SpecException(tree.valueAt("/settings/stages"),
                "settings.stages: expected serial or concurrent, got '" + text + "'"
                    + dev.lanes.core.text.Suggestions.didYouMean(text, StageMode.labels())));
            s = s.withStages(mode);
        }
        return s;
    }

    /** Parses a thread list: a number, {@code max}, or a list of them; sorted, without repeats. */
    private List<Integer> threads(LocatedTree tree, String pointer, JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        if (items.isEmpty()) {
            throw new SpecException(tree.valueAt(pointer), "settings.threads: expected at least one thread count");
        }
        Set<Integer> counts = new java.util.TreeSet<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                counts.add(threadCount(items.get(i)));
            } catch (IllegalArgumentException e) {
                String p = node.isArray() ? LocatedTree.child(pointer, i) : pointer;
                throw new SpecException(tree.valueAt(p), "settings.threads: " + e.getMessage());
            }
        }
        return List.copyOf(counts);
    }

    /** Parses {@code --threads 1,2,max}: sorted, without repeats. */
    public List<Integer> threads(String commandLine) {
        Set<Integer> counts = new java.util.TreeSet<>();
        for (String part : commandLine.split(",", -1)) {
            String t = part.strip();
            JsonNode node = t.matches("-?[0-9]{1,18}")
                ? com.fasterxml.jackson.databind.node.LongNode.valueOf(Long.parseLong(t))
                : com.fasterxml.jackson.databind.node.TextNode.valueOf(t);
            try {
                counts.add(threadCount(node));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--threads " + commandLine + ": " + e.getMessage());
            }
        }
        return List.copyOf(counts);
    }

    private int threadCount(JsonNode item) {
        if (item.isTextual() && item.asText().strip().equalsIgnoreCase("max")) {
            return maxThreads;
        }
        if (!item.isIntegralNumber()) {
            throw new IllegalArgumentException("expected a thread count or 'max', got '" + item.asText() + "'");
        }
        long value = item.longValue();
        if (value < 1 || value > 4096) {
            throw new IllegalArgumentException("a thread count must be in 1..4096, got " + value);
        }
        return (int) value;
    }

    private List<Stage> stages(LocatedTree tree, JsonNode node) {
        if (node == null || node.isNull()) {
            throw new SpecException(tree.valueAt(""), "missing 'stages': a spec needs at least one stage");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new SpecException(tree.valueAt("/stages"), "stages: expected a non-empty list of stages");
        }
        List<Stage> stages = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String pointer = LocatedTree.child("/stages", i);
            JsonNode s = node.get(i);
            if (!s.isObject()) {
                throw new SpecException(tree.valueAt(pointer), "stage " + (i + 1) + ": expected a mapping with id and kernel");
            }
            if (!s.has("id")) {
                throw new SpecException(tree.valueAt(pointer), "stage " + (i + 1) + ": missing 'id'");
            }
            String id = text(tree, pointer + "/id", s.get("id"));
            if (!id.matches("[A-Za-z][A-Za-z0-9_-]*")) {
                throw new SpecException(tree.valueAt(pointer + "/id"),
                    "stage id '" + id + "': use letters, digits, '-' and '_', starting with a letter");
            }
            if (!ids.add(id)) {
                throw new SpecException(tree.valueAt(pointer + "/id"), "stage id '" + id + "' is used twice");
            }
            checkKeys(tree, pointer, s, STAGE_KEYS, "key of stage '" + id + "'");
            if (!s.has("kernel")) {
                throw new SpecException(tree.valueAt(pointer), "stage '" + id + "': missing 'kernel'");
            }
            String kernelName = text(tree, pointer + "/kernel", s.get("kernel"));
            Kernel kernel = kernels.find(kernelName).orElseThrow(() -> new SpecException(tree.valueAt(pointer + "/kernel"),
                "stage '" + id + "': unknown kernel '" + kernelName + "'" + Suggestions.didYouMean(kernelName, kernels.names())));
            Params params = params(tree, pointer, id, kernel, s.get("params"));
            List<String> inputs = stageIds(tree, pointer, "inputs", s.get("inputs"));
            BackendChoice backend = s.has("backend") ? backend(tree, pointer + "/backend", s.get("backend")) : null;
            String weak = s.has("scaling") ? weakParam(tree, pointer + "/scaling", id, s.get("scaling")) : null;
            GateRule gate = s.has("gate") ? gateRule(tree, pointer + "/gate", id, s.get("gate")) : null;
            String save = s.has("save") ? savePath(tree, pointer + "/save", id, s.get("save")) : null;
            List<String> after = stageIds(tree, pointer, "after", s.get("after"));
            stages.add(new Stage(id, kernel, params, inputs, backend, tree.valueAt(pointer), weak, gate, save, after));
        }
        for (int i = 0; i < stages.size(); i++) {
            checkInputs(tree, LocatedTree.child("/stages", i), stages.get(i), ids);
        }
        return stages;
    }

    private Params params(LocatedTree tree, String stagePointer, String id, Kernel kernel, JsonNode node) {
        String pointer = stagePointer + "/params";
        if (node != null && !node.isNull() && !node.isObject()) {
            throw new SpecException(tree.valueAt(pointer), "stage '" + id + "': params: expected a mapping");
        }
        Map<String, ParamSpec> specs = new LinkedHashMap<>();
        kernel.params().forEach(p -> specs.put(p.name(), p));
        Map<String, Object> values = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ParamSpec spec = specs.get(e.getKey());
                String p = LocatedTree.child(pointer, e.getKey());
                if (spec == null) {
                    String known = specs.isEmpty() ? "it takes no parameters" : "it takes " + String.join(", ", specs.keySet());
                    throw new SpecException(tree.keyAt(p), "stage '" + id + "': unknown parameter '" + e.getKey()
                        + "' of kernel '" + kernel.name() + "'" + Suggestions.didYouMean(e.getKey(), specs.keySet())
                        + (Suggestions.didYouMean(e.getKey(), specs.keySet()).isEmpty() ? " (" + known + ")" : ""));
                }
                values.put(spec.name(), parseParam(tree, p, id, spec, e.getValue()));
            }
        }
        for (ParamSpec spec : specs.values()) {
            if (!values.containsKey(spec.name())) {
                if (spec.isRequired()) {
                    throw new SpecException(tree.valueAt(stagePointer), "stage '" + id + "': missing parameter '"
                        + spec.name() + "' (" + spec.type().describe() + ": " + spec.description() + ")");
                }
                values.put(spec.name(), spec.defaultValue());
            }
        }
        return new Params(values);
    }

    static Object parseParam(LocatedTree tree, String pointer, String id, ParamSpec spec, JsonNode value) {
        try {
            Object parsed = spec.type().parse(value);
            return spec.type() instanceof ParamType.FilePath || spec.type() instanceof ParamType.Folder
                ? resolve(tree, pointer, (String) parsed) : parsed;
        } catch (IllegalArgumentException e) {
            throw new SpecException(tree.valueAt(pointer), "stage '" + id + "': " + spec.name() + ": " + e.getMessage());
        }
    }

    /** A path as the user meant it: from the spec's folder, or, given with --set, from the current directory. */
    static String resolve(LocatedTree tree, String pointer, String path) {
        Path given = Path.of(path);
        if (given.isAbsolute() || tree.fromCommandLine(pointer)) {
            return given.toAbsolutePath().normalize().toString();
        }
        Path folder = Path.of(tree.file()).toAbsolutePath().getParent();
        return (folder == null ? given : folder.resolve(given)).toAbsolutePath().normalize().toString();
    }

    /** {@code inputs:} or {@code after:}: one stage id or a list of them. */
    private static List<String> stageIds(LocatedTree tree, String stagePointer, String key, JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        String pointer = stagePointer + "/" + key;
        List<String> names = new ArrayList<>();
        if (node.isTextual()) {
            names.add(node.asText());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                names.add(text(tree, LocatedTree.child(pointer, i), node.get(i)));
            }
        } else {
            throw new SpecException(tree.valueAt(pointer), key + ": expected a list of stage ids");
        }
        return names;
    }

    private static void checkInputs(LocatedTree tree, String pointer, Stage stage, Set<String> ids) {
        for (int i = 0; i < stage.after().size(); i++) {
            String before = stage.after().get(i);
            String p = tree.root().at(pointer + "/after").isArray() ? LocatedTree.child(pointer + "/after", i) : pointer + "/after";
            if (before.equals(stage.id())) {
                throw new SpecException(tree.valueAt(p), "stage '" + stage.id() + "': a stage cannot run after itself");
            }
            if (!ids.contains(before)) {
                throw new SpecException(tree.valueAt(p), "stage '" + stage.id() + "': after: unknown stage '" + before + "'"
                    + Suggestions.didYouMean(before, ids));
            }
        }
        List<String> expected = stage.kernel().inputs();
        for (int i = 0; i < stage.inputs().size(); i++) {
            String input = stage.inputs().get(i);
            String p = tree.root().at(pointer + "/inputs").isArray() ? LocatedTree.child(pointer + "/inputs", i) : pointer + "/inputs";
            if (input.equals(stage.id())) {
                throw new SpecException(tree.valueAt(p), "stage '" + stage.id() + "': a stage cannot be its own input");
            }
            if (!ids.contains(input)) {
                throw new SpecException(tree.valueAt(p), "stage '" + stage.id() + "': unknown input stage '" + input + "'"
                    + Suggestions.didYouMean(input, ids));
            }
        }
        List<String> optional = stage.kernel().optionalInputs();
        int n = stage.inputs().size();
        if (n != expected.size() && (optional.isEmpty() || n != expected.size() + optional.size())) {
            String where = stage.inputs().isEmpty() ? pointer : pointer + "/inputs";
            List<String> all = new ArrayList<>(expected);
            all.addAll(optional);
            throw new SpecException(tree.valueAt(where), "stage '" + stage.id() + "': kernel '" + stage.kernel().name()
                + "' takes " + describeInputs(expected) + (optional.isEmpty() ? "" : " or " + describeInputs(all))
                + ", got " + n);
        }
    }

    private static String describeInputs(List<String> expected) {
        return expected.isEmpty() ? "no inputs"
            : expected.size() + " input" + (expected.size() == 1 ? "" : "s") + " (" + String.join(", ", expected) + ")";
    }

    /** {@code gate: off}, {@code gate: on} (the default) or {@code gate: { max-regression: 10% }}. */
    private static GateRule gateRule(LocatedTree tree, String pointer, String id, JsonNode node) {
        String expected = "stage '" + id + "': gate: expected off, on or { max-regression: 10% }";
        if (node.isBoolean() || node.isTextual() && (node.asText().equals("off") || node.asText().equals("on"))) {
            boolean on = node.isBoolean() ? node.booleanValue() : node.asText().equals("on");
            return on ? null : new GateRule(true, null);
        }
        if (!node.isObject() || node.size() != 1 || !node.has("max-regression")) {
            throw new SpecException(tree.valueAt(pointer), expected);
        }
        JsonNode value = node.get("max-regression");
        try {
            return new GateRule(false, dev.lanes.core.text.Percent.parse(value.asText()));
        } catch (IllegalArgumentException e) {
            throw new SpecException(tree.valueAt(pointer + "/max-regression"), "stage '" + id + "': gate: max-regression: "
                + e.getMessage());
        }
    }

    /** {@code save: out.npy} (or .csv): where the stage's output goes, from the spec's folder. */
    private static String savePath(LocatedTree tree, String pointer, String id, JsonNode node) {
        String name = node.isTextual() ? node.asText().strip() : "";
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".npy") && !lower.endsWith(".csv")) {
            throw new SpecException(tree.valueAt(pointer), "stage '" + id + "': save: expected a file name ending in .npy "
                + "or .csv, got " + (node.isTextual() ? "'" + node.asText() + "'" : "a " + node.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        return resolve(tree, pointer, name);
    }

    /** {@code scaling: strong} (the default) or {@code scaling: { weak: STAGE.PARAM }}. */
    private static String weakParam(LocatedTree tree, String pointer, String id, JsonNode node) {
        if (node.isTextual() && node.asText().strip().equals("strong")) {
            return null;
        }
        if (!node.isObject() || node.size() != 1 || !node.has("weak") || !node.get("weak").isTextual()) {
            throw new SpecException(tree.valueAt(pointer), "stage '" + id + "': scaling: expected strong or "
                + "{ weak: STAGE.PARAM }, e.g. { weak: data.length }");
        }
        return node.get("weak").asText().strip();
    }

    /**
     * A weak-scaling parameter must be a size of a stage of this spec, not also swept, and
     * a spec has one weak-scaling stage at most.
     */
    private static void checkWeak(LocatedTree tree, List<Stage> stages, List<SweepAxis> sweep) {
        List<Stage> weak = stages.stream().filter(s -> s.weakParam() != null).toList();
        for (int i = 0; i < weak.size(); i++) {
            Stage stage = weak.get(i);
            String pointer = LocatedTree.child("/stages", stages.indexOf(stage)) + "/scaling/weak";
            if (i > 0) {
                throw new SpecException(tree.valueAt(pointer), "stage '" + stage.id() + "': only one stage of a spec can "
                    + "scale weakly (stage '" + weak.get(0).id() + "' already does)");
            }
            String param = stage.weakParam();
            int dot = param.indexOf('.');
            List<String> ids = stages.stream().map(Stage::id).toList();
            Stage owner = dot <= 0 ? null : stages.stream().filter(s -> s.id().equals(param.substring(0, dot))).findFirst()
                .orElse(null);
            if (owner == null) {
                throw new SpecException(tree.valueAt(pointer), "stage '" + stage.id() + "': scaling: weak: '" + param
                    + "' is not STAGE.PARAM of a stage of this spec" + Suggestions.didYouMean(dot > 0 ? param.substring(0, dot)
                    : param, ids));
            }
            String name = param.substring(dot + 1);
            boolean isSize = owner.kernel().params().stream()
                .anyMatch(p -> p.name().equals(name) && p.type() instanceof ParamType.Size);
            if (!isSize) {
                throw new SpecException(tree.valueAt(pointer), "stage '" + stage.id() + "': scaling: weak: '" + param
                    + "' is not a size parameter of stage '" + owner.id() + "' (kernel '" + owner.kernel().name() + "')");
            }
            if (sweep.stream().anyMatch(a -> a.key().equals(param))) {
                throw new SpecException(tree.valueAt(pointer), "stage '" + stage.id() + "': '" + param
                    + "' cannot be both swept and grown for weak scaling; drop it from the sweep");
            }
        }
    }

    private void checkShapes(LocatedTree tree, Workload workload) {
        for (SweepPoint point : workload.points()) {
            Map<String, StageShape> shapes;
            try {
                shapes = WorkloadShapes.at(workload, point);
            } catch (WorkloadShapes.Refused r) {
                Stage stage = r.stage();
                String param = r.refusal().param();
                int index = indexOf(workload, tree, stage.id());
                String stagePointer = LocatedTree.child("/stages", index);
                SourceLocation where = param == null ? tree.valueAt(stagePointer + "/inputs")
                    : point.values().containsKey(stage.id() + "." + param)
                        ? tree.valueAt(LocatedTree.child("/sweep", stage.id() + "." + param))
                        : tree.valueAt(LocatedTree.child(stagePointer + "/params", param));
                String at = point.values().isEmpty() ? "" : " (at " + point.label() + ")";
                throw new SpecException(where, "stage '" + stage.id() + "': " + (param == null ? "" : param + ": ")
                    + r.refusal().getMessage() + at);
            }
            long bytes = WorkloadShapes.dataBytes(shapes);
            if (bytes > heapLimitBytes) {
                String biggest = shapes.entrySet().stream()
                    .max(java.util.Comparator.comparingLong(e -> e.getValue().allocatedBytes())).orElseThrow().getKey();
                Stage stage = workload.stage(biggest).orElseThrow();
                String at = point.values().isEmpty() ? "" : " at " + point.label();
                throw new SpecException(stage.location(), "the data" + at + " needs " + Bytes.format(bytes)
                    + ", more than the " + Bytes.format(heapLimitBytes) + " this JVM can give it ("
                    + (int) (Defaults.HEAP_SHARE_FOR_DATA * 100) + "% of the heap); lower the sizes"
                    + " or raise the heap with LANES_JAVA_OPTS=-Xmx<size>");
            }
        }
    }

    private static int indexOf(Workload workload, LocatedTree tree, String id) {
        JsonNode stages = tree.root().get("stages");
        for (int i = 0; i < stages.size(); i++) {
            if (id.equals(stages.get(i).path("id").asText())) {
                return i;
            }
        }
        throw new IllegalStateException("stage " + id + " not in " + workload.source());
    }

    /**
     * Applies {@code --set STAGE.PARAM=VALUE} to the tree, before validation. A value set on
     * the command line is the one the user wants: where the spec sweeps that parameter, the
     * flag replaces the sweep axis, and the returned notice says so.
     */
    private static List<String> applyOverrides(LocatedTree tree, ObjectNode root, List<String> overrides) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<String> notices = new ArrayList<>();
        for (String override : overrides) {
            String option = "--set " + override;
            int eq = override.indexOf('=');
            int dot = override.indexOf('.');
            if (eq < 0 || dot < 0 || dot > eq || dot == 0 || dot == eq - 1) {
                throw new UsageException(option + ": expected STAGE.PARAM=VALUE, e.g. --set data.length=100M");
            }
            String stageId = override.substring(0, dot);
            String param = override.substring(dot + 1, eq);
            String value = override.substring(eq + 1);
            JsonNode stages = root.get("stages");
            List<String> ids = new ArrayList<>();
            int index = -1;
            if (stages != null && stages.isArray()) {
                for (int i = 0; i < stages.size(); i++) {
                    String id = stages.get(i).path("id").asText();
                    ids.add(id);
                    if (id.equals(stageId)) {
                        index = i;
                    }
                }
            }
            if (index < 0) {
                throw new UsageException(option + ": no stage '" + stageId + "'" + Suggestions.didYouMean(stageId, ids));
            }
            JsonNode parsed;
            try {
                parsed = value.isBlank() ? yaml.getNodeFactory().textNode("") : yaml.readTree(value);
            } catch (IOException e) {
                parsed = yaml.getNodeFactory().textNode(value);
            }
            ObjectNode stage = (ObjectNode) stages.get(index);
            JsonNode params = stage.get("params");
            ObjectNode paramsNode = params instanceof ObjectNode o ? o : stage.putObject("params");
            paramsNode.set(param, parsed == null || parsed.isMissingNode() ? yaml.getNodeFactory().textNode(value) : parsed);
            String pointer = LocatedTree.child(LocatedTree.child("/stages", index) + "/params", param);
            tree.overriddenAt(pointer, SourceLocation.commandLine(option));
            JsonNode values = root.get("sweep") instanceof ObjectNode sweep ? SweepParser.unsweep(sweep, stageId + "." + param) : null;
            if (values != null) {
                List<String> listed = new ArrayList<>();
                values.forEach(v -> listed.add(v.isNumber() && v.asDouble() == Math.rint(v.asDouble())
                    ? SizeLiteral.readable(v.asLong()) : v.asText()));
                notices.add(option + " replaces the sweep of " + stageId + "." + param + " over [" + String.join(", ", listed)
                    + "]: only " + value + " runs");
                if (root.get("sweep").isEmpty()) {
                    root.remove("sweep");
                }
            }
        }
        return notices;
    }

    private static Stage quickStage(Stage stage) {
        Params params = stage.params();
        for (ParamSpec spec : stage.kernel().params()) {
            if (spec.type() instanceof ParamType.Size size) {
                params = params.with(spec.name(), Math.min(params.size(spec.name()), size.quickMax()));
            }
        }
        return stage.withParams(params);
    }

    private static void checkKeys(LocatedTree tree, String pointer, JsonNode node, Set<String> allowed, String what) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                String hint = Suggestions.didYouMean(key, allowed);
                throw new SpecException(tree.keyAt(LocatedTree.child(pointer, key)), "unknown " + what + " '" + key + "'"
                    + (hint.isEmpty() ? " (expected one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")" : hint));
            }
        }
    }

    private static BackendChoice backend(LocatedTree tree, String pointer, JsonNode node) {
        String text = text(tree, pointer, node);
        return BackendChoice.parse(text).orElseThrow(() -> new SpecException(tree.valueAt(pointer), "unknown backend '"
            + text + "'" + Suggestions.didYouMean(text, BackendChoice.labels())
            + " (expected one of " + String.join(", ", BackendChoice.labels()) + ")"));
    }

    private static String text(LocatedTree tree, String pointer, JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            throw new SpecException(tree.valueAt(pointer), "expected a word or number here");
        }
        return node.asText();
    }

    private static long whole(LocatedTree tree, String pointer, JsonNode node, long min, long max) {
        String name = pointer.substring(pointer.lastIndexOf('/') + 1);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new SpecException(tree.valueAt(pointer), "settings." + name + ": expected a whole number, got '" + node.asText() + "'");
        }
        long value = node.longValue();
        if (value < min || value > max) {
            throw new SpecException(tree.valueAt(pointer), "settings." + name + ": must be in " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    private static String defaultName(String file) {
        String base = Path.of(file).getFileName().toString();
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    private static String digest(String text, List<String> overrides) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            for (String o : overrides) {
                sha.update((byte) 0);
                sha.update(o.getBytes(StandardCharsets.UTF_8));
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
