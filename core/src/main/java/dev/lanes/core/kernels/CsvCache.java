package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.files.CsvTable;
import dev.lanes.core.files.DataFileException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The last CSV file read, kept: a load stage's shape is checked when the spec is and its data
 * read when it runs, and parsing a CSV is the slow part of both. Keyed by the file's size and
 * modification time, so a changed file is read again.
 */
final class CsvCache {
    private record Key(Path file, long size, long modified, ElementType type, CsvTable.Header header) {
    }

    private static Key lastKey;
    private static CsvTable lastTable;

    private CsvCache() {
    }

    static synchronized CsvTable read(Path file, ElementType type, CsvTable.Header header) {
        Key key;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            key = new Key(file, a.size(), a.lastModifiedTime().toMillis(), type, header);
        } catch (IOException e) {
            throw new DataFileException("cannot read: " + e.getMessage());
        }
        if (!key.equals(lastKey)) {
            lastTable = CsvTable.read(file, type, header);
            lastKey = key;
        }
        return lastTable;
    }
}
