package dev.lanes.core.run;

import dev.lanes.core.exec.Accelerators;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BlockExecutor;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.exec.RangeRun;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.exec.StageAddress;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.kernels.BuiltInKernels;
import dev.lanes.core.spec.SpecLoader;
import dev.lanes.core.spec.Workload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member makes only the parts of generated inputs that its blocks read: each range's
 * answer is the one a stage bound to the whole data gives, and no more of the data is made
 * than the ranges asked so far need.
 */
class PartialInputsTest {
    private static final Accelerators SCALAR = new Accelerators(Map.of(Backend.SCALAR, new ScalarAccelerator()));
    private static final SpecLoader LOADER = new SpecLoader(BuiltInKernels.registry(), 2, 1L << 30);
    private static final WorkerPool POOL = new WorkerPool(2);

    private static final String SPEC = """
        stages:
          - { id: x, kernel: generate, params: { length: 655360, seed: 3 } }
          - { id: y, kernel: generate, params: { length: 655360, seed: 4, distribution: normal } }
          - { id: squares, kernel: sum-of-squares, inputs: [x] }
          - { id: dot, kernel: dot, inputs: [x, y] }
          - { id: image, kernel: generate, params: { length: 1048576, type: f32, seed: 5 } }
          - { id: blur, kernel: stencil2d, params: { width: 16, stencil: [5, 5] }, inputs: [image] }
          - { id: scan, kernel: prefix-sum, inputs: [x] }
        """;

    @AfterAll
    static void close() {
        POOL.close();
    }

    private static StageAddress address(String stage) {
        Workload w = LOADER.parse("t.yaml", SPEC, List.of(), false);
        return new StageAddress("t.yaml", SPEC, w.digest(), List.of(), false, stage, 0);
    }

    /** The answer for blocks [first, end) of the stage bound in parts, and of the stage bound to whole inputs. */
    private static Object[] both(AddressedStage.Bound parts, String stage, int first, int end) {
        parts.prepare(first, end, POOL);
        var whole = AddressedStage.bind(LOADER, address(stage), SCALAR, POOL, "test");
        return new Object[] {answer(parts.instance().task(), first, end), answer(whole.task(), first, end)};
    }

    private static <O, P> Object answer(BlockTask<O, P> task, int first, int end) {
        O ops = AddressedStage.ops(task, SCALAR);
        var reply = RangeRun.run(task, ops, POOL, first, end, 1, "h", 0);
        return task.identity() != null ? reply.partials() : reply.slice();
    }

    @Test
    void aReductionsMemberMakesOnlyTheBlocksItsRangeReads() {
        AddressedStage.Bound squares = AddressedStage.bind(LOADER, address("squares"), SCALAR, POOL, "test", true);
        assertThat(squares.partial()).hasSize(1);
        assertThat(squares.elementsMade()).isZero();
        Object[] answers = both(squares, "squares", 3, 5);               // sum blocks of 65536 = generate's blocks
        assertThat(answers[0]).isEqualTo(answers[1]);
        assertThat(squares.elementsMade()).isEqualTo(2 * 65536);
        squares.prepare(3, 5, POOL);
        assertThat(squares.elementsMade()).as("made once").isEqualTo(2 * 65536);
        answers = both(squares, "squares", 0, 10);                       // another member count: the rest now
        assertThat(answers[0]).isEqualTo(answers[1]);
        assertThat(squares.elementsMade()).isEqualTo(655360);
    }

    @Test
    void bothInputsOfADotAreMadeInParts() {
        AddressedStage.Bound dot = AddressedStage.bind(LOADER, address("dot"), SCALAR, POOL, "test", true);
        assertThat(dot.partial()).hasSize(2);
        Object[] answers = both(dot, "dot", 7, 9);
        assertThat(answers[0]).isEqualTo(answers[1]);
        assertThat(dot.elementsMade()).isEqualTo(2 * 2 * 65536);
    }

    @Test
    void aStencilsMemberMakesItsRowsAndTheRowsItsEdgesReach() {
        // 65536 rows of 16 pixels; blocks of 4096 rows, generated in blocks of 65536 pixels (4096 rows): a block's
        // rows and the two rows past each edge fall in its own block of the image and its neighbours'
        AddressedStage.Bound blur = AddressedStage.bind(LOADER, address("blur"), SCALAR, POOL, "test", true);
        Object[] answers = both(blur, "blur", 5, 6);
        assertThat((float[]) answers[0]).isEqualTo((float[]) answers[1]);
        assertThat(blur.elementsMade()).isEqualTo(3 * 65536);
        answers = both(blur, "blur", 0, 1);
        assertThat((float[]) answers[0]).isEqualTo((float[]) answers[1]);
        assertThat(blur.elementsMade()).as("the first block has no row before it").isEqualTo(5 * 65536);
    }

    @Test
    void aStageThatDoesNotSayWhatItsBlocksReadGetsWholeInputs() {
        AddressedStage.Bound scan = AddressedStage.bind(LOADER, address("scan"), SCALAR, POOL, "test", true);
        assertThat(scan.partial()).isEmpty();
        var whole = AddressedStage.bind(LOADER, address("scan"), SCALAR, POOL, "test");
        assertThat(whole(scan.instance().task())).isEqualTo(whole(whole.task()));
    }

    private static <O, P> double whole(BlockTask<O, P> task) {
        return BlockExecutor.run(task, AddressedStage.ops(task, SCALAR), POOL).checksum();
    }
}
