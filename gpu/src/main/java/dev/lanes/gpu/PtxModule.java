package dev.lanes.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PTX module built from {@code gpu/src/main/cuda/NAME.cu} by {@code gpu/build-ptx.sh} and
 * shipped in the jar under {@code dev/lanes/gpu/ptx/NAME.ptx}: its text, its kernels, and
 * the NUL-terminated image {@code cuModuleLoadDataEx} takes. The driver JIT-compiles the
 * PTX for whatever GPU it finds, so one file serves every architecture from sm_75 up.
 */
record PtxModule(String name, String text) {
    /** Sum of squares, dot, axpy, row sums of squares, Monte Carlo π, and the calibration kernels. */
    static final String ARRAY_KERNELS = "array_kernels";
    /** Tiled matrix products with bias and ReLU (matmul, mlp-forward). */
    static final String DENSE_KERNELS = "dense_kernels";
    /** 2-D stencils and histograms. */
    static final String IMAGE_KERNELS = "image_kernels";
    /** The parts of a training step around its products: packing, softmax, bias and ReLU gradients, the update. */
    static final String TRAINING_KERNELS = "training_kernels";
    static final List<String> ALL = List.of(ARRAY_KERNELS, DENSE_KERNELS, IMAGE_KERNELS, TRAINING_KERNELS);

    private static final Pattern ENTRY = Pattern.compile("^\\.visible \\.entry (\\w+)\\(", Pattern.MULTILINE);
    private static final Pattern RELEASE = Pattern.compile("^// Cuda compilation tools, release [0-9.]+, (V[0-9.]+)$", Pattern.MULTILINE);
    private static final Pattern TOOLKIT = Pattern.compile("^// Cuda compilation tools, release (\\d+)\\.(\\d+),", Pattern.MULTILINE);
    private static final Pattern TARGET = Pattern.compile("^\\.target (\\w+)$", Pattern.MULTILINE);

    /** Reads a module from the jar; a missing one means a build that skipped its resources. */
    static PtxModule load(String name) {
        String path = "/dev/lanes/gpu/ptx/" + name + ".ptx";
        try (InputStream in = PtxModule.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("PTX module " + path + " is not in the jar (gpu/build-ptx.sh makes it)");
            }
            return new PtxModule(name, new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException("PTX module " + path + " could not be read: " + e.getMessage(), e);
        }
    }

    /** The kernels the module defines, in file order. */
    List<String> entries() {
        List<String> names = new ArrayList<>();
        Matcher m = ENTRY.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static final Pattern PARAM = Pattern.compile("\\.param \\.(\\w+) ");

    /**
     * The PTX types of a kernel's parameters in order ("u64" for pointers and 64-bit
     * integers, "u32", "f32", "f64"): what a launch must pass.
     */
    List<String> parameters(String kernel) {
        Matcher entry = Pattern.compile("^\\.visible \\.entry " + Pattern.quote(kernel) + "\\(([^)]*)\\)", Pattern.MULTILINE).matcher(text);
        if (!entry.find()) {
            throw new IllegalArgumentException("PTX module " + name + " has no kernel " + kernel);
        }
        List<String> types = new ArrayList<>();
        Matcher param = PARAM.matcher(entry.group(1));
        while (param.find()) {
            types.add(param.group(1));
        }
        return types;
    }

    /** The nvcc build that wrote it, e.g. "V13.0.88", from the PTX header. */
    Optional<String> compilerVersion() {
        Matcher m = RELEASE.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * The CUDA release of the nvcc that wrote it, as the driver API numbers versions
     * (13.0 → 13000): a driver older than that cannot JIT-compile the PTX.
     */
    Optional<Integer> toolkitVersion() {
        Matcher m = TOOLKIT.matcher(text);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1)) * 1000 + Integer.parseInt(m.group(2)) * 10) : Optional.empty();
    }

    /** The virtual architecture, e.g. "sm_75". */
    Optional<String> target() {
        Matcher m = TARGET.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The bytes for {@code cuModuleLoadDataEx}: PTX text must end with a NUL. */
    byte[] image() {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        byte[] image = new byte[ascii.length + 1];
        System.arraycopy(ascii, 0, image, 0, ascii.length);
        return image;
    }
}
