package dev.lanes.core.plan;

import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.kernel.Work;
import dev.lanes.core.spec.Stage;

import java.util.Map;
import java.util.Set;

/**
 * The bytes a device stage copies: its inputs to the device, less those a previous device
 * stage left there, and its output back.
 *
 * @param inputBytes  host→device bytes
 * @param outputBytes device→host bytes
 */
public record DeviceTraffic(double inputBytes, double outputBytes) {

    /** Every byte the stage moves comes from the host; nothing goes back (a reduction's scalar). */
    public static DeviceTraffic allFromHost(Work work) {
        return new DeviceTraffic(work.bytesMoved(), 0);
    }

    /**
     * A stage's copies: what it reads less its output comes in, except the outputs of the
     * stages in {@code onDevice}; its output goes back.
     */
    public static DeviceTraffic of(Stage stage, Map<String, StageShape> shapes, Set<String> onDevice) {
        StageShape shape = shapes.get(stage.id());
        double output = shape.output().bytes();
        double input = Math.max(0, shape.work().bytesMoved() - output);
        for (String id : stage.inputs()) {
            if (onDevice.contains(id)) {
                input = Math.max(0, input - shapes.get(id).output().bytes());
            }
        }
        return new DeviceTraffic(input, output);
    }
}
