package dev.lanes.core.plan;

import dev.lanes.core.UsageException;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of N shards a run is ({@code --shard K/N}, K from 1): the K-th share of a workload's
 * stage points, as {@link ShardPlan} deals them out.
 *
 * @param index K, 1-based
 * @param count N
 * @param from  where K and N came from, for messages: "--shard 2/4", "SLURM_ARRAY_TASK_ID=7 …"
 * @param cutsBlocks {@code --shard-by blocks}: every shard runs every stage point, over the K-th of N parts of each
 *                   stage's block range, instead of the K-th share of the stage points
 */
public record ShardSelection(int index, int count, String from, boolean cutsBlocks) {
    /** More shards than this is a mistake, not a job array (Slurm's default MaxArraySize is 1001). */
    public static final int MAX_SHARDS = 100_000;

    private static final Pattern FIXED = Pattern.compile("([0-9]{1,9})/([0-9]{1,9})");
    private static final Pattern AUTO = Pattern.compile("auto(?:/([0-9]{1,9}))?");

    public ShardSelection {
        if (count < 1 || count > MAX_SHARDS) {
            throw new UsageException(from + ": the number of shards must be in 1.." + MAX_SHARDS + ", got " + count);
        }
        if (index < 1 || index > count) {
            throw new UsageException(from + ": shard " + index + " of " + count + " does not exist (shards are 1.." + count + ")");
        }
    }

    /** A share of the stage points ({@code --shard-by units}, the default). */
    public ShardSelection(int index, int count, String from) {
        this(index, count, from, false);
    }

    /** The same shard over the K-th part of every stage's block range ({@code --shard-by blocks}). */
    public ShardSelection cuttingBlocks() {
        return new ShardSelection(index, count, from, true);
    }

    /** "2/4". */
    public String label() {
        return index + "/" + count;
    }

    /**
     * {@code --shard}'s value: {@code K/N}, or {@code auto} (a Slurm array task: K and N from
     * {@code SLURM_ARRAY_TASK_ID}, {@code _MIN}, {@code _STEP} and {@code _COUNT}), or
     * {@code auto/N} (also a Kubernetes Indexed Job: K = {@code JOB_COMPLETION_INDEX} + 1).
     *
     * @param env the environment to read for {@code auto}
     */
    public static ShardSelection parse(String value, Map<String, String> env) {
        String flag = "--shard " + value;
        Matcher fixed = FIXED.matcher(value);
        if (fixed.matches()) {
            return new ShardSelection(Integer.parseInt(fixed.group(1)), Integer.parseInt(fixed.group(2)), flag);
        }
        Matcher auto = AUTO.matcher(value);
        if (!auto.matches()) {
            throw new UsageException(flag + ": expected K/N (e.g. 2/4), auto (a Slurm array task) or auto/N "
                + "(a Kubernetes Indexed Job of N completions)");
        }
        Integer given = auto.group(1) == null ? null : Integer.parseInt(auto.group(1));
        if (env.get("SLURM_ARRAY_TASK_ID") != null) {
            return slurm(env, given, flag);
        }
        if (env.get("JOB_COMPLETION_INDEX") != null) {
            if (given == null) {
                throw new UsageException(flag + ": JOB_COMPLETION_INDEX does not say how many shards there are; give "
                    + "--shard auto/N with N the Job's completions");
            }
            int index = number(env, "JOB_COMPLETION_INDEX", flag);
            return new ShardSelection(index + 1, given, flag + " (JOB_COMPLETION_INDEX=" + index + ")");
        }
        throw new UsageException(flag + ": neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX "
            + "(a Kubernetes Indexed Job) is set; give --shard K/N");
    }

    /**
     * A Slurm array task's place among the array's tasks: ids run from _MIN in steps of _STEP
     * ({@code --array=1-7:2} gives 1, 3, 5, 7: shard 1 to 4). An array written as an irregular
     * list ({@code --array=1,4,9}) has no step that maps its ids to shards, so it is refused.
     */
    private static ShardSelection slurm(Map<String, String> env, Integer given, String flag) {
        int id = number(env, "SLURM_ARRAY_TASK_ID", flag);
        int min = env.get("SLURM_ARRAY_TASK_MIN") == null ? 0 : number(env, "SLURM_ARRAY_TASK_MIN", flag);
        int step = env.get("SLURM_ARRAY_TASK_STEP") == null ? 1 : number(env, "SLURM_ARRAY_TASK_STEP", flag);
        Integer count = env.get("SLURM_ARRAY_TASK_COUNT") == null ? given : Integer.valueOf(number(env,
            "SLURM_ARRAY_TASK_COUNT", flag));
        String from = flag + " (SLURM_ARRAY_TASK_ID=" + id + ", _MIN=" + min + ", _STEP=" + step + ", _COUNT=" + count + ")";
        if (count == null) {
            throw new UsageException(from + ": SLURM_ARRAY_TASK_COUNT is not set; give --shard auto/N");
        }
        if (given != null && !given.equals(count)) {
            throw new UsageException(from + ": --shard auto/" + given + " disagrees with the array's " + count + " tasks");
        }
        if (step < 1 || id < min || (id - min) % step != 0) {
            throw new UsageException(from + ": the array's ids are not MIN, MIN+STEP, …, so this task's place among them is "
                + "unknown (an irregular --array list?); use --array=A-B[:STEP], or give --shard K/N");
        }
        return new ShardSelection((id - min) / step + 1, count, from);
    }

    private static int number(Map<String, String> env, String name, String flag) {
        String text = env.get(name).strip();
        try {
            int n = Integer.parseInt(text);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + ": " + name + "='" + text + "' is not a non-negative whole number");
        }
    }
}
