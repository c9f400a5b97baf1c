package dev.lanes.core.kernels;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class MemoTest {

    @Test
    void theReferenceIsComputedOnceAndOnlyWhenAsked() {
        AtomicInteger calls = new AtomicInteger();
        Memo<long[]> memo = new Memo<>(() -> new long[] {calls.incrementAndGet()});
        assertThat(calls).hasValue(0);
        long[] first = memo.get();
        assertThat(memo.get()).isSameAs(first);
        assertThat(calls).hasValue(1);
    }

    @Test
    void groupsDifferWhereAnyOfTheirWordsDiffers() {
        long[] expected = {1, 2, 3, 4, 5, 6, 7, 8};
        assertThat(Exact.differing(expected, new long[] {1, 2, 3, 4, 5, 6, 7, 8}, 4)).isZero();
        assertThat(Exact.differing(expected, new long[] {1, 2, 3, 9, 5, 9, 9, 8}, 4)).isEqualTo(2);
        assertThat(Exact.differing(expected, new long[] {1, 2, 3, 9, 5, 9, 9, 8}, 1)).isEqualTo(3);
    }
}
