package dev.lanes.core;

/** The documented defaults, in one place. */
public final class Defaults {
    public static final int WARMUP_ITERATIONS = 3;
    public static final int MEASURED_ITERATIONS = 10;
    /** Warm-up also continues until this much time has passed, so C2 has compiled the kernel. */
    public static final long MIN_WARMUP_MILLIS = 300;
    public static final boolean VERIFY = true;

    /** {@code --quick}: sizes are capped at this many elements. */
    public static final long QUICK_MAX_SIZE = 1 << 16;
    public static final int QUICK_WARMUP_ITERATIONS = 1;
    public static final int QUICK_MEASURED_ITERATIONS = 3;
    public static final long QUICK_MIN_WARMUP_MILLIS = 0;

    /** The most points a sweep may expand to. */
    public static final int MAX_SWEEP_POINTS = 10_000;
    /** Share of the heap the data of one sweep point may take. */
    public static final double HEAP_SHARE_FOR_DATA = 0.9;

    private Defaults() {
    }
}
