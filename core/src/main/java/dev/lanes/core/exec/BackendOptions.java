package dev.lanes.core.exec;

/**
 * What the user asked of the backends for one command.
 *
 * @param simdOff true for {@code --vector-bits 0}
 * @param gpuOff  true for {@code --gpu off}: CUDA is never probed
 */
public record BackendOptions(boolean simdOff, boolean gpuOff) {
    public static final BackendOptions DEFAULT = new BackendOptions(false, false);
}
