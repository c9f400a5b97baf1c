package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.Scalar;
import dev.lanes.core.data.Value;

/** A reduction to one f64 whose block partials are added: subclasses give the block function. */
abstract class SumTask extends ArrayTask<Double> {

    SumTask(int length, ElementType type) {
        super(length, SumBounds.blockSize(type));
    }

    @Override
    public final Double identity() {
        return 0.0;
    }

    @Override
    public final Double combine(Double left, Double right) {
        return left + right;
    }

    @Override
    public final Value result(Double total) {
        return new Scalar(total);
    }

    /** A sum over its inputs element by element (sum of squares, dot): block elements are input elements. */
    @Override
    public final Written reads(int from, int to) {
        return new Written(from, to);
    }
}
