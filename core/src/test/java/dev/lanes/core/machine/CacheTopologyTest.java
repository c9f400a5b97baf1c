package dev.lanes.core.machine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CacheTopologyTest {

    private static void cache(Path dir, int index, int level, String type, String size, String shared) throws IOException {
        Path d = Files.createDirectories(dir.resolve("index" + index));
        Files.writeString(d.resolve("level"), level + "\n");
        Files.writeString(d.resolve("type"), type + "\n");
        Files.writeString(d.resolve("size"), size + "\n");
        Files.writeString(d.resolve("shared_cpu_list"), shared + "\n");
    }

    @Test
    void readsDataCachesSmallestFirstAndSkipsTheInstructionCache(@TempDir Path dir) throws IOException {
        cache(dir, 3, 3, "Unified", "491520K", "0-1");
        cache(dir, 0, 1, "Data", "48K", "0");
        cache(dir, 1, 1, "Instruction", "64K", "0");
        cache(dir, 2, 2, "Unified", "2048K", "0");

        CacheTopology t = CacheTopology.read(dir).orElseThrow();

        assertThat(t.levels()).containsExactly(new CacheTopology.Cache(1, 48 << 10, 1),
            new CacheTopology.Cache(2, 2 << 20, 1), new CacheTopology.Cache(3, 480L << 20, 2));
        assertThat(t.level(3)).map(CacheTopology.Cache::sharedBy).contains(2);
        assertThat(t.source()).isEqualTo(dir.toString());
    }

    @Test
    void anUnreadableOrMissingFolderGivesNothing(@TempDir Path dir) throws IOException {
        assertThat(CacheTopology.read(dir.resolve("absent"))).isEmpty();
        assertThat(CacheTopology.read(dir)).isEmpty();   // no index folders
        cache(dir, 0, 1, "Data", "lots", "0");
        assertThat(CacheTopology.read(dir)).isEmpty();   // a size it cannot read: not a partial picture
    }

    @Test
    void sizesAndCpuListsAsSysfsWritesThem() {
        assertThat(CacheTopology.parseSize("48K")).isEqualTo(48 << 10);
        assertThat(CacheTopology.parseSize("32M")).isEqualTo(32 << 20);
        assertThat(CacheTopology.parseSize("1G")).isEqualTo(1L << 30);
        assertThat(CacheTopology.parseSize("512")).isEqualTo(512);
        assertThat(CacheTopology.countCpus("0")).isEqualTo(1);
        assertThat(CacheTopology.countCpus("0-3,8-11")).isEqualTo(8);
        assertThat(CacheTopology.countCpus("0,2,4")).isEqualTo(3);
    }

    @Test
    void theAssumedTopologySaysSo() {
        CacheTopology t = CacheTopology.assumed(4);
        assertThat(t.source()).isEqualTo("assumed");
        assertThat(t.level(3)).map(CacheTopology.Cache::sharedBy).contains(4);
    }
}
