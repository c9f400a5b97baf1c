package dev.lanes.core.result;

import java.util.List;

/**
 * A stage's size in the terms a user sets it: {@code ("elements", [1000000])},
 * {@code ("n", [1024])} for a square matrix product, {@code ("m×n×k", [2048, 1024, 512])},
 * {@code ("batch", [4096])}.
 */
public record ProblemSize(String name, List<Long> dims) {

    public ProblemSize {
        dims = List.copyOf(dims);
    }

    public static ProblemSize elements(long n) {
        return new ProblemSize("elements", List.of(n));
    }
}
