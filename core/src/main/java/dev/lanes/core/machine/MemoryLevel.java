package dev.lanes.core.machine;

/**
 * One level of the memory hierarchy as calibration measured it, with the kernels' own code:
 * a read stream is a sum of squares, a read-write stream an axpy (two reads and one write,
 * 24 bytes counted per element). Bandwidths are 10^9 bytes per second.
 *
 * @param name            "L1", "L2", "L3" or "memory"
 * @param bytes           the largest working set held at this level: per core for a private
 *                        level, for the whole machine for a shared one; 0 for memory (no limit)
 * @param shared          whether the cores share it (L3, memory): then all threads together are
 *                        capped by {@code readAllGbps}; a private level's bandwidth grows with the threads
 * @param probeBytes      the working set the figures were measured at (all threads together for the all-thread figures)
 * @param scalarReadGbps  one thread, the scalar backend
 * @param simdReadGbps    one thread, the SIMD backend; 0 when SIMD is unusable
 * @param readAllGbps     all threads, the best inner backend
 * @param scalarTriadGbps one thread, the scalar backend
 * @param simdTriadGbps   one thread, the SIMD backend; 0 when SIMD is unusable
 * @param triadAllGbps    all threads, the best inner backend
 */
public record MemoryLevel(String name, long bytes, boolean shared, long probeBytes, double scalarReadGbps,
                          double simdReadGbps, double readAllGbps, double scalarTriadGbps, double simdTriadGbps,
                          double triadAllGbps) {

    public static final String MEMORY = "memory";

    /** Whether a working set of {@code bytes} over {@code threads} threads is held here. */
    public boolean holds(double workingSetBytes, int threads) {
        if (bytes == 0) {
            return true;
        }
        double perCore = shared ? workingSetBytes : workingSetBytes / Math.max(1, threads);
        return perCore <= bytes;
    }

    /**
     * The bandwidth a stream reaches here on {@code cores} cores: one thread's figure times the
     * cores, capped by what all threads together measured.
     *
     * @param writes whether the stream writes (an axpy's pattern) rather than only reading
     */
    public double gbps(boolean simd, boolean writes, int cores) {
        double perThread = writes ? (simd ? simdTriadGbps : scalarTriadGbps) : (simd ? simdReadGbps : scalarReadGbps);
        double all = writes ? triadAllGbps : readAllGbps;
        return cores <= 1 ? perThread : Math.min(perThread * cores, Math.max(all, perThread));
    }
}
