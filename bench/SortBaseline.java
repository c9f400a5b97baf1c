// Baseline for lanes' sort: Arrays.parallelSort of N uniform f64 values (or random i64),
// each round on a fresh copy (the copy is not timed). Run it with the common pool sized to
// the thread count being compared: by default the pool has cores − 1 workers, and with one
// worker parallelSort sorts on a single thread.
// Run: java -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 bench/SortBaseline.java f64 10000000 7
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

public class SortBaseline {
    public static void main(String[] args) {
        String type = args.length > 0 ? args[0] : "f64";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        SplittableRandom random = new SplittableRandom(21);
        double[] doubles = new double[n];
        long[] longs = new long[n];
        for (int i = 0; i < n; i++) {
            doubles[i] = random.nextDouble();
            longs[i] = random.nextLong();
        }
        long[] times = new long[rounds];
        for (int r = -2; r < rounds; r++) {
            double[] d = type.equals("f64") ? doubles.clone() : null;
            long[] l = type.equals("f64") ? null : longs.clone();
            long t0 = System.nanoTime();
            if (d != null) {
                Arrays.parallelSort(d);
            } else {
                Arrays.parallelSort(l);
            }
            long t = System.nanoTime() - t0;
            if (r >= 0) {
                times[r] = t;
            }
        }
        Arrays.sort(times);
        System.out.printf("java Arrays.parallelSort %s n=%d pool=%d median %.3f ms%n", type, n,
            ForkJoinPool.getCommonPoolParallelism(), times[rounds / 2] / 1e6);
    }
}
