package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.I64Array;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.HashOps;
import dev.lanes.core.exec.ScalarAccelerator;
import dev.lanes.core.exec.WorkerPool;
import dev.lanes.core.kernel.DataShape;
import dev.lanes.core.kernel.InvalidStageException;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Sha256KernelTest {
    private static final HashOps OPS = new ScalarAccelerator().ops(HashOps.class).orElseThrow();
    private final Sha256Kernel kernel = new Sha256Kernel();

    static Params size(long bytes) {
        return new Params(Map.of("message-bytes", bytes));
    }

    @Test
    void eightZeroBytesHashToTheKnownDigest() {
        StageInstance s = kernel.bind(size(8), List.of(new I64Array(new long[] {0L})));
        long[] words = ((I64Array) KernelFixtures.run(s, OPS, null)).data();
        StringBuilder hex = new StringBuilder();
        for (long w : words) {
            hex.append(HexFormat.of().toHexDigits(w));
        }
        // printf '\0\0\0\0\0\0\0\0' | sha256sum
        assertThat(hex).hasToString("af5570f5a1810b7af78caf4bc70a660f0df51e42baf91d4de5b2328de0e83dfc");
    }

    @Property(tries = 40)
    void everyDigestMatchesMessageDigestOnAnyThreadCount(@ForAll @IntRange(min = 1, max = 3000) int messages,
                                                         @ForAll @IntRange(min = 1, max = 40) int words, @ForAll boolean f32) {
        // f32 messages of 4·words bytes, i64 messages of 8·words bytes
        int elements = messages * words;
        Value data = f32 ? KernelFixtures.randomArray(false, elements, messages) : randomLongs(elements, messages);
        int bytes = words * (f32 ? 4 : 8);
        StageInstance s = kernel.bind(size(bytes), List.of(data));
        long[] one = ((I64Array) KernelFixtures.run(s, OPS, null)).data().clone();
        try (WorkerPool pool = new WorkerPool(3)) {
            I64Array three = (I64Array) KernelFixtures.run(s, OPS, pool);
            assertThat(three.data()).isEqualTo(one).hasSize(4 * messages);
            assertThat(s.verify(three).passed()).isTrue();
        }
    }

    private static I64Array randomLongs(int n, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        long[] x = new long[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextLong();
        }
        return new I64Array(x);
    }

    @Test
    void twoDigestsInSwappedSlotsAreCaught() {
        StageInstance s = kernel.bind(size(16), List.of(randomLongs(20, 3)));
        long[] words = ((I64Array) KernelFixtures.run(s, OPS, null)).data().clone();
        for (int w = 0; w < 4; w++) {
            long t = words[w];
            words[w] = words[4 + w];
            words[4 + w] = t;
        }
        assertThat(s.verify(new I64Array(words)).passed()).isFalse();
        assertThat(s.verify(new I64Array(words)).error()).isEqualTo(2);
    }

    @Test
    void messagesMustCutTheInputIntoWholeElementsAndWholeMessages() {
        List<DataShape> f64 = List.of(DataShape.array(ElementType.F64, 100));
        assertThatThrownBy(() -> kernel.shape(size(12), f64)).isInstanceOf(InvalidStageException.class)
            .hasMessageContaining("not a multiple of the 8-byte elements")
            .extracting(e -> ((InvalidStageException) e).param()).isEqualTo("message-bytes");
        assertThatThrownBy(() -> kernel.shape(size(48), f64)).hasMessageContaining("not a whole number of 48-byte messages");
        assertThat(kernel.shape(size(16), f64).output()).isEqualTo(DataShape.array(ElementType.I64, 4 * 50));
        assertThat(kernel.shape(size(4), List.of(DataShape.array(ElementType.F32, 8))).work().elements()).isEqualTo(8);
    }
}
