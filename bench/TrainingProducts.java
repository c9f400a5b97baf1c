/*
 * The matrix products of one mlp-train shard, each alone, through lanes' SIMD TrainingOps:
 * for every layer of the 784-512-256-10 network, packing W and Wᵀ, the forward product
 * H·W (+ReLU), the weight gradient Hᵀ·dZ (multiplyTransposed, after packing the shard's dZ)
 * and the activation gradient dZ·Wᵀ, f32, one thread, best of 50 after 30 warm-up calls on
 * hot data. What the step would take if nothing but its products ran, to set against the
 * "Parts of a stage" table of `./lanes run samples/mlp-training.yaml`.
 * Build first (./mvnw -q -o install -DskipTests), then, from the repository root:
 *   java --add-modules jdk.incubator.vector -cp core/target/classes:vector/target/classes \
 *        bench/TrainingProducts.java ROWS        (ROWS: a shard's rows, 32 at batch 64, 256 at 4096)
 */
import dev.lanes.core.data.ElementType;
import dev.lanes.core.exec.GemmLayout;
import dev.lanes.core.exec.TrainingOps;

public class TrainingProducts {
    interface Op {
        void run();
    }

    static double bestMillis(Op op) {
        for (int i = 0; i < 30; i++) {
            op.run();
        }
        long best = Long.MAX_VALUE;
        for (int r = 0; r < 50; r++) {
            long t = System.nanoTime();
            op.run();
            best = Math.min(best, System.nanoTime() - t);
        }
        return best / 1e6;
    }

    static float[] random(int n, java.util.Random r) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextFloat();
        }
        return a;
    }

    public static void main(String[] args) {
        TrainingOps ops = new dev.lanes.vector.SimdAccelerator().ops(TrainingOps.class).orElseThrow();
        int rows = Integer.parseInt(args[0]);
        java.util.Random r = new java.util.Random(1);
        double total = 0;
        for (int[] layer : new int[][] {{784, 512}, {512, 256}, {256, 10}}) {
            int in = layer[0];
            int out = layer[1];
            float[] h = random(rows * in, r);
            float[] dz = random(rows * out, r);
            float[] w = random(in * out, r);
            float[] packedW = new float[(int) GemmLayout.maxPackedLength(in, out)];
            float[] packedWt = new float[(int) GemmLayout.maxPackedLength(out, in)];
            float[] packedDz = new float[(int) GemmLayout.maxPackedLength(rows, out)];
            float[] c = new float[rows * out];
            float[] g = new float[in * out];
            float[] dh = new float[rows * in];
            GemmLayout byOut = ops.layout(ElementType.F32, out);
            GemmLayout byIn = ops.layout(ElementType.F32, in);
            double packW = bestMillis(() -> byOut.packAt(w, 0, in, out, packedW));
            double packWt = bestMillis(() -> byIn.packTransposed(w, 0, out, in, packedWt));
            double forward = bestMillis(() -> ops.multiply(h, in, packedW, out, null, true, c, 0, rows));
            double packDz = bestMillis(() -> byOut.packAt(dz, 0, rows, out, packedDz));
            double weights = bestMillis(() -> ops.multiplyTransposed(h, 0, in, rows, packedDz, out, g, 0, 0, in));
            double activations = bestMillis(() -> ops.multiply(dz, out, packedWt, in, null, false, dh, 0, rows));
            double gflop = 2.0 * rows * in * out / 1e6;
            System.out.printf("%dx%d, %d rows: pack W %.3f ms, Wt %.3f ms | H·W %.3f ms (%.0f GFLOP/s), pack dZ %.3f ms, "
                + "Hᵀ·dZ %.3f ms (%.0f), dZ·Wᵀ %.3f ms (%.0f)%n", in, out, rows, packW, packWt, forward, gflop / forward,
                packDz, weights, gflop / weights, activations, gflop / activations);
            total += forward + weights + (in == 784 ? 0 : activations);   // the input layer needs no dZ·Wᵀ
        }
        System.out.printf("products of one shard: %.2f ms%n", total);
    }
}
