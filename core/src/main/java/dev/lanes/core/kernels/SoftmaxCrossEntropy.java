package dev.lanes.core.kernels;

/**
 * The loss of a classifier and its gradient at the logits, per row: with p = softmax(z),
 * loss = −log p_y and ∂loss/∂z = p − onehot(y), divided by the batch size for the mean loss.
 * Computed in f64 whatever the element type (a row is a handful of classes), stored in it.
 */
final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {
    }

    /**
     * Writes rows [r0, r1) of the gradient and returns the sum of their losses.
     *
     * @param batch the divisor of the mean
     */
    static double gradient(Matrix logits, int[] labels, int batch, Matrix gradient, int r0, int r1) {
        int classes = logits.cols();
        double loss = 0;
        double[] e = new double[classes];
        for (int r = r0; r < r1; r++) {
            int row = r * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits.get(row + c));
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                e[c] = Math.exp(logits.get(row + c) - max);
                sum += e[c];
            }
            int label = labels[r];
            loss += Math.log(sum) - (logits.get(row + label) - max);
            for (int c = 0; c < classes; c++) {
                double d = (e[c] / sum - (c == label ? 1 : 0)) / batch;
                if (gradient.f32() != null) {
                    gradient.f32()[row + c] = (float) d;
                } else {
                    gradient.f64()[row + c] = d;
                }
            }
        }
        return loss;
    }
}
