package dev.lanes.core.io;

import dev.lanes.core.UsageException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old content or the whole new one: the
 * text goes to a temporary file beside the target, is synced to disk, and is moved into
 * place. A new file gets the permissions the umask gives (as any program's file would; a
 * temporary file's 0600 would otherwise stick); a replaced file keeps its own.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /**
     * Refuses, before anything runs, a target that could not be written: an empty name, a
     * directory, a folder that does not exist or does not take new files (tried by making
     * and removing a temporary file there, which also catches read-only file systems and
     * root's writes to /proc).
     */
    public static void checkWritable(Path target) {
        Path absolute = target.toAbsolutePath();
        if (target.toString().isBlank() || absolute.getFileName() == null) {
            throw new UsageException("'" + target + "': an empty file name");
        }
        if (Files.isDirectory(absolute)) {
            throw new UsageException(target + ": is a directory");
        }
        if (isSpecial(absolute)) {
            if (!Files.isWritable(absolute)) {
                throw new UsageException(target + ": cannot write: permission denied");
            }
            return;
        }
        Path dir = absolute.getParent();
        if (!Files.isDirectory(dir)) {
            throw new UsageException(target + ": the folder " + dir + " does not exist");
        }
        Path probe = temporary(absolute);
        try {
            Files.newByteChannel(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        } catch (IOException e) {
            throw new UsageException(target + ": cannot write in " + dir + ": " + reason(e), e);
        } finally {
            deleteQuietly(probe);
        }
    }

    public static void write(Path target, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        });
    }

    /** What writes a file's content into a channel (a data file, written in parts). */
    @FunctionalInterface
    public interface Content {
        void writeTo(WritableByteChannel channel) throws IOException;
    }

    /** Writes the content atomically, as {@link #write(Path, String)} does text. */
    public static void write(Path target, Content content) {
        Path absolute = real(target.toAbsolutePath());
        if (isSpecial(absolute)) {
            try (FileChannel channel = FileChannel.open(absolute, StandardOpenOption.WRITE)) {
                content.writeTo(channel);
            } catch (IOException e) {
                throw new UsageException(target + ": cannot write: " + reason(e), e);
            }
            return;
        }
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UsageException(target + ": the folder " + dir + " does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw new UsageException(target + ": is a directory");
        }
        Path temp = temporary(absolute);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(channel);
                channel.force(true);
            }
            keepPermissions(absolute, temp);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            syncFolder(dir);
        } catch (IOException e) {
            throw new UsageException(target + ": cannot write: " + reason(e), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** A device or a pipe (/dev/null, /dev/stdout, a FIFO): written as it is, never replaced by a file. */
    private static boolean isSpecial(Path absolute) {
        return Files.exists(absolute) && !Files.isRegularFile(absolute) && !Files.isDirectory(absolute);
    }

    /** A link is followed, so the file it names is replaced and the link stays. */
    private static Path real(Path absolute) {
        try {
            return Files.isSymbolicLink(absolute) && Files.exists(absolute) ? absolute.toRealPath() : absolute;
        } catch (IOException e) {
            return absolute;
        }
    }

    /** ".r.json.1a2b3c.tmp" beside the target: hidden, and never the name of a file anyone reads. */
    private static Path temporary(Path absolute) {
        return absolute.resolveSibling("." + absolute.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current()
            .nextLong() >>> 16) + ".tmp");
    }

    /** A replaced file keeps its permissions; a new one has what the umask gave the temporary file. */
    private static void keepPermissions(Path target, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view != null && Files.exists(target)) {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            Files.getFileAttributeView(temp, PosixFileAttributeView.class).setPermissions(permissions);
        }
    }

    /** So the rename itself survives a crash; best effort where a folder cannot be opened. */
    private static void syncFolder(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every file system lets a folder be opened; the file itself is synced
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the move consumed it, or the folder is gone; nothing more to do
        }
    }
}
