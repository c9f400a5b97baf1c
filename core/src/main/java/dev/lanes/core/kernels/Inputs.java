package dev.lanes.core.kernels;

import dev.lanes.core.kernel.DataShape;
import dev.lanes.core.kernel.InvalidStageException;

import java.util.List;

/** Shape checks shared by the array kernels. */
final class Inputs {
    private Inputs() {
    }

    /** A floating-point (f32 or f64) array input. */
    static DataShape array(List<DataShape> inputs, int index, String name) {
        DataShape shape = anyArray(inputs, index, name);
        if (!shape.type().floating()) {
            throw new InvalidStageException(null, "input '" + name + "' is " + shape.type().label()
                + ", but this kernel takes f32 or f64");
        }
        return shape;
    }

    /** An array input of any element type. */
    static DataShape anyArray(List<DataShape> inputs, int index, String name) {
        DataShape shape = inputs.get(index);
        if (shape.scalar()) {
            throw new InvalidStageException(null, "input '" + name + "' must be an array, but its stage produces a scalar");
        }
        return shape;
    }

    static void sameShape(DataShape x, DataShape y) {
        if (x.type() != y.type()) {
            throw new InvalidStageException(null, "inputs x and y must have the same type, got "
                + x.type().label() + " and " + y.type().label());
        }
        if (x.length() != y.length()) {
            throw new InvalidStageException(null, "inputs x and y must have the same length, got "
                + x.length() + " and " + y.length());
        }
    }
}
