package dev.lanes.core.result;

/**
 * A stage measured for weak scaling: at p threads it runs with {@code param} p times its base value.
 *
 * @param param {@code STAGE.PARAM}, e.g. "data.length"
 */
public record WeakAxis(String stage, String param) {
}
