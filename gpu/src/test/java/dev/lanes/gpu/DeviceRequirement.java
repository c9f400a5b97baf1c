package dev.lanes.gpu;

import dev.lanes.core.exec.Availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Device tests skip, with the probe's reason, where there is no GPU — except where
 * {@code LANES_REQUIRE_GPU=1}: on the lent GPU machines ({@code gpu/device-run.sh test}) and
 * in the JVM of {@link EmulatedDriverTest}, a missing GPU is a failure, not a quiet pass.
 */
final class DeviceRequirement {
    private DeviceRequirement() {
    }

    static void assumeDevice(Availability gpu) {
        if ("1".equals(System.getenv("LANES_REQUIRE_GPU"))) {
            assertThat(gpu.usable()).as("LANES_REQUIRE_GPU=1 but the GPU is unusable: " + gpu.detail()).isTrue();
        }
        assumeTrue(gpu.usable(), "no usable GPU here: " + gpu.detail());
    }
}
