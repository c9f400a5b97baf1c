package dev.lanes.core.exec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JitActivityTest {

    @Test
    void aQueueWithNothingCurrentOrWaitingIsIdle() {
        assertThat(JitActivity.busy("Current compiles: \n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\nEmpty\n")).isFalse();
    }

    @Test
    void aCurrentCompileOrAQueuedMethodIsBusy() {
        assertThat(JitActivity.busy("Current compiles: \nC2 CompilerThread0  1410       4       java.util.HashMap::hash (20 bytes)\n\n"
            + "C1 compile queue:\nEmpty\n\nC2 compile queue:\nEmpty\n")).isTrue();
        assertThat(JitActivity.busy("Current compiles: \n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\n"
            + "1831       4       java.util.ArrayList::get (15 bytes)\n")).isTrue();
    }
}
