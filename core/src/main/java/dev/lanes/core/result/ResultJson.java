package dev.lanes.core.result;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanes.core.UsageException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Result files: {@value RunResult#SCHEMA} written with a fixed layout (the same results
 * give the same bytes), one run as an object, several as an array. Reading is strict: a
 * file that is missing, empty, truncated, not JSON, another tool's, of a newer schema, or
 * with a field missing, unknown or of the wrong type is refused with one line naming the
 * file and the place (exit 2). {@code lanes.run/1} to {@code lanes.run/6} files are read and upgraded.
 */
public final class ResultJson {
    private static final Pattern RUN_SCHEMA = Pattern.compile("lanes\\.run/([0-9]+)");

    static final JsonMapper MAPPER = JsonMapper.builder()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_LONG_FOR_INTS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();

    private ResultJson() {
    }

    /** One result as an object, several as an array; a newline at the end. */
    public static String write(List<RunResult> results) {
        try {
            Object value = results.size() == 1 ? results.get(0) : results;
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run results always serialise", e);
        }
    }

    /** Reads every run a result file holds. */
    public static List<RunResult> read(Path file) {
        return parse(file.toString(), text(file));
    }

    /** A result file's text; one line naming the file when it is missing, a directory or unreadable. */
    public static String text(Path file) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw refuse(name, "is a directory, not a result file");
        }
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw refuse(name, "no such result file");
        } catch (AccessDeniedException e) {
            throw refuse(name, "permission denied");
        } catch (IOException e) {
            throw refuse(name, "cannot read: " + e.getMessage());
        }
    }

    /** A result file's JSON; one line naming the file when it is empty, truncated or not JSON. */
    public static JsonNode tree(String name, String text) {
        if (text.isBlank()) {
            throw refuse(name, "is empty, not a lanes result");
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonEOFException e) {
            throw refuse(name, "truncated JSON: it ends inside a value at " + where(e.getLocation())
                + " (was the write interrupted?)");
        } catch (JsonProcessingException e) {
            if (e.getOriginalMessage().contains("end-of-input")) {       // Jackson's words for a document cut short
                throw refuse(name, "truncated JSON: it ends at " + where(e.getLocation()) + " (was the write interrupted?)");
            }
            throw refuse(name, "not JSON: " + e.getOriginalMessage().lines().findFirst().orElse("") + " at "
                + where(e.getLocation()));
        }
    }

    /** Reads the runs of a result file's text; {@code name} names it in errors. */
    public static List<RunResult> parse(String name, String text) {
        return fromTree(name, tree(name, text));
    }

    /** The runs of a result file's JSON; another tool's file is refused by name. */
    public static List<RunResult> fromTree(String name, JsonNode tree) {
        List<RunResult> runs = new ArrayList<>();
        if (tree.isArray()) {
            if (tree.isEmpty()) {
                throw refuse(name, "an empty list, not a lanes result");
            }
            String foreign = ForeignResults.recognise(tree);
            if (foreign != null) {
                throw refuse(name, foreign + ", not a lanes result");
            }
            for (int i = 0; i < tree.size(); i++) {
                runs.add(run(name, "[" + i + "]", tree.get(i)));
            }
        } else {
            runs.add(run(name, "", tree));
        }
        return runs;
    }

    private static RunResult run(String name, String at, JsonNode node) {
        if (!node.isObject()) {
            throw refuse(name, (at.isEmpty() ? "" : at + ": ") + "expected a lanes result (an object with 'schema'), found "
                + JsonShapes.describe(node));
        }
        String foreign = ForeignResults.recognise(node);
        if (foreign != null) {
            throw refuse(name, foreign + ", not a lanes result");
        }
        JsonNode schemaNode = node.get("schema");
        if (schemaNode == null || !schemaNode.isTextual()) {
            throw refuse(name, (at.isEmpty() ? "" : at + ": ") + "no 'schema' field: not a lanes result");
        }
        String schema = schemaNode.asText();
        Matcher m = RUN_SCHEMA.matcher(schema);
        if (!m.matches()) {
            throw refuse(name, "a '" + schema + "' file, not a run result (" + RunResult.SCHEMA + ")");
        }
        int version = Integer.parseInt(m.group(1));
        if (version == 1) {
            return RunV1Reader.upgrade(name, node);
        }
        if (version > 7) {
            throw refuse(name, "schema " + schema + " is newer than this lanes reads (lanes.run/1 to lanes.run/7); "
                + "update lanes to read it");
        }
        try {
            JsonNode current = node;
            if (version < 7) {                          // one copy, upgraded step by step to the current schema
                ObjectNode copy = node.deepCopy();
                if (version <= 2) {
                    upgradeV2(copy);
                }
                if (version <= 3) {
                    upgradeV3(copy);
                }
                if (version <= 4) {
                    upgradeV4(copy);
                }
                if (version <= 5) {
                    upgradeV5(copy);
                }
                upgradeV6(copy);
                copy.put("schema", RunResult.SCHEMA);
                current = copy;
            }
            return MAPPER.treeToValue(current, RunResult.class);
        } catch (JsonMappingException e) {
            throw refuse(name, at + describe(e, node));
        } catch (JsonProcessingException e) {
            throw refuse(name, e.getOriginalMessage());
        }
    }

    /**
     * A lanes.run/6 result as lanes.run/7: v7 shards may cut each stage's blocks ({@code --shard-by blocks}), and a merge
     * of such shards lists them as a point's members; a v6 shard dealt out stage points only.
     */
    private static void upgradeV6(ObjectNode run) {
        if (run.get("shard") instanceof ObjectNode shard) {
            if (!shard.has("cutsBlocks")) {
                shard.put("cutsBlocks", false);
            }
            if (!shard.has("specText")) {
                shard.putNull("specText");
            }
            if (!shard.has("slices")) {
                shard.putArray("slices");
            }
        }
        everyPoint(run, p -> {
            if (p.get("cluster") instanceof ObjectNode cluster && !cluster.has("apart")) {
                cluster.put("apart", false);
            }
        });
    }

    /**
     * A lanes.run/5 result as lanes.run/6: v6 records a shard's share ({@code --shard}), a merge's shards and a distributed
     * point's members; v5 had none of them.
     */
    private static void upgradeV5(ObjectNode run) {
        if (!run.has("shard")) {
            run.putNull("shard");
        }
        if (!run.has("mergedFrom")) {
            run.putArray("mergedFrom");
        }
        everyPoint(run, p -> {
            if (!p.has("cluster")) {
                p.putNull("cluster");
            }
        });
    }

    /**
     * A lanes.run/4 result as lanes.run/5: v5 records how the stages were scheduled (v4 runs
     * were serial), a concurrent run's measurements of its ready sets (none), and the CPU time
     * of the processes a stage started (v4 did not take it).
     */
    private static void upgradeV4(ObjectNode run) {
        if (!run.has("concurrent")) {
            run.putArray("concurrent");
        }
        if (run.path("spec").get("settings") instanceof ObjectNode settings && !settings.has("stages")) {
            settings.put("stages", "serial");
        }
        everyPoint(run, p -> {
            if (!p.has("processCpu")) {
                p.putNull("processCpu");
            }
        });
    }

    /**
     * A lanes.run/3 result as lanes.run/4: v4 times a stage's named parts apart (v3 stages had
     * none) and records failed stages (a v3 run stopped at the first).
     */
    private static void upgradeV3(ObjectNode run) {
        if (!run.has("failures")) {
            run.putArray("failures");
        }
        everyPoint(run, p -> {
            if (!p.has("phases")) {
                p.putArray("phases");
            }
        });
    }

    /**
     * A lanes.run/2 result as lanes.run/3: v3 keeps both ceilings of a point's roof, which v2 did
     * not record (they read as unknown), and the data files a run read (v2 runs read none).
     */
    private static void upgradeV2(ObjectNode run) {
        if (run.get("spec") instanceof ObjectNode spec && !spec.has("files")) {
            spec.putArray("files");
        }
        everyPoint(run, p -> {
            if (p.get("roof") instanceof ObjectNode roof) {
                for (String field : List.of("peakGflops", "bandwidthGbps")) {
                    if (!roof.has(field)) {
                        roof.putNull(field);
                    }
                }
            }
        });
    }

    private static void everyPoint(ObjectNode run, java.util.function.Consumer<ObjectNode> upgrade) {
        for (JsonNode point : run.path("points")) {
            if (point instanceof ObjectNode p) {
                upgrade.accept(p);
            }
        }
    }

    /** "points[2].summary.medianNanos: expected a number, found text "fast"". */
    private static String describe(JsonMappingException e, JsonNode root) {
        String path = JsonShapes.path(e.getPath());
        String where = path.isEmpty() ? "" : path + ": ";
        if (e instanceof UnrecognizedPropertyException u) {
            return where + "unknown field (not part of " + RunResult.SCHEMA + ": '" + u.getPropertyName() + "')";
        }
        if (e instanceof InvalidTypeIdException t) {
            return where + "unknown kind '" + t.getTypeId() + "'";
        }
        JsonNode found = JsonShapes.at(root, e.getPath());
        if (found.isMissingNode()) {
            return where + "missing field";
        }
        String expected = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mi && mi.getTargetType() != null
            ? JsonShapes.expected(mi.getTargetType()) : "another type";
        return where + "expected " + expected + ", found " + JsonShapes.describe(found);
    }

    private static String where(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    static UsageException refuse(String name, String what) {
        return new UsageException(name + ": " + what);
    }
}
