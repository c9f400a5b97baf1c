package dev.lanes.gpu;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parameter types of every kernel, read from the shipped PTX, so that a launch whose
 * arguments do not match — a parameter left out, two swapped — fails with both lists
 * instead of reading garbage on the device.
 */
final class KernelSignatures {
    private static final Map<String, List<String>> BY_KERNEL = new ConcurrentHashMap<>();

    private KernelSignatures() {
    }

    static List<String> of(String module, String kernel) {
        return BY_KERNEL.computeIfAbsent(module + "/" + kernel, k -> PtxModule.load(module).parameters(kernel));
    }

    static void check(String module, String kernel, KernelArgs args) {
        List<String> expected = of(module, kernel);
        if (!expected.equals(args.types())) {
            throw new IllegalStateException("kernel " + kernel + " takes " + expected + ", lanes passed " + args.types());
        }
    }
}
