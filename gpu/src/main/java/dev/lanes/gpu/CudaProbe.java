package dev.lanes.gpu;

import dev.lanes.core.exec.Availability;
import jcuda.CudaException;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

import java.nio.charset.StandardCharsets;

/**
 * Whether CUDA can be used here and, if not, why: the driver library loads, {@code cuInit}
 * succeeds, and there is at least one device. Loading JCuda's JNI library needs the
 * driver's {@code libcuda.so.1}; its absence is the usual "no GPU" on a CPU machine.
 */
final class CudaProbe {
    private CudaProbe() {
    }

    static Availability probe() {
        try {
            JCudaDriver.setExceptionsEnabled(false);
            int init = JCudaDriver.cuInit(0);
            if (init != CUresult.CUDA_SUCCESS) {
                return Availability.unavailable(initFailure(init));
            }
            int[] count = new int[1];
            int rc = JCudaDriver.cuDeviceGetCount(count);
            if (rc != CUresult.CUDA_SUCCESS) {
                return Availability.unavailable("cuDeviceGetCount failed: " + CUresult.stringFor(rc));
            }
            if (count[0] == 0) {
                return Availability.unavailable("the CUDA driver reports no device");
            }
            int[] driver = new int[1];
            JCudaDriver.cuDriverGetVersion(driver);
            String tooOld = driverTooOld(driver[0], PtxModule.load(PtxModule.ARRAY_KERNELS).toolkitVersion().orElse(0));
            if (tooOld != null) {
                return Availability.unavailable(tooOld);
            }
            return Availability.usable(describeDevice0(count[0]));
        } catch (UnsatisfiedLinkError e) {
            return Availability.unavailable(linkFailure(e.getMessage()));
        } catch (NoClassDefFoundError | ExceptionInInitializerError e) {
            return Availability.unavailable("JCuda failed to initialise: " + firstLine(String.valueOf(e)));
        } catch (CudaException e) {
            return Availability.unavailable("CUDA error: " + firstLine(e.getMessage()));
        } finally {
            try {
                JCudaDriver.setExceptionsEnabled(true);
            } catch (LinkageError ignored) {
                // JCuda never loaded; nothing to restore
            }
        }
    }

    /**
     * Why JCuda's native library did not load. JCuda's message is a page of nested stack
     * traces; the line that matters is the loader's last complaint, usually that the
     * driver's libcuda.so.1 is missing — the everyday "no GPU here".
     */
    static String linkFailure(String message) {
        String text = message == null ? "" : message;
        if (text.contains("libcuda.so.1: cannot open shared object file")) {
            return "no NVIDIA driver: JCuda's native library needs libcuda.so.1, which did not load";
        }
        String last = text.lines().filter(l -> l.contains("UnsatisfiedLinkError:")).reduce((a, b) -> b).orElse(firstLine(text));
        int at = last.indexOf("UnsatisfiedLinkError:");
        String detail = at >= 0 ? last.substring(at + "UnsatisfiedLinkError:".length()) : last;
        return "JCuda's native library did not load: " + detail.strip();
    }

    /**
     * Why a driver cannot run lanes' PTX, or null when it can: a driver JIT-compiles PTX
     * from its own CUDA release and older ones only (the load would fail with
     * CUDA_ERROR_UNSUPPORTED_PTX_VERSION, after {@code auto} had planned for the GPU).
     */
    static String driverTooOld(int driverVersion, int ptxToolkitVersion) {
        if (driverVersion >= ptxToolkitVersion) {
            return null;
        }
        return "the NVIDIA driver supports CUDA " + release(driverVersion) + ", older than the CUDA " + release(ptxToolkitVersion)
            + " that built lanes' PTX; update the driver";
    }

    private static String release(int version) {
        return version / 1000 + "." + version % 1000 / 10;
    }

    /** The reason for a failed {@code cuInit}, for the codes that mean "no usable GPU". */
    static String initFailure(int code) {
        return switch (code) {
            case CUresult.CUDA_ERROR_NO_DEVICE -> "no CUDA device (cuInit: CUDA_ERROR_NO_DEVICE)";
            case CUresult.CUDA_ERROR_NOT_INITIALIZED -> "the CUDA driver did not initialise (cuInit: CUDA_ERROR_NOT_INITIALIZED)";
            case 803 -> "the CUDA driver does not match the kernel module (cuInit: CUDA_ERROR_SYSTEM_DRIVER_MISMATCH)";
            case 804 -> "CUDA forward compatibility is not supported on this device (cuInit: CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE)";
            default -> "cuInit failed: " + CUresult.stringFor(code) + " (" + code + ")";
        };
    }

    private static String describeDevice0(int count) {
        CUdevice device = new CUdevice();
        JCudaDriver.cuDeviceGet(device, 0);
        byte[] name = new byte[256];
        JCudaDriver.cuDeviceGetName(name, name.length, device);
        int[] major = new int[1];
        int[] minor = new int[1];
        JCudaDriver.cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device);
        JCudaDriver.cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device);
        long[] memory = new long[1];
        JCudaDriver.cuDeviceTotalMem(memory, device);
        int[] driver = new int[1];
        JCudaDriver.cuDriverGetVersion(driver);
        String deviceName = new String(name, StandardCharsets.US_ASCII).trim().replace("\0", "");
        return deviceName + " (sm_" + major[0] + minor[0] + ", " + memory[0] / (1L << 30) + " GiB, driver CUDA "
            + driver[0] / 1000 + "." + driver[0] % 1000 / 10 + ")" + (count > 1 ? " + " + (count - 1) + " more" : "");
    }

    private static String firstLine(String text) {
        return text == null ? "no message" : text.lines().findFirst().orElse(text);
    }
}
