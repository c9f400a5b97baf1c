package dev.lanes.core.kernel;

/** Size limits that follow from the JVM, shared by kernels. */
public final class Limits {
    /** The largest Java array HotSpot allocates (a few header words under Integer.MAX_VALUE). */
    public static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private Limits() {
    }
}
