package dev.lanes.core.machine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The data caches the OS reports for the first CPU (Linux sysfs), smallest first: their
 * sizes are where calibration starts looking for each level's edge, not the edges themselves
 * (a VM may report its host's whole L3 and get a share of it).
 *
 * @param levels data and unified caches, by level
 * @param source where the sizes came from: the sysfs folder, or "assumed" where it could not be read
 */
public record CacheTopology(List<Cache> levels, String source) {

    /**
     * One cache level.
     *
     * @param level    1, 2, 3, …
     * @param bytes    the size of one instance
     * @param sharedBy how many CPUs share one instance (1: private to a core)
     */
    public record Cache(int level, long bytes, int sharedBy) {
    }

    private static final Path SYSFS = Path.of("/sys/devices/system/cpu/cpu0/cache");

    /** Sizes common to the x86 and Arm servers lanes meets, where the OS says nothing. */
    static CacheTopology assumed(int cores) {
        return new CacheTopology(List.of(new Cache(1, 32 << 10, 1), new Cache(2, 1 << 20, 1), new Cache(3, 32L << 20, cores)),
            "assumed");
    }

    public CacheTopology {
        levels = levels.stream().sorted(Comparator.comparingInt(Cache::level)).toList();
    }

    public static CacheTopology detect(int cores) {
        return read(SYSFS).orElseGet(() -> assumed(cores));
    }

    /** The caches described under a sysfs {@code cpuN/cache} folder; empty when it has none that can be read. */
    public static Optional<CacheTopology> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        List<Cache> caches = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path index : entries.filter(p -> p.getFileName().toString().startsWith("index")).sorted().toList()) {
                String type = Files.readString(index.resolve("type")).strip();
                if (type.equals("Instruction")) {
                    continue;
                }
                int level = Integer.parseInt(Files.readString(index.resolve("level")).strip());
                long bytes = parseSize(Files.readString(index.resolve("size")).strip());
                int sharedBy = countCpus(Files.readString(index.resolve("shared_cpu_list")).strip());
                caches.add(new Cache(level, bytes, sharedBy));
            }
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            return Optional.empty();   // a partial picture would place stages wrongly: the assumed one is said as such
        }
        if (caches.isEmpty() || caches.stream().anyMatch(c -> c.bytes() <= 0)) {
            return Optional.empty();
        }
        return Optional.of(new CacheTopology(caches, dir.toString()));
    }

    public Optional<Cache> level(int level) {
        return levels.stream().filter(c -> c.level() == level).findFirst();
    }

    /** "48K", "2048K", "480M" as sysfs writes them. */
    static long parseSize(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        long unit = t.endsWith("K") ? 1L << 10 : t.endsWith("M") ? 1L << 20 : t.endsWith("G") ? 1L << 30 : 1;
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        return Long.parseLong(digits) * unit;
    }

    /** "0", "0-1", "0-3,8-11": how many CPUs the list names. */
    static int countCpus(String list) {
        int count = 0;
        for (String part : list.split(",")) {
            String[] range = part.strip().split("-");
            count += range.length == 1 ? 1 : Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
        }
        return count;
    }
}
