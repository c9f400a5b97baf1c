package dev.lanes.core.plan;

import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.spec.Stage;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which stages' data a device holds as a sweep point runs, the one rule the planner (to
 * estimate) and the runner (to measure) both follow: after a device stage, the device holds
 * its output and the inputs it read, so the next device stage neither copies them nor is
 * charged for them; a stage on the CPU may write arrays the device holds, so it ends every
 * copy: data stays on the device between consecutive device stages only.
 */
public final class DeviceResidency {
    private final Set<String> onDevice = new HashSet<>();

    /** The bytes a device implementation of this stage copies, given what the device holds now. */
    public DeviceTraffic traffic(Stage stage, Map<String, StageShape> shapes) {
        return DeviceTraffic.of(stage, shapes, onDevice);
    }

    /**
     * A device stage ran.
     *
     * @param inputsKept whether the device kept the inputs it copied (a session that can hold them)
     */
    public void ranOnDevice(Stage stage, boolean inputsKept) {
        onDevice.add(stage.id());
        if (inputsKept) {
            onDevice.addAll(stage.inputs());
        }
    }

    /** Something ran on the CPU: the device's copies are no longer trusted. */
    public void ranOnHost() {
        onDevice.clear();
    }
}
