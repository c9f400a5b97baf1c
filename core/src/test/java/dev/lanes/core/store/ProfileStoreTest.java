package dev.lanes.core.store;

import dev.lanes.core.machine.MachineProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileStoreTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private static MachineProfile profile(String fingerprint, double gbps) {
        return new MachineProfile(MachineProfile.SCHEMA, fingerprint, "2026-11-25T00:00:00Z", "calibrate", 3.0, 2,
            12, 100, 200, 7, 110, 6.8, gbps, 2 * gbps, 1.5 * gbps, Map.of(2, 300.0), 32L << 20, null,
            Map.of("random-point/simd", 2e9), List.of());
    }

    @Test
    void aSavedProfileLoadsBack() {
        ProfileStore store = new ProfileStore(dir, warnings::add);
        store.save(profile("abc", 30));
        assertThat(store.load("abc")).contains(profile("abc", 30));
        assertThat(store.load("other")).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void corruptForeignOrMismatchedFilesAreIgnoredWithAWarning() throws Exception {
        ProfileStore store = new ProfileStore(dir, warnings::add);
        Files.writeString(store.fileFor("bad"), "{ this is not json");
        assertThat(store.load("bad")).isEmpty();
        Files.writeString(store.fileFor("foreign"), "{\"schema\": \"someone.else/3\", \"fingerprint\": \"foreign\"}");
        assertThat(store.load("foreign")).isEmpty();
        store.save(profile("mine", 30));
        Files.copy(store.fileFor("mine"), store.fileFor("theirs"));
        assertThat(store.load("theirs")).isEmpty();
        Files.writeString(store.fileFor("zero"), ProfileStore.toJson(profile("zero", 30)).replace("\"memoryGbpsAll\" : 60.0", "\"memoryGbpsAll\" : 0.0"));
        assertThat(store.load("zero")).isEmpty();
        assertThat(warnings).hasSize(4);
        assertThat(warnings.get(0)).contains("unreadable profile");
        assertThat(warnings.get(1)).contains("schema 'someone.else/3'");
        assertThat(warnings.get(2)).contains("another machine");
        assertThat(warnings.get(3)).contains("impossible figures");
    }

    @Test
    void concurrentWritersNeverLeaveAPartialFile() throws Exception {
        ProfileStore store = new ProfileStore(dir, warnings::add);
        store.save(profile("same", 1));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int writer = w;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    store.save(profile("same", 1 + writer * 100 + i));
                }
            }));
        }
        futures.add(pool.submit(() -> {
            for (int i = 0; i < 200; i++) {
                assertThat(store.load("same")).isPresent();
            }
        }));
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(warnings).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("profile-same.json");
        }
    }
}
