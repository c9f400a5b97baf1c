package dev.lanes.core.plan;

import dev.lanes.core.UsageException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --shard}: K/N as given, or a Slurm array task's or a Kubernetes Indexed Job's place among its siblings. */
class ShardSelectionTest {

    private static ShardSelection parse(String value, Map<String, String> env) {
        return ShardSelection.parse(value, env);
    }

    @Test
    void aFixedShardIsTakenAsGivenAndOneOutsideItsRangeIsRefused() {
        assertThat(parse("2/4", Map.of())).extracting(ShardSelection::index, ShardSelection::count).containsExactly(2, 4);
        assertThat(parse("1/1", Map.of()).label()).isEqualTo("1/1");
        assertThatThrownBy(() -> parse("0/4", Map.of())).isInstanceOf(UsageException.class)
            .hasMessage("--shard 0/4: shard 0 of 4 does not exist (shards are 1..4)");
        assertThatThrownBy(() -> parse("5/4", Map.of())).hasMessageContaining("shard 5 of 4 does not exist");
        assertThatThrownBy(() -> parse("1/0", Map.of())).hasMessageContaining("the number of shards must be in 1..100000");
        assertThatThrownBy(() -> parse("1/4/2", Map.of())).hasMessageStartingWith("--shard 1/4/2: expected K/N");
        assertThatThrownBy(() -> parse("auto", Map.of())).hasMessageContaining("neither SLURM_ARRAY_TASK_ID");
    }

    @Test
    void aSlurmArrayTaskIsPlacedByItsIdsStepFromTheFirstId() {
        // --array=0-3
        assertThat(parse("auto", Map.of("SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_COUNT",
            "4")).label()).isEqualTo("1/4");
        // --array=1-4, 1-based ids
        assertThat(parse("auto", Map.of("SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_COUNT",
            "4")).label()).isEqualTo("4/4");
        // --array=1-7:2: ids 1, 3, 5, 7
        Map<String, String> stepped = Map.of("SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_STEP",
            "2", "SLURM_ARRAY_TASK_COUNT", "4");
        assertThat(parse("auto", stepped).label()).isEqualTo("3/4");
        assertThat(parse("auto/4", stepped).label()).isEqualTo("3/4");
        assertThatThrownBy(() -> parse("auto/5", stepped)).hasMessageContaining("--shard auto/5 disagrees with the array's 4 tasks");
        // --array=1,4,9: no step maps id 4 to a place
        assertThatThrownBy(() -> parse("auto", Map.of("SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_MIN", "1",
            "SLURM_ARRAY_TASK_STEP", "2", "SLURM_ARRAY_TASK_COUNT", "3"))).hasMessageContaining("an irregular --array list?");
        assertThatThrownBy(() -> parse("auto", Map.of("SLURM_ARRAY_TASK_ID", "x7"))).isInstanceOf(UsageException.class)
            .hasMessageContaining("SLURM_ARRAY_TASK_ID='x7' is not a non-negative whole number");
        assertThatThrownBy(() -> parse("auto", Map.of("SLURM_ARRAY_TASK_ID", "2"))).hasMessageContaining(
            "SLURM_ARRAY_TASK_COUNT is not set; give --shard auto/N");
        assertThat(parse("auto/3", Map.of("SLURM_ARRAY_TASK_ID", "2")).label()).isEqualTo("3/3");
    }

    @Test
    void aKubernetesIndexedJobNeedsItsCompletionsGiven() {
        assertThat(parse("auto/3", Map.of("JOB_COMPLETION_INDEX", "0")).label()).isEqualTo("1/3");
        assertThat(parse("auto/3", Map.of("JOB_COMPLETION_INDEX", "2")).label()).isEqualTo("3/3");
        assertThatThrownBy(() -> parse("auto/3", Map.of("JOB_COMPLETION_INDEX", "3"))).hasMessageContaining(
            "shard 4 of 3 does not exist");
        assertThatThrownBy(() -> parse("auto", Map.of("JOB_COMPLETION_INDEX", "1"))).hasMessageContaining(
            "JOB_COMPLETION_INDEX does not say how many shards there are; give --shard auto/N");
    }
}
