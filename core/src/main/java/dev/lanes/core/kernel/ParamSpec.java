package dev.lanes.core.kernel;

/**
 * One parameter a kernel accepts.
 *
 * @param defaultValue the value used when the spec gives none; {@code null} makes it required
 */
public record ParamSpec(String name, ParamType type, Object defaultValue, String description) {

    public static ParamSpec required(String name, ParamType type, String description) {
        return new ParamSpec(name, type, null, description);
    }

    public static ParamSpec optional(String name, ParamType type, Object defaultValue, String description) {
        return new ParamSpec(name, type, defaultValue, description);
    }

    public boolean isRequired() {
        return defaultValue == null;
    }
}
