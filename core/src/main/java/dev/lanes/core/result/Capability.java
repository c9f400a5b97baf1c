package dev.lanes.core.result;

/**
 * Whether an accelerator was usable on the machine.
 *
 * @param detail what it was when usable (e.g. "512-bit: 8 x f64, 16 x f32"), why not otherwise
 */
public record Capability(boolean usable, String detail) {
}
