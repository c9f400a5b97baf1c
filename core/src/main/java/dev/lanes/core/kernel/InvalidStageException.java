package dev.lanes.core.kernel;

/**
 * A kernel refusing a stage's parameters or inputs. The spec loader turns it into a
 * located error.
 *
 * @see #param() the parameter at fault, or {@code null} when the inputs are
 */
public final class InvalidStageException extends IllegalArgumentException {
    private final String param;

    public InvalidStageException(String param, String message) {
        super(message);
        this.param = param;
    }

    public String param() {
        return param;
    }
}
