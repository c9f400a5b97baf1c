package dev.lanes.core.exec;

import dev.lanes.core.data.Value;
import dev.lanes.core.machine.MachineProfile;

/**
 * What a device backend (the GPU) needs from the runner around its executions, which the
 * CPU backends do not: a device works asynchronously, keeps its own copies of data, and
 * times itself.
 *
 * <p>The runner calls {@link #begin} before and {@link #end} after each timed execution, so
 * a sample covers the copies in, the kernels and the copies back. Data a device stage wrote
 * or read stays on the device for the next device stage ({@link #keepInputs}), until
 * {@link #hostDataChanged} or {@link #release}.
 */
public interface DeviceSession {

    /** Starts one execution's timeline. */
    void begin();

    /**
     * Waits for the device, copies back whatever of {@code output} only the device holds,
     * and returns where the execution's time went.
     */
    DevicePhases end(Value output);

    /**
     * A stage's measurements are over: what its last execution copied in stays on the device
     * (beside what its kernels wrote), so the next device stage reads those arrays without a
     * copy. During the stage every sample copied its inputs in, as a whole offload does.
     */
    void keepInputs();

    /**
     * The host may have written arrays the device holds copies of (an in-place task was reset
     * or run on the CPU): those copies are no longer trusted.
     */
    void hostDataChanged();

    /** Frees the device's copies of this sweep point's data. */
    void release();

    /** One-time costs paid so far (context creation, PTX JIT), for the report; empty when none. */
    String oneTimeCosts();

    /** Measures the device's ceilings for the cost model; {@code quick} measures less, for the quick calibration. */
    GpuProfile calibrate(boolean quick);
}
