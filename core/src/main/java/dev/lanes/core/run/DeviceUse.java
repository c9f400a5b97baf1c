package dev.lanes.core.run;

import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.DeviceSession;
import dev.lanes.core.exec.Implementation;
import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.plan.DeviceResidency;
import dev.lanes.core.plan.DeviceTraffic;
import dev.lanes.core.spec.Stage;

import java.util.Map;

/**
 * The device's part in one sweep point: its session, and which stages' data it holds by the
 * rule the planner follows too ({@link DeviceResidency}), applied per execution here: any
 * execution on the CPU may write arrays the device holds (outputs are reused across
 * implementations, axpy updates its input), so one ends the device's copies.
 */
final class DeviceUse {
    private final DeviceResidency residency = new DeviceResidency();
    private DeviceSession session;
    private boolean costsReported;

    /** The bytes a device implementation of this stage copies, given what the device already holds. */
    DeviceTraffic traffic(Stage stage, Map<String, StageShape> shapes) {
        return residency.traffic(stage, shapes);
    }

    /** Before an implementation runs: a CPU one ends the device's copies. */
    void beforeMeasuring(Implementation impl) {
        if (impl.backend() == Backend.GPU) {
            session = impl.inner().device().orElse(session);     // none: the sampler reports it, naming the stage
        } else if (session != null) {
            session.hostDataChanged();
            residency.ranOnHost();
        }
    }

    /**
     * Records what the device now holds after a measurement of the stage.
     *
     * @param reported whether the measurement becomes a result (trials do not)
     * @return the device's one-time costs, the first time a reported measurement ran on it; else null
     */
    String afterMeasuring(Stage stage, Implementation impl, boolean reported) {
        if (impl.backend() != Backend.GPU) {
            return null;
        }
        if (session != null) {
            session.keepInputs();
        }
        residency.ranOnDevice(stage, session != null);
        if (!reported || costsReported || session == null) {
            return null;
        }
        costsReported = true;
        String costs = session.oneTimeCosts();
        return costs.isEmpty() ? null : "one-time device costs, not in the samples: " + costs;
    }

    /** Frees what the device holds of this point's data. */
    void release() {
        if (session != null) {
            session.release();
        }
        residency.ranOnHost();
    }
}
