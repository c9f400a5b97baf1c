package dev.lanes.core.kernel;

/**
 * One parameter a kernel accepts.
 *
 * @param defaultValue the value used when the spec gives none; {@code null} for none
 * @param required     whether the spec must give it
 */
public record ParamSpec(String name, ParamType type, Object defaultValue, String description, boolean required) {

    public static ParamSpec required(String name, ParamType type, String description) {
        return new ParamSpec(name, type, null, description, true);
    }

    public static ParamSpec optional(String name, ParamType type, Object defaultValue, String description) {
        return new ParamSpec(name, type, defaultValue, description, defaultValue == null);
    }

    /** A parameter a spec may leave out, with no default: {@link Params#has} tells whether it was given. */
    public static ParamSpec optionalWithoutDefault(String name, ParamType type, String description) {
        return new ParamSpec(name, type, null, description, false);
    }

    public boolean isRequired() {
        return required;
    }
}
