package dev.lanes.core.run;

import dev.lanes.core.spec.Settings;

/** Which spec a result belongs to and the settings it ran with. */
public record WorkloadInfo(String name, String source, String digest, boolean quick, Settings settings) {
}
