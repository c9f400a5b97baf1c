package dev.lanes.core.result;

/** A point some of whose samples saw a garbage collection. */
public record GcRow(PointKey key, int samplesWithGc, int samples) implements DerivedRow {
}
