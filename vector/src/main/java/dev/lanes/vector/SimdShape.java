package dev.lanes.vector;

import dev.lanes.core.exec.Availability;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector shape every SIMD kernel uses: the platform's preferred shape, capped by
 * {@code lanes.vector.bits}. Read once per JVM, at class initialisation, so the species
 * are constants to C2.
 */
final class SimdShape {
    static final VectorShape SHAPE = choose(Integer.getInteger(SimdAccelerator.MAX_BITS_PROPERTY, Integer.MAX_VALUE));
    static final VectorSpecies<Double> F64 = DoubleVector.SPECIES_PREFERRED.withShape(SHAPE);
    static final VectorSpecies<Float> F32 = FloatVector.SPECIES_PREFERRED.withShape(SHAPE);

    private SimdShape() {
    }

    static VectorShape selected() {
        return SHAPE;
    }

    static Availability describe(int capBits) {
        int preferred = VectorShape.preferredShape().vectorBitSize();
        if (preferred < 128) {
            return Availability.unavailable("the preferred vector shape is " + preferred + " bits; SIMD needs at least 128");
        }
        if (capBits < 128) {
            return Availability.unavailable("--vector-bits " + capBits + " is below the 128 bits SIMD needs");
        }
        int bits = SHAPE.vectorBitSize();
        return Availability.usable(bits + "-bit: " + F64.length() + " x f64, " + F32.length() + " x f32"
            + (bits < preferred ? " (capped from " + preferred + ")" : "") + "; " + ArrayAlignment.describe());
    }

    private static VectorShape choose(int capBits) {
        VectorShape preferred = VectorShape.preferredShape();
        if (capBits >= preferred.vectorBitSize()) {
            return preferred;
        }
        for (VectorShape s : new VectorShape[] {VectorShape.S_512_BIT, VectorShape.S_256_BIT, VectorShape.S_128_BIT}) {
            if (s.vectorBitSize() <= capBits && s.vectorBitSize() <= preferred.vectorBitSize()) {
                return s;
            }
        }
        return VectorShape.S_128_BIT;
    }
}
