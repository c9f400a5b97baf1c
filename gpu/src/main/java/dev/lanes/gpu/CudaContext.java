package dev.lanes.gpu;

import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import jcuda.driver.CUjit_option;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;
import jcuda.driver.JITOptions;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Device 0's primary context and what hangs off it — one stream, the loaded PTX modules,
 * their functions — with the one-time costs of making them. Used on the {@link CudaThread}
 * only, where the context is current.
 */
final class CudaContext {
    private static final int JIT_LOG_BYTES = 16 * 1024;

    final CUdevice device = new CUdevice();
    final CUcontext context = new CUcontext();
    final CUstream stream = new CUstream();
    final int multiprocessors;
    /** Shared memory a block may use without opting in (48 KiB on every device since Kepler). */
    final int sharedPerBlock;
    final long contextNanos;
    private final Map<String, CUmodule> modules = new HashMap<>();
    private final Map<String, CUfunction> functions = new HashMap<>();
    /** Module name → nanoseconds the driver took to JIT-compile its PTX, in load order. */
    private final Map<String, Long> jitNanos = new LinkedHashMap<>();

    private CudaContext() {
        long start = System.nanoTime();
        JCudaDriver.setExceptionsEnabled(true);
        JCudaDriver.cuInit(0);
        JCudaDriver.cuDeviceGet(device, 0);
        JCudaDriver.cuDevicePrimaryCtxRetain(context, device);
        JCudaDriver.cuCtxSetCurrent(context);
        // Non-blocking: no implicit synchronisation with the legacy default stream.
        JCudaDriver.cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING);
        multiprocessors = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        sharedPerBlock = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK);
        contextNanos = System.nanoTime() - start;
    }

    /** Retains the primary context and makes it current on the calling thread (the CUDA thread). */
    static CudaContext open() {
        try {
            return new CudaContext();
        } catch (CudaException e) {
            throw new CudaFailure("could not open the CUDA context: " + e.getMessage(), e);
        }
    }

    private int attribute(int which) {
        int[] value = new int[1];
        JCudaDriver.cuDeviceGetAttribute(value, which, device);
        return value[0];
    }

    /** A kernel of a module, loading (and JIT-compiling) the module on first use. */
    CUfunction function(String module, String kernel) {
        String key = module + "/" + kernel;
        CUfunction f = functions.get(key);
        if (f == null) {
            f = new CUfunction();
            JCudaDriver.cuModuleGetFunction(f, module(module), kernel);
            functions.put(key, f);
        }
        return f;
    }

    private CUmodule module(String name) {
        CUmodule m = modules.get(name);
        if (m != null) {
            return m;
        }
        PtxModule ptx = PtxModule.load(name);
        m = new CUmodule();
        long start = System.nanoTime();
        try {
            JCudaDriver.cuModuleLoadDataEx(m, Pointer.to(ptx.image()), 0, new int[0], new Pointer());
        } catch (CudaException e) {
            throw new CudaFailure(loadFailure(name, e.getMessage(), jitErrorLog(ptx)), e);
        }
        jitNanos.put(name, System.nanoTime() - start);
        modules.put(name, m);
        return m;
    }

    /**
     * The JIT's error log for a module that did not load, from a second attempt that asks
     * for it (the first asks for nothing, so that no option can be what fails); empty if
     * even that says nothing.
     */
    private static String jitErrorLog(PtxModule ptx) {
        JITOptions options = new JITOptions();
        try {
            options.putInt(CUjit_option.CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES, JIT_LOG_BYTES);
            options.putBytes(CUjit_option.CU_JIT_ERROR_LOG_BUFFER, new byte[JIT_LOG_BYTES]);
            JCudaDriver.cuModuleLoadDataJIT(new CUmodule(), Pointer.to(ptx.image()), options);
            return "";
        } catch (CudaException e) {
            String log = options.getString(CUjit_option.CU_JIT_ERROR_LOG_BUFFER);
            return log == null ? "" : log;
        } catch (RuntimeException e) {
            return "";            // the log is a courtesy: never let it hide the first failure
        }
    }

    /** Why a module did not load: an old driver is named as such; otherwise the JIT's own log. */
    static String loadFailure(String module, String error, String jitLog) {
        String log = jitLog == null ? "" : jitLog.replace('\0', ' ').strip();
        if (error != null && error.contains(CUresult.stringFor(CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION))) {
            return "PTX module " + module + ": the driver is too old for this PTX (built by nvcc "
                + PtxModule.load(module).compilerVersion().orElse("?") + "); update the NVIDIA driver";
        }
        return "PTX module " + module + " did not load: " + error + (log.isEmpty() ? "" : " — " + log.lines().findFirst().orElse(log));
    }

    /** "context 120 ms, PTX JIT array_kernels 35 ms", for the report's one-time costs. */
    String oneTimeCosts() {
        StringBuilder text = new StringBuilder(String.format(java.util.Locale.ROOT, "context %.0f ms", contextNanos / 1e6));
        jitNanos.forEach((module, nanos) -> text.append(String.format(java.util.Locale.ROOT, ", PTX JIT %s %.0f ms", module, nanos / 1e6)));
        return text.toString();
    }

    void close() {
        for (CUmodule m : modules.values()) {
            JCudaDriver.cuModuleUnload(m);
        }
        modules.clear();
        functions.clear();
        JCudaDriver.cuStreamDestroy(stream);
        JCudaDriver.cuDevicePrimaryCtxRelease(device);
    }
}
