package dev.lanes.core.kernels;

import java.util.function.Supplier;

/**
 * A reference result computed on first use and kept: a sweep over thread counts checks the
 * same stage once per count, and the reference (a sort, every digest) can cost as much as
 * the kernel on one thread.
 */
final class Memo<T> implements Supplier<T> {
    private Supplier<T> compute;
    private T value;

    Memo(Supplier<T> compute) {
        this.compute = compute;
    }

    @Override
    public synchronized T get() {
        if (compute != null) {
            value = compute.get();
            compute = null;
        }
        return value;
    }
}
