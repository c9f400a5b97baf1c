/*
 * Baseline for lanes' sum-of-squares: Java parallel streams, as people write it.
 * Run: java StreamsSumOfSquares.java N ITERATIONS
 * Prints the median of ITERATIONS timed calls after a 1-second warm-up, and GB/s counting
 * 8 bytes read per element, the same count lanes uses.
 */
import java.util.Arrays;

public class StreamsSumOfSquares {
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int iterations = Integer.parseInt(args[1]);
        double[] x = new double[n];
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble();
        }
        double sink = 0;
        long warmupEnd = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warmupEnd) {
            sink += Arrays.stream(x).parallel().map(v -> v * v).sum();
        }
        long[] samples = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            sink += Arrays.stream(x).parallel().map(v -> v * v).sum();
            samples[i] = System.nanoTime() - t0;
        }
        Arrays.sort(samples);
        double median = iterations % 2 == 1 ? samples[iterations / 2] : (samples[iterations / 2 - 1] + samples[iterations / 2]) / 2.0;
        System.out.printf("threads=%d n=%d median_ns=%.0f gbps=%.3f sink=%s%n",
            java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1, n, median, n * 8.0 / median, sink > 0 ? "ok" : "?");
    }
}
