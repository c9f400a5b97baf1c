import dev.lanes.core.exec.RangeCodec;
import dev.lanes.core.exec.RangeReply;

import java.util.ArrayList;

/**
 * What lanes' own codec costs for a distributed reply that carries an output part: a
 * 1 Mi-element double[] (8 MiB) written and read 15 times, the last 5 printed.
 * Run after a build:  java -cp core/target/classes bench/distributed/CodecTiming.java
 */
public class CodecTiming {
    public static void main(String[] args) {
        double[] part = new double[1 << 20];
        for (int round = 0; round < 15; round++) {
            long start = System.nanoTime();
            byte[] bytes = RangeCodec.encode(new RangeReply(1, "host", 0, 1, 0, new ArrayList<>(), 0, part, 0));
            long written = System.nanoTime();
            RangeCodec.decode(bytes, RangeReply.class);
            long read = System.nanoTime();
            if (round >= 10) {
                System.out.printf("write %.2f ms, read %.2f ms, %d bytes%n", (written - start) / 1e6, (read - written) / 1e6,
                    bytes.length);
            }
        }
    }
}
