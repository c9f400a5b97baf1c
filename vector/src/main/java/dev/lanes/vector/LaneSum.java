package dev.lanes.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * The sum of a vector's lanes, added one after another in lane order. Why not
 * {@code reduceLanes(ADD)}: for floating point its javadoc leaves the order of the additions
 * to the implementation, and nothing makes the Java fallback (the code that runs before C2
 * compiles a method) add in the order of C2's intrinsic. With it, a distributed run's fresh
 * member JVMs once gave a sum of squares one ulp from a warmed-up local run's, where every
 * block is the same code on the same data. Once per block, so its cost is nothing.
 */
final class LaneSum {
    private LaneSum() {
    }

    static double of(DoubleVector v) {
        double sum = 0;
        for (double lane : v.toArray()) {
            sum += lane;
        }
        return sum;
    }

    /** Added in double, as the callers return. */
    static double of(FloatVector v) {
        double sum = 0;
        for (float lane : v.toArray()) {
            sum += lane;
        }
        return sum;
    }
}
