package dev.lanes.core.result;

/**
 * A data file a stage read: the result keeps its size and SHA-256, so a later comparison can
 * tell that the data changed (the definitions of the stages that read it change with it).
 *
 * @param path   as resolved when the spec was loaded (absolute)
 * @param sha256 of the whole file, hex
 */
public record InputFile(String stage, String path, long bytes, String sha256) {
}
