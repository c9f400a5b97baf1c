package dev.lanes.core.kernels;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a command is started: directly when it has no shell syntax (as hyperfine -N), else through sh -c. */
class CommandKernelTest {

    @Test
    void plainCommandsRunDirectlyAndShellSyntaxGoesThroughSh() {
        assertThat(CommandKernel.argv("sleep  0.02", "auto")).containsExactly("sleep", "0.02");
        assertThat(CommandKernel.argv("test -d /", "auto")).containsExactly("test", "-d", "/");
        for (String shellish : new String[] {"a | b", "echo \"x\"", "ls *.c", "x=1 cmd", "echo $HOME", "a && b", "cmd > out"}) {
            assertThat(CommandKernel.argv(shellish, "auto")).as(shellish).containsExactly("sh", "-c", shellish);
        }
        assertThat(CommandKernel.argv("true", "always")).containsExactly("sh", "-c", "true");
        assertThat(CommandKernel.argv("echo $HOME", "never")).containsExactly("echo", "$HOME");
    }
}
