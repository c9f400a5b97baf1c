package dev.lanes.core.run;

import dev.lanes.core.exec.BackendChoice;
import dev.lanes.core.kernel.ParamSpec;
import dev.lanes.core.kernel.ParamType;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.spec.Stage;
import dev.lanes.core.spec.SweepPoint;
import dev.lanes.core.spec.Workload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a stage is at a sweep point, as a digest: its kernel, its parameters with the
 * point's values, the backend asked for, and the definitions of its inputs. Two results'
 * points are compared only where these agree: a spec edited between a baseline and a pull
 * request changes only the digests of the stages it touched.
 */
final class StageDefinitions {
    private StageDefinitions() {
    }

    /** @param files the contents of the data files read so far: a stage that reads a file is defined by it too */
    static String digest(Workload workload, SweepPoint point, Stage stage, BackendChoice requested, InputFiles files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(text(workload, point, stage, requested, files).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String text(Workload workload, SweepPoint point, Stage stage, BackendChoice requested, InputFiles files) {
        StringBuilder text = new StringBuilder(stage.kernel().name()).append('(');
        Params values = point.paramsFor(stage);
        Map<String, Object> params = new TreeMap<>(values.values());
        params.forEach((k, v) -> text.append(k).append('=').append(v).append(';'));
        for (ParamSpec spec : stage.kernel().params()) {
            if (spec.type() instanceof ParamType.FilePath && values.has(spec.name())) {
                text.append(spec.name()).append("#sha256=").append(files.sha256(values.text(spec.name()))).append(';');
            }
        }
        text.append(")@").append(requested == null ? "-" : requested.label()).append('[');
        for (String input : stage.inputs()) {
            Stage in = workload.stage(input).orElseThrow();
            text.append(text(workload, point, in, in.backend(), files)).append(',');
        }
        return text.append(']').toString();
    }
}
