package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.kernel.Check;

import java.util.stream.IntStream;

/**
 * The scalar reference of {@code mlp-train}: the same SGD steps in f64, every quantity
 * carrying a componentwise bound on how far a correct implementation in the stage's element
 * type may be from it, so the parameters after the last step are checked entry by entry.
 *
 * <p>The bounds: a product C = A·B (+ b) of inputs with bounds E_A, E_B, in a type of unit
 * roundoff u, summed over k terms by any order, is within (1 + γ)·γ·M of the exact product of
 * the exact inputs, where γ = γ(k) (Higham, §3.5) and M = (|A| + E_A/γ)·(|B| + E_B/γ) (+ |b| +
 * E_b/γ): expanded, M·γ covers γ|A||B| + E_A|B| + |A|E_B + E_A·E_B/γ, the rounding and the
 * inputs' errors together. The weight gradients sum the batch with the shards' partials, so
 * k = batch + shards. Softmax moves each p_j by at most p_j·(e^{2ε} − 1) when the logits move
 * by ε. ReLU's derivative is uncertain where a pre-activation is within its bound of 0, and
 * there the bound is the whole gradient. The update p − η·g rounds once. The reference's own
 * f64 error (plain sums, γ₆₄(k)·M) is added to each bound. The f64 products run in parallel
 * over rows: the reference is not measured, only trusted.
 */
final class TrainingReference {
    private static final double U64 = 0x1p-53;
    /** Rows of C per task: 16 rows of C stay in L2 while B streams past them once. */
    private static final int ROW_BLOCK = 16;

    /** Values and the bound on each entry's error, row-major. */
    record Bounded(int rows, int cols, double[] v, double[] e) {
        static Bounded exact(int rows, int cols, double[] values) {
            return new Bounded(rows, cols, values, new double[values.length]);
        }

        Bounded transposed() {
            double[] tv = new double[v.length];
            double[] te = new double[e.length];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    tv[j * rows + i] = v[i * cols + j];
                    te[j * rows + i] = e[i * cols + j];
                }
            }
            return new Bounded(cols, rows, tv, te);
        }

        /** Rows × cols from element {@code offset} of a flat array. */
        Bounded slice(int offset, int sliceRows, int sliceCols) {
            int n = sliceRows * sliceCols;
            return new Bounded(sliceRows, sliceCols, java.util.Arrays.copyOfRange(v, offset, offset + n),
                java.util.Arrays.copyOfRange(e, offset, offset + n));
        }
    }

    /** The parameters after every step, and the loss before each step. */
    record Outcome(Bounded parameters, double[] losses) {

        /**
         * The implementation's parameters against these. While the bounds say something (all
         * finite, none above a tenth of the largest parameter), every parameter must lie within
         * its bound. Carried through many steps the bounds grow geometrically until they allow
         * anything; a check against them would pass whatever ran, so past that point the check
         * is the largest error relative to the largest parameter, against {@value #DRIFT}·u·steps:
         * rounding differences that training carries on, not a proof (a [8, 6, 3] network at
         * η = 0.5 drifted 1.5·u in 5 steps and 13·u in 1000, in f32).
         */
        Check check(double[] got, int steps, ElementType type) {
            String after = " after " + steps + " step" + (steps == 1 ? "" : "s");
            double largest = 0;
            double widest = 0;
            for (int i = 0; i < got.length; i++) {
                largest = Math.max(largest, Math.abs(parameters.v()[i]));
                widest = Math.max(widest, parameters.e()[i]);
            }
            if (Double.isFinite(widest) && widest <= 0.1 * largest) {
                double worst = DenseReference.worstRatio(new DenseReference.Row(parameters.v(), parameters.e()), got);
                return Check.of("worst |error| / bound over the parameters" + after
                    + ", vs an f64 reference carrying componentwise error bounds", worst, 1.0);
            }
            double error = 0;
            for (int i = 0; i < got.length; i++) {
                double e = Math.abs(got[i] - parameters.v()[i]);
                error = Double.isNaN(e) ? Double.POSITIVE_INFINITY : Math.max(error, e);
            }
            return Check.of("max |error| / max |parameter|" + after + " vs an f64 reference (its error bounds had grown "
                + "past use)", largest == 0 ? error : error / largest, DRIFT * type.unitRoundoff() * steps);
        }
    }

    /** How far training may carry rounding differences, per step, in units of u. */
    static final double DRIFT = 64;

    private TrainingReference() {
    }

    static Outcome run(TrainingNetwork net) {
        ElementType type = net.type;
        Bounded p = Bounded.exact(1, net.initial.cols(), net.initial.toF64().clone());
        Bounded x = Bounded.exact(net.batch, net.widths[0], net.input.toF64());
        double[] losses = new double[net.steps];
        for (int step = 0; step < net.steps; step++) {
            int layers = net.layers();
            Bounded[] h = new Bounded[layers + 1];     // h[0] the input, h[l+1] layer l's output
            Bounded[] z = new Bounded[layers];         // pre-activations
            h[0] = x;
            for (int l = 0; l < layers; l++) {
                Bounded w = weights(net, p, l);
                Bounded b = p.slice(net.biasOffset[l], 1, net.widths[l + 1]);
                z[l] = product(h[l], w, b, type, net.widths[l] + 1);
                h[l + 1] = l < layers - 1 ? relu(z[l]) : z[l];
            }
            losses[step] = loss(z[layers - 1], net.labels);
            Bounded dz = softmaxGradient(z[layers - 1], net.labels, type);
            double[] gv = new double[p.v().length];
            double[] ge = new double[p.v().length];
            int terms = net.batch + net.shards();
            for (int l = layers - 1; l >= 0; l--) {
                Bounded dw = product(h[l].transposed(), dz, null, type, terms);
                System.arraycopy(dw.v(), 0, gv, net.weightOffset[l], dw.v().length);
                System.arraycopy(dw.e(), 0, ge, net.weightOffset[l], dw.e().length);
                columnSums(dz, type, terms, gv, ge, net.biasOffset[l]);
                if (l > 0) {
                    Bounded dh = product(dz, weights(net, p, l).transposed(), null, type, net.widths[l + 1]);
                    dz = reluDerivative(dh, z[l - 1]);
                }
            }
            p = update(p, gv, ge, net.learningRate, type);
        }
        return new Outcome(p, losses);
    }

    private static Bounded weights(TrainingNetwork net, Bounded p, int l) {
        return p.slice(net.weightOffset[l], net.widths[l], net.widths[l + 1]);
    }

    /** C = A·B (+ bias) with its bound, for k summed terms in the stage's type. */
    static Bounded product(Bounded a, Bounded b, Bounded bias, ElementType type, int terms) {
        int m = a.rows();
        int k = a.cols();
        int n = b.cols();
        double gamma = DenseReference.gamma(terms, type);
        double[] bm = magnitudes(b, gamma);
        double[] cv = new double[m * n];
        double[] cm = new double[m * n];
        IntStream.range(0, Math.ceilDiv(m, ROW_BLOCK)).parallel().forEach(block -> {
            int i0 = block * ROW_BLOCK;
            int i1 = Math.min(m, i0 + ROW_BLOCK);
            for (int i = i0; i < i1; i++) {
                if (bias != null) {
                    for (int j = 0; j < n; j++) {
                        cv[i * n + j] = bias.v()[j];
                        cm[i * n + j] = Math.abs(bias.v()[j]) + bias.e()[j] / gamma;
                    }
                }
            }
            for (int q = 0; q < k; q++) {
                int bo = q * n;
                for (int i = i0; i < i1; i++) {
                    double av = a.v()[i * k + q];
                    double am = Math.abs(av) + a.e()[i * k + q] / gamma;
                    int co = i * n;
                    for (int j = 0; j < n; j++) {
                        cv[co + j] += av * b.v()[bo + j];
                        cm[co + j] += am * bm[bo + j];
                    }
                }
            }
        });
        double factor = (1 + gamma) * gamma + DenseReference.gamma(terms + 1, ElementType.F64);
        for (int i = 0; i < cm.length; i++) {
            cm[i] *= factor;
        }
        return new Bounded(m, n, cv, cm);
    }

    /** |B| + E_B/γ, the right-hand factor of a product's magnitude. */
    private static double[] magnitudes(Bounded b, double gamma) {
        double[] out = new double[b.v().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.abs(b.v()[i]) + b.e()[i] / gamma;
        }
        return out;
    }

    private static Bounded relu(Bounded z) {
        double[] v = new double[z.v().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0, z.v()[i]);
        }
        return new Bounded(z.rows(), z.cols(), v, z.e());
    }

    private static double loss(Bounded logits, int[] labels) {
        int classes = logits.cols();
        double total = 0;
        for (int r = 0; r < logits.rows(); r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits.v()[r * classes + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits.v()[r * classes + c] - max);
            }
            total += Math.log(sum) - (logits.v()[r * classes + labels[r]] - max);
        }
        return total / logits.rows();
    }

    /**
     * (softmax(z) − onehot(y))/batch per row. The implementation computes it in f64 from its
     * logits and rounds it to its type once: its error is the logits' effect, p_j·(e^{2ε} − 1)
     * for ε the row's largest logit bound, a few f64 roundings, and that last rounding.
     */
    private static Bounded softmaxGradient(Bounded z, int[] labels, ElementType type) {
        int classes = z.cols();
        int batch = z.rows();
        double u = type.unitRoundoff();
        double[] v = new double[z.v().length];
        double[] e = new double[v.length];
        for (int r = 0; r < batch; r++) {
            int row = r * classes;
            double max = Double.NEGATIVE_INFINITY;
            double epsilon = 0;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, z.v()[row + c]);
                epsilon = Math.max(epsilon, z.e()[row + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(z.v()[row + c] - max);
            }
            double moved = Math.expm1(2 * epsilon);
            for (int c = 0; c < classes; c++) {
                double p = Math.exp(z.v()[row + c] - max) / sum;
                double d = (p - (c == labels[r] ? 1 : 0)) / batch;
                double computed = ((p * moved) * (1 + 1e-12) + (classes + 8) * 4 * U64) / batch;
                v[row + c] = d;
                e[row + c] = computed + u * (Math.abs(d) + computed);
            }
        }
        return new Bounded(batch, classes, v, e);
    }

    /** The bias gradients: each column of dz summed over the batch. */
    private static void columnSums(Bounded dz, ElementType type, int terms, double[] gv, double[] ge, int offset) {
        double gamma = DenseReference.gamma(terms, type);
        int n = dz.cols();
        double[] magnitude = new double[n];
        for (int r = 0; r < dz.rows(); r++) {
            for (int j = 0; j < n; j++) {
                gv[offset + j] += dz.v()[r * n + j];
                magnitude[j] += Math.abs(dz.v()[r * n + j]) + dz.e()[r * n + j] / gamma;
            }
        }
        double factor = (1 + gamma) * gamma + DenseReference.gamma(terms + 1, ElementType.F64);
        for (int j = 0; j < n; j++) {
            ge[offset + j] = factor * magnitude[j];
        }
    }

    /** dz = dh where the pre-activation is positive; where it is within its bound of 0, either. */
    private static Bounded reluDerivative(Bounded dh, Bounded z) {
        double[] v = new double[dh.v().length];
        double[] e = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double pre = z.v()[i];
            boolean uncertain = Math.abs(pre) <= z.e()[i];
            v[i] = pre > 0 ? dh.v()[i] : 0;
            e[i] = uncertain ? Math.abs(dh.v()[i]) + dh.e()[i] : pre > 0 ? dh.e()[i] : 0;
        }
        return new Bounded(dh.rows(), dh.cols(), v, e);
    }

    /** p − η·g, the implementation's one rounding to its type on top of the errors it inherits. */
    private static Bounded update(Bounded p, double[] gv, double[] ge, double rate, ElementType type) {
        double u = type.unitRoundoff();
        double[] v = new double[gv.length];
        double[] e = new double[gv.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = p.v()[i] - rate * gv[i];
            double inherited = p.e()[i] + rate * ge[i];
            e[i] = inherited * (1 + u) + u * Math.abs(v[i]) + 4 * U64 * (Math.abs(p.v()[i]) + Math.abs(rate * gv[i]));
        }
        return new Bounded(1, v.length, v, e);
    }
}
