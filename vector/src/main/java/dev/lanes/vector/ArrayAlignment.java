package dev.lanes.vector;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;

/**
 * Where 64-byte boundaries fall inside Java arrays, so vector loops can start on one.
 * Misaligned 512-bit loads each straddle two cache lines; out of cache that costs about
 * a third of the bandwidth on the AVX-512 machine we measure on (docs/performance.md).
 *
 * <p>The array's data starts at a fixed offset from the object (16 bytes with compressed
 * class pointers, HotSpot's default), and objects are aligned to ObjectAlignmentInBytes
 * (8 by default, so the data's offset modulo 64 is unknown). The launcher runs with
 * {@code -XX:ObjectAlignmentInBytes=64}; then element {@code i} is on a 64-byte boundary
 * when {@code (16 + i·size) % 64 == 0}. Elsewhere the residues are {@link #UNKNOWN} and
 * loops do not peel.
 */
final class ArrayAlignment {
    static final int UNKNOWN = -1;
    /** Index residue (mod 8) of 64-byte-aligned f64 elements, or UNKNOWN. */
    static final int F64_RESIDUE;
    /** Index residue (mod 16) of 64-byte-aligned f32 elements, or UNKNOWN. */
    static final int F32_RESIDUE;

    static {
        int base = knownBaseOffset();
        F64_RESIDUE = base == UNKNOWN ? UNKNOWN : Math.floorMod(-base / Double.BYTES, 64 / Double.BYTES);
        F32_RESIDUE = base == UNKNOWN ? UNKNOWN : Math.floorMod(-base / Float.BYTES, 64 / Float.BYTES);
    }

    private ArrayAlignment() {
    }

    /** Elements to skip from {@code from} so the next one is 64-byte aligned (0 when unknown). */
    static int peelF64(int from) {
        return F64_RESIDUE == UNKNOWN ? 0 : Math.floorMod(F64_RESIDUE - from, 64 / Double.BYTES);
    }

    static int peelF32(int from) {
        return F32_RESIDUE == UNKNOWN ? 0 : Math.floorMod(F32_RESIDUE - from, 64 / Float.BYTES);
    }

    static String describe() {
        return F64_RESIDUE == UNKNOWN ? "array alignment unknown (run with -XX:ObjectAlignmentInBytes=64 to align loops)"
            : "loops start on 64-byte boundaries";
    }

    /** 16 when objects are 64-byte aligned and headers have the default layout; else UNKNOWN. */
    private static int knownBaseOffset() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hotspot == null) {
                return UNKNOWN;
            }
            int alignment = Integer.parseInt(hotspot.getVMOption("ObjectAlignmentInBytes").getValue());
            boolean compressedClassPointers = Boolean.parseBoolean(hotspot.getVMOption("UseCompressedClassPointers").getValue());
            boolean compactHeaders = Boolean.parseBoolean(option(hotspot, "UseCompactObjectHeaders", "false"));
            return alignment >= 64 && compressedClassPointers && !compactHeaders ? 16 : UNKNOWN;
        } catch (RuntimeException | LinkageError e) {
            return UNKNOWN;
        }
    }

    private static String option(HotSpotDiagnosticMXBean hotspot, String name, String fallback) {
        try {
            return hotspot.getVMOption(name).getValue();
        } catch (IllegalArgumentException unknownOnThisJvm) {
            return fallback;
        }
    }
}
