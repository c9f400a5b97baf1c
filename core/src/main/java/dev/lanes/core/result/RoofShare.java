package dev.lanes.core.result;

/**
 * How close a measurement came to the machine's limit for its work: the roofline's time
 * over the measured time (on a device, the kernels' time), and which ceiling binds.
 *
 * @param share   1 is the roofline itself
 * @param bound   "memory", "compute" or "ops"
 * @param ceiling the binding ceiling: GB/s (memory), GFLOP/s (compute), ops per second (ops)
 * @param opKind  what an op is, when the bound is "ops" (e.g. "random-point"); {@code null} otherwise
 */
public record RoofShare(double share, String bound, double ceiling, String opKind) {
}
