package dev.lanes.core.result;

import java.util.List;
import java.util.Optional;

/**
 * Everything one run of one spec measured, as it is written to and read from a result
 * file ({@link ResultJson}): the machine, the spec, every stage point with all its samples,
 * and the facts derived from them ({@link DerivedRow}s), which renderers only format.
 *
 * @param schema      {@value #SCHEMA}
 * @param complete    false while the run is going on, and in a file an interrupted or failed run left
 * @param calibration which calibration the estimates came from (e.g. "calibrate 2026-11-25T05:10:00Z"),
 *                    {@code null} when none was used
 * @param points      in the order they ran: sweep point by sweep point, stages in order, then thread counts
 * @param failures    the stages that failed and those cancelled with them; a run with failures is not complete
 * @param concurrent  a concurrent run ({@code stages: concurrent}): each sweep point's ready sets measured
 *                    together; empty for a serial run
 * @param shard       a partial result of {@code --shard K/N}: which share it ran; {@code null} for a whole run
 * @param mergedFrom  a result {@code lanes merge} joined from shards: each shard's start and machine, in shard
 *                    order; empty otherwise
 */
public record RunResult(String schema, boolean complete, String lanesVersion, String startedAt, Machine machine,
                        String calibration, SpecInfo spec, List<PointResult> points, List<DerivedRow> derived,
                        List<StageFailure> failures, List<ConcurrentPoint> concurrent, ShardInfo shard,
                        List<ShardOrigin> mergedFrom) {

    /** The schema this version writes. */
    public static final String SCHEMA = "lanes.run/7";

    public RunResult {
        points = List.copyOf(points);
        derived = List.copyOf(derived);
        failures = List.copyOf(failures);
        concurrent = List.copyOf(concurrent);
        mergedFrom = List.copyOf(mergedFrom);
    }

    /** A whole run's result (not a shard's, not merged). */
    public RunResult(String schema, boolean complete, String lanesVersion, String startedAt, Machine machine,
                     String calibration, SpecInfo spec, List<PointResult> points, List<DerivedRow> derived,
                     List<StageFailure> failures, List<ConcurrentPoint> concurrent) {
        this(schema, complete, lanesVersion, startedAt, machine, calibration, spec, points, derived, failures, concurrent,
            null, List.of());
    }

    /** A serial run's result. */
    public RunResult(String schema, boolean complete, String lanesVersion, String startedAt, Machine machine,
                     String calibration, SpecInfo spec, List<PointResult> points, List<DerivedRow> derived,
                     List<StageFailure> failures) {
        this(schema, complete, lanesVersion, startedAt, machine, calibration, spec, points, derived, failures, List.of());
    }

    /** A result in which no stage failed. */
    public RunResult(String schema, boolean complete, String lanesVersion, String startedAt, Machine machine,
                     String calibration, SpecInfo spec, List<PointResult> points, List<DerivedRow> derived) {
        this(schema, complete, lanesVersion, startedAt, machine, calibration, spec, points, derived, List.of());
    }

    /** The first stage point whose result did not match the reference, if any. */
    public Optional<PointResult> firstFailure() {
        return points.stream().filter(PointResult::failed).findFirst();
    }

    /** The same result marked finished. */
    public RunResult completed() {
        return new RunResult(schema, true, lanesVersion, startedAt, machine, calibration, spec, points, derived, failures,
            concurrent, shard, mergedFrom);
    }

    /** The same result marked unfinished (a forked run's results before its last fork). */
    public RunResult unfinished() {
        return new RunResult(schema, false, lanesVersion, startedAt, machine, calibration, spec, points, derived, failures,
            concurrent, shard, mergedFrom);
    }

    /** The same result recording other command-line flags (a forked run records its --forks). */
    public RunResult withFlags(List<String> flags) {
        SpecInfo s = spec;
        return new RunResult(schema, complete, lanesVersion, startedAt, machine, calibration, new SpecInfo(s.name(), s.file(),
            s.digest(), s.quick(), s.settings(), s.overrides(), flags, s.weak(), s.gates(), s.files()), points, derived, failures,
            concurrent, shard, mergedFrom);
    }

    /** How many different machines a merged result's shards ran on (by fingerprint); 0 for a result not merged. */
    public long shardMachines() {
        return mergedFrom.stream().map(o -> o.machine().fingerprint()).distinct().count();
    }

    /** The derived rows of one kind. */
    public <R extends DerivedRow> List<R> rows(Class<R> kind) {
        return derived.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
