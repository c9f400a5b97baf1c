package dev.lanes.core.kernel;

/**
 * A stage's sizes, known before any data exists.
 *
 * @param output         what the stage produces
 * @param work           operations and bytes of one execution
 * @param allocatedBytes memory the stage allocates: a new output array, copies it keeps
 */
public record StageShape(DataShape output, Work work, long allocatedBytes) {
}
