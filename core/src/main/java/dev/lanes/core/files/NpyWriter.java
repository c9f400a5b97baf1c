package dev.lanes.core.files;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.I64Array;
import dev.lanes.core.data.Scalar;
import dev.lanes.core.data.Value;
import dev.lanes.core.io.AtomicFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a stage's output as a {@code .npy} file NumPy reads as it is: format 1.0 (2.0 for a
 * header too long for it), little-endian, C order, the header padded so the data starts on a
 * 64-byte boundary; a reduction's result is a 0-d array. Atomic: a temporary file, synced, moved.
 */
public final class NpyWriter {
    private static final int ALIGN = 64;
    private static final int CHUNK_ELEMENTS = 1 << 16;

    private NpyWriter() {
    }

    public static void write(Path file, Value value) {
        write(file, value, value instanceof Scalar ? List.of() : List.of(value.length()));
    }

    /** With the array's dimensions (C order), e.g. a matrix's rows and columns; their product is its length. */
    public static void write(Path file, Value value, List<Long> dims) {
        ElementType type = value instanceof Scalar ? ElementType.F64 : value.type();
        List<Long> shape;
        if (value instanceof Scalar) {
            shape = List.of();
        } else if (dims.stream().reduce(1L, Math::multiplyExact) == value.length()) {
            shape = dims;
        } else {
            shape = List.of(value.length());                 // dimensions that do not describe it: as one
        }
        byte[] header = header(Dtype.of(type), shape);
        AtomicFile.write(file, channel -> {
            writeAll(channel, ByteBuffer.wrap(header));
            writeData(channel, value);
        });
    }

    /** Magic, version, length and the dict, padded with spaces to the alignment and ended by a newline. */
    static byte[] header(Dtype dtype, List<Long> shape) {
        String dims = shape.size() == 1 ? "(" + shape.get(0) + ",)"
            : "(" + String.join(", ", shape.stream().map(String::valueOf).toList()) + ")";
        String dict = "{'descr': '" + dtype.descr() + "', 'fortran_order': False, 'shape': " + dims + ", }";
        int major = dict.length() + 1 + 10 > 0xFFFF ? 2 : 1;
        int prefix = major == 1 ? 10 : 12;
        int total = ((prefix + dict.length() + 1 + ALIGN - 1) / ALIGN) * ALIGN;
        String padded = dict + " ".repeat(total - prefix - dict.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyHeader.MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) padded.length());
        } else {
            b.putInt(padded.length());
        }
        b.put(padded.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    /** Puts {@code count} elements from {@code from} into a buffer of the chunk's bytes. */
    @FunctionalInterface
    private interface Fill {
        void put(ByteBuffer chunk, int from, int count);
    }

    private static void writeData(WritableByteChannel channel, Value value) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_ELEMENTS * 8).order(ByteOrder.LITTLE_ENDIAN);
        switch (value) {
            case Scalar s -> {
                chunk.putDouble(s.value()).flip();
                writeAll(channel, chunk);
            }
            case F64Array a -> chunks(channel, chunk, a.data().length, 8, (b, from, n) -> b.asDoubleBuffer().put(a.data(), from, n));
            case F32Array a -> chunks(channel, chunk, a.data().length, 4, (b, from, n) -> b.asFloatBuffer().put(a.data(), from, n));
            case I64Array a -> chunks(channel, chunk, a.data().length, 8, (b, from, n) -> b.asLongBuffer().put(a.data(), from, n));
        }
    }

    private static void chunks(WritableByteChannel channel, ByteBuffer chunk, int length, int itemBytes, Fill fill)
        throws IOException {
        for (int from = 0; from < length; from += CHUNK_ELEMENTS) {
            int n = Math.min(CHUNK_ELEMENTS, length - from);
            chunk.clear();
            fill.put(chunk, from, n);
            chunk.limit(n * itemBytes);
            writeAll(channel, chunk);
        }
    }

    private static void writeAll(WritableByteChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
