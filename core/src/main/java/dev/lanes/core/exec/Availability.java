package dev.lanes.core.exec;

/**
 * Whether an accelerator can be used on this machine, and if not, why.
 *
 * @param detail what it is when usable (e.g. "512-bit: 8 x f64, 16 x f32"), the reason when not
 */
public record Availability(boolean usable, String detail) {

    public static Availability usable(String detail) {
        return new Availability(true, detail);
    }

    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
