package dev.lanes.core.files;

/**
 * A data file that cannot be read as asked: truncated, a header that lies, an unsupported
 * type, a cell that is not a number. The message names what is wrong and where in the file;
 * the caller adds the file (and the stage and spec location) to it.
 */
public final class DataFileException extends RuntimeException {
    public DataFileException(String message) {
        super(message);
    }
}
