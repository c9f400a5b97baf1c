package dev.lanes.core.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@code .npy} file checked against its header before anything reads its data: the header
 * parses, the dtype is one lanes reads, and the file holds exactly the bytes the shape needs
 * (fewer: truncated; more: the header lies about the shape).
 */
public record NpyFile(Path path, NpyHeader header, long fileBytes) {
    /** The most a header may take: NumPy keeps them far smaller; a bigger one is not a header. */
    private static final int MAX_HEADER_BYTES = 1 << 20;

    public static NpyFile open(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 12));
            readFully(ch, head, 0);
            head.flip();
            if (size >= 12 && head.remaining() >= 12) {
                int major = Byte.toUnsignedInt(head.get(6));
                long length = major == 1 ? Short.toUnsignedInt(head.order(java.nio.ByteOrder.LITTLE_ENDIAN).getShort(8))
                    : Integer.toUnsignedLong(head.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(8));
                long want = Math.min(size, Math.min(MAX_HEADER_BYTES, (major == 1 ? 10 : 12) + length));
                head = ByteBuffer.allocate((int) want);
                readFully(ch, head, 0);
                head.flip();
            }
            NpyHeader header = NpyHeader.parse(head, size);
            long needed;
            try {
                needed = header.dataBytes();
            } catch (ArithmeticException e) {
                throw new DataFileException("shape " + header.shapeText() + " holds more elements than a long counts");
            }
            long data = size - header.dataOffset();
            if (data < needed) {
                throw new DataFileException("truncated: shape " + header.shapeText() + " of " + header.dtype() + " needs "
                    + needed + " bytes of data, the file holds " + data);
            }
            if (data > needed) {
                throw new DataFileException("the header says shape " + header.shapeText() + " of " + header.dtype() + " ("
                    + needed + " bytes of data) but the file holds " + data + ": the header does not describe the data");
            }
            return new NpyFile(path, header, size);
        } catch (IOException e) {
            throw new DataFileException("cannot read: " + e.getMessage());
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int n = ch.read(into, at);
            if (n < 0) {
                break;
            }
            at += n;
        }
    }

    /** Whether a path names a readable regular file; the one-line reason otherwise. */
    public static String problem(Path path) {
        if (!Files.exists(path)) {
            return "no such file";
        }
        if (Files.isDirectory(path)) {
            return "is a directory, not a data file";
        }
        return Files.isReadable(path) ? null : "permission denied";
    }
}
