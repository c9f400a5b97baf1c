package dev.lanes.core.spec;

import dev.lanes.core.kernel.DataShape;
import dev.lanes.core.kernel.InvalidStageException;
import dev.lanes.core.kernel.StageShape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sizes of every stage at one sweep point, computed from the kernels' shape functions. */
public final class WorkloadShapes {
    private WorkloadShapes() {
    }

    /** A stage whose kernel refused its parameters or inputs at a point. */
    public static final class Refused extends RuntimeException {
        private final Stage stage;
        private final InvalidStageException cause;

        Refused(Stage stage, InvalidStageException cause) {
            super(cause.getMessage(), cause);
            this.stage = stage;
            this.cause = cause;
        }

        public Stage stage() {
            return stage;
        }

        public InvalidStageException refusal() {
            return cause;
        }
    }

    /** Shapes by stage id, in stage order. */
    public static Map<String, StageShape> at(Workload workload, SweepPoint point) {
        Map<String, StageShape> shapes = new LinkedHashMap<>();
        for (Stage stage : workload.stages()) {
            List<DataShape> inputs = new ArrayList<>();
            for (String input : stage.inputs()) {
                inputs.add(shapes.get(input).output());
            }
            try {
                shapes.put(stage.id(), stage.kernel().shape(point.paramsFor(stage), inputs));
            } catch (InvalidStageException e) {
                throw new Refused(stage, e);
            }
        }
        return shapes;
    }

    /** The element type a stage computes in: its first input's, or its own output's for a source. */
    public static dev.lanes.core.data.ElementType elementType(Stage stage, Map<String, StageShape> shapes) {
        return stage.inputs().isEmpty() ? shapes.get(stage.id()).output().type()
            : shapes.get(stage.inputs().get(0)).output().type();
    }

    /** Bytes the data of one point occupies: every array a stage allocates. */
    public static long dataBytes(Map<String, StageShape> shapes) {
        long total = 0;
        for (StageShape shape : shapes.values()) {
            total += shape.allocatedBytes();
        }
        return total;
    }
}
