package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.files.DataFileException;
import dev.lanes.core.files.NpyFile;
import dev.lanes.core.files.NpzArchive;
import dev.lanes.core.kernel.InvalidStageException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A network's weights and biases from an {@code .npz} archive, as {@code numpy.savez(file,
 * w0=..., b0=..., w1=..., b1=...)} writes them: {@code w<l>} of widths[l] × widths[l+1] and
 * {@code b<l>} of widths[l+1] (or 1 × widths[l+1]), of the network's type; checked whole.
 */
record MlpWeights(Matrix[] weights, Matrix[] biases) {

    static MlpWeights load(String file, int[] widths, ElementType type) {
        Path path = Path.of(file);
        String problem = NpyFile.problem(path);
        if (problem != null) {
            throw new InvalidStageException("weights", path + ": " + problem);
        }
        Map<String, NpzArchive.Array> arrays;
        try {
            arrays = NpzArchive.read(path);
        } catch (DataFileException e) {
            throw new InvalidStageException("weights", path + ": " + e.getMessage());
        }
        int layers = widths.length - 1;
        Matrix[] w = new Matrix[layers];
        Matrix[] b = new Matrix[layers];
        for (int l = 0; l < layers; l++) {
            w[l] = matrix(path, arrays, "w" + l, List.of((long) widths[l], (long) widths[l + 1]), type);
            NpzArchive.Array bias = arrays.get("b" + l);
            List<Long> want = bias != null && bias.shape().size() == 2 ? List.of(1L, (long) widths[l + 1])
                : List.of((long) widths[l + 1]);
            b[l] = matrix(path, arrays, "b" + l, want, type);
        }
        return new MlpWeights(w, b);
    }

    private static Matrix matrix(Path path, Map<String, NpzArchive.Array> arrays, String name, List<Long> shape,
                                 ElementType type) {
        NpzArchive.Array a = arrays.get(name);
        if (a == null) {
            throw new InvalidStageException("weights", path + ": no array '" + name + "' (it holds " + arrays.keySet()
                + "; layer l needs w<l> and b<l>)");
        }
        if (!a.shape().equals(shape)) {
            throw new InvalidStageException("weights", path + ": " + name + " has shape " + a.shape() + ", the layers need "
                + shape);
        }
        if (a.type() != type) {
            throw new InvalidStageException("weights", path + ": " + name + " is " + a.type().label() + ", the network is "
                + type.label());
        }
        int rows = shape.size() == 2 ? shape.get(0).intValue() : 1;
        int cols = shape.getLast().intValue();
        return type == ElementType.F32 ? new Matrix(rows, cols, (float[]) a.values(), null)
            : new Matrix(rows, cols, null, (double[]) a.values());
    }
}
