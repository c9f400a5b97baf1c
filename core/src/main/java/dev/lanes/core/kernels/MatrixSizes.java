package dev.lanes.core.kernels;

import dev.lanes.core.kernel.InvalidStageException;
import dev.lanes.core.kernel.Limits;

/** Size checks of the matrix kernels: every matrix must fit one Java array. */
final class MatrixSizes {
    private MatrixSizes() {
    }

    /** Refuses rows × cols above the largest Java array, naming the parameter to change. */
    static void checkFits(String param, String what, long rows, long cols) {
        if (rows * cols > Limits.MAX_ARRAY_LENGTH) {
            throw new InvalidStageException(param, what + " would have " + rows + " x " + cols + " = " + rows * cols
                + " elements, more than the largest Java array (" + Limits.MAX_ARRAY_LENGTH + ")");
        }
    }
}
