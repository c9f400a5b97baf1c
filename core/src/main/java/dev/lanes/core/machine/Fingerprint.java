package dev.lanes.core.machine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A short hash of what a calibration depends on: CPU, core count, SIMD width, JVM and GPU. */
public final class Fingerprint {
    private Fingerprint() {
    }

    public static String of(MachineInfo m) {
        return of(m.cpuModel(), m.cores(), m.simd().detail(), m.jvmVendor(), m.jvmVersion(),
            m.gpu().usable() ? m.gpu().detail() : null);
    }

    /** @param gpu the usable GPU's detail, {@code null} without one */
    public static String of(String cpuModel, int cores, String simdDetail, String jvmVendor, String jvmVersion, String gpu) {
        String text = String.join("|", cpuModel, Integer.toString(cores), simdDetail, jvmVendor, jvmVersion,
            gpu != null ? gpu : "no-gpu");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
