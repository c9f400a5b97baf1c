/*
 * Packing B = Tᵀ (a layer's Wᵀ for mlp-train's dZ·Wᵀ) in the SIMD strip layout, f32, one
 * thread, hot data, best of 300 after warm-up: element by element (GemmLayout.packTransposed)
 * against the SIMD backend's packing, which turns 16 × 16 tiles in registers where vectors are
 * 512-bit (RegisterTranspose). Checks that both give the same packing.
 * Build first (./mvnw -q -o install -DskipTests), then, from the repository root:
 *   java --add-modules jdk.incubator.vector -cp core/target/classes:vector/target/classes \
 *        bench/experiments/TransposePacking.java [K N]      (B is K × N; default 256 512, layer 1's Wᵀ)
 */
import dev.lanes.core.data.ElementType;
import dev.lanes.core.exec.GemmLayout;
import dev.lanes.core.exec.TrainingOps;

public class TransposePacking {
    interface Op {
        void run();
    }

    static double bestMicros(Op op) {
        for (int i = 0; i < 300; i++) {
            op.run();
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 300; i++) {
            long t = System.nanoTime();
            op.run();
            best = Math.min(best, System.nanoTime() - t);
        }
        return best / 1e3;
    }

    public static void main(String[] args) {
        int k = args.length > 1 ? Integer.parseInt(args[0]) : 256;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        TrainingOps simd = new dev.lanes.vector.SimdAccelerator().ops(TrainingOps.class).orElseThrow();
        GemmLayout layout = simd.layout(ElementType.F32, n);
        float[] t = new float[n * k];
        for (int i = 0; i < t.length; i++) {
            t[i] = i;
        }
        float[] scalar = new float[(int) layout.packedLength(k, n)];
        float[] tiles = new float[scalar.length];
        for (int round = 0; round < 3; round++) {
            double one = bestMicros(() -> layout.packTransposed(t, 0, k, n, scalar));
            double two = bestMicros(() -> simd.packTransposed(layout, t, 0, k, n, 0, k, tiles));
            System.out.printf("B %d x %d, strips of %d: element by element %.1f us, SIMD backend %.1f us, same packing %b%n",
                k, n, layout.nr(), one, two, java.util.Arrays.equals(scalar, tiles));
        }
    }
}
