package dev.lanes.core.files;

import dev.lanes.core.data.ElementType;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The arrays of a NumPy {@code .npz} archive ({@code numpy.savez}: a zip of {@code .npy}
 * files, stored or deflated), by name, each checked as a {@code .npy} file is. For small
 * arrays such as a network's weights: every entry is read whole.
 */
public final class NpzArchive {

    /** One array: its type once read (i32 widened), its dimensions, and its elements in C order. */
    public record Array(ElementType type, List<Long> shape, Object values) {
    }

    private NpzArchive() {
    }

    public static Map<String, Array> read(Path file) {
        Map<String, Array> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                String name = entry.getName().endsWith(".npy") ? entry.getName().substring(0, entry.getName().length() - 4)
                    : entry.getName();
                arrays.put(name, array(entry.getName(), bytes));
            }
        } catch (ZipException e) {
            throw new DataFileException("not an .npz archive (a zip of .npy files): " + e.getMessage());
        } catch (IOException e) {
            throw new DataFileException("cannot read: " + e.getMessage());
        }
        return arrays;
    }

    private static Array array(String entry, byte[] bytes) {
        try {
            NpyHeader h = NpyHeader.parse(ByteBuffer.wrap(bytes), bytes.length);
            long data = bytes.length - h.dataOffset();
            if (data != h.dataBytes()) {
                throw new DataFileException("shape " + h.shapeText() + " of " + h.dtype() + " needs " + h.dataBytes()
                    + " bytes of data, the entry holds " + data);
            }
            ArraySource source = new ArraySource(null, 0, h.dtype(), h.shape(), h.fortranOrder());
            Object values = source.allocate();
            source.copy(MemorySegment.ofArray(bytes).asSlice(h.dataOffset()), values, 0, 0, (int) h.elements());
            return new Array(h.dtype().elementType(), h.shape(), values);
        } catch (DataFileException e) {
            throw new DataFileException(entry + ": " + e.getMessage());
        }
    }
}
