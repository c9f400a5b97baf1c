package dev.lanes.core.files;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a whole file, read through a memory mapping in large parts (the JDK's SHA-256 uses the CPU's SHA instructions). */
public final class FileDigest {
    private static final long PART = 64L << 20;

    private FileDigest() {
    }

    public static String sha256(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = ch.size();
            for (long at = 0; at < size; at += PART) {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment part = ch.map(FileChannel.MapMode.READ_ONLY, at, Math.min(PART, size - at), arena);
                    sha.update(part.asByteBuffer());
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new DataFileException("cannot read: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
