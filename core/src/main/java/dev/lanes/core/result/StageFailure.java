package dev.lanes.core.result;

import java.util.List;

/**
 * A stage that failed at a sweep point (a kernel error, a command that exited non-zero, out of
 * memory) and the stages that were not run because they depend on it, directly or through
 * others. The stages that do not depend on it ran, and their points are in the result.
 *
 * @param error     the one-line reason
 * @param cancelled the dependent stages, in spec order
 */
public record StageFailure(String stage, List<PointParam> point, String error, List<String> cancelled) {
    public StageFailure {
        point = List.copyOf(point);
        cancelled = List.copyOf(cancelled);
    }

    /** "stage 'b' failed: …; cancelled the stages that depend on it: c, d". */
    public String describe() {
        return error + (cancelled.isEmpty() ? "" : "; cancelled the stages that depend on it: " + String.join(", ", cancelled));
    }
}
