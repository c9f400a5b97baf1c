package dev.lanes.core.io;

import dev.lanes.core.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void aNewFileGetsWhatTheUmaskGivesAnyNewFileAndNothingElseIsLeft() throws Exception {
        Path plain = Files.createFile(dir.resolve("plain"));           // 0666 less the umask, as any program's
        Path written = dir.resolve("r.json");
        AtomicFile.write(written, "{}\n");
        assertThat(Files.readString(written)).isEqualTo("{}\n");
        assertThat(Files.getPosixFilePermissions(written)).isEqualTo(Files.getPosixFilePermissions(plain));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("plain", "r.json");
        }
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws Exception {
        Path target = Files.writeString(dir.resolve("r.csv"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFile.write(target, "new");
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
    }

    @Test
    void aDeviceIsWrittenAsItIsAndALinkStaysALink() throws Exception {
        AtomicFile.checkWritable(Path.of("/dev/null"));
        AtomicFile.write(Path.of("/dev/null"), "gone");
        assertThat(Files.isRegularFile(Path.of("/dev/null"))).isFalse();
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real);
        AtomicFile.write(link, "new");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");
    }

    @Test
    void targetsThatCannotBeWrittenAreRefusedBeforeAnythingRuns() throws Exception {
        Path missing = dir.resolve("nodir/x.json");
        assertThatThrownBy(() -> AtomicFile.checkWritable(missing)).isInstanceOf(UsageException.class)
            .hasMessage(missing + ": the folder " + missing.getParent() + " does not exist");
        assertThatThrownBy(() -> AtomicFile.checkWritable(dir)).hasMessage(dir + ": is a directory");
        assertThatThrownBy(() -> AtomicFile.checkWritable(Path.of(""))).hasMessage("'': an empty file name");
        // /proc takes no new files, even from root (CI runs as root, where permissions would not stop it)
        assertThatThrownBy(() -> AtomicFile.checkWritable(Path.of("/proc/lanes-result.json")))
            .isInstanceOf(UsageException.class).hasMessageStartingWith("/proc/lanes-result.json: cannot write in /proc: ");
        AtomicFile.checkWritable(dir.resolve("ok.json"));
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
