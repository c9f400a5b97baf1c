package dev.lanes.core.kernel;

import java.util.List;

/**
 * A stage's size in the terms its user sets: {@code ("elements", [1000000])}, a square
 * matrix product's {@code ("n", [1024])}, {@code ("m×n×k", [2048, 1024, 512])}, an MLP's
 * {@code ("batch", [4096])}. Reports show it in the size column.
 */
public record StageSize(String name, List<Long> dims) {

    public StageSize {
        dims = List.copyOf(dims);
    }

    public static StageSize elements(long n) {
        return new StageSize("elements", List.of(n));
    }
}
