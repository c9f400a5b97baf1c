package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.I64Array;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.ArrayOps;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.BlockTask;
import dev.lanes.core.files.ArraySource;
import dev.lanes.core.files.CsvTable;
import dev.lanes.core.files.DataFileException;
import dev.lanes.core.files.Dtype;
import dev.lanes.core.files.NpyFile;
import dev.lanes.core.kernel.Check;
import dev.lanes.core.kernel.DataShape;
import dev.lanes.core.kernel.InvalidStageException;
import dev.lanes.core.kernel.Kernel;
import dev.lanes.core.kernel.Limits;
import dev.lanes.core.kernel.ParamSpec;
import dev.lanes.core.kernel.ParamType;
import dev.lanes.core.kernel.Params;
import dev.lanes.core.kernel.StageInstance;
import dev.lanes.core.kernel.StageShape;
import dev.lanes.core.kernel.Work;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Data from a file, as a source stage like {@code generate}: NumPy {@code .npy} (versions 1 to
 * 3, either byte order, C or Fortran order, f32/f64/i32/i64, i32 widened to i64), CSV (one
 * column or a matrix, read row by row) or raw little-endian binary of a declared type and
 * shape. The file is checked when the spec is (a bad one is exit 2 before anything runs), and
 * read by all threads straight from a memory mapping into the array the next stages take.
 */
public final class LoadKernel implements Kernel {
    private static final int BLOCK = 1 << 20;

    @Override
    public String name() {
        return "load";
    }

    @Override
    public String summary() {
        return "data from a file: NumPy .npy, CSV, or raw little-endian binary (memory-mapped, read by all threads)";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
            ParamSpec.required("file", new ParamType.FilePath(), "the file, relative to the spec's folder"),
            ParamSpec.optional("format", new ParamType.Choice(List.of("auto", "npy", "csv", "raw")), "auto",
                "auto: from the extension (.npy, .csv; raw needs saying)"),
            ParamSpec.optional("type", new ParamType.Choice(List.of("auto", "f64", "f32", "i64")), "auto",
                "element type: a .npy file's own (auto), CSV's f64 unless given, raw's must be given"),
            ParamSpec.optionalWithoutDefault("shape", new ParamType.SizeList(1, 1, Limits.MAX_ARRAY_LENGTH),
                "raw only: the dimensions; without it, one dimension of the whole file"),
            ParamSpec.optional("header", new ParamType.Choice(List.of("auto", "yes", "no")), "auto",
                "CSV only: whether the first row is a header (auto: when a cell of it is not a number)"));
    }

    @Override
    public List<String> inputs() {
        return List.of();
    }

    @Override
    public Set<Backend> backends() {
        return Set.of(Backend.THREADS);
    }

    @Override
    public boolean isSource() {
        return true;
    }

    /** What a file holds, checked: where its elements are, or, for CSV, the elements themselves. */
    private record Loaded(ElementType type, List<Long> shape, long fileDataBytes, ArraySource source, CsvTable table) {
        long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    @Override
    public StageShape shape(Params params, List<DataShape> inputs) {
        Loaded loaded = open(params);
        long n = loaded.elements();
        DataShape output = DataShape.of(loaded.type(), loaded.shape().isEmpty() ? List.of(1L) : loaded.shape());
        return new StageShape(output, new Work(n, 0, loaded.fileDataBytes() + output.bytes()).writing(output.bytes()), output.bytes());
    }

    @Override
    public StageInstance bind(Params params, List<Value> inputs) {
        Loaded loaded = open(params);
        Reader reader = new Reader(loaded);
        return new StageInstance() {
            @Override
            public BlockTask<?, ?> task() {
                return reader;
            }

            @Override
            public Check verify(Value actual) {
                return reader.verifySampled(actual);
            }
        };
    }

    /** Opens and checks the file; every problem is the stage's, on its 'file' parameter. */
    private static Loaded open(Params params) {
        Path file = Path.of(params.text("file"));
        String problem = NpyFile.problem(file);
        if (problem != null) {
            throw new InvalidStageException("file", file + ": " + problem);
        }
        try {
            Loaded loaded = switch (format(params, file)) {
                case "npy" -> npy(params, file);
                case "csv" -> csv(params, file);
                default -> raw(params, file);
            };
            if (loaded.elements() == 0) {
                throw new DataFileException("holds no elements (shape " + loaded.shape() + ")");
            }
            if (loaded.elements() > Limits.MAX_ARRAY_LENGTH) {
                throw new DataFileException("holds " + loaded.elements() + " elements, more than a Java array holds ("
                    + Limits.MAX_ARRAY_LENGTH + ")");
            }
            return loaded;
        } catch (DataFileException e) {
            throw new InvalidStageException("file", file + ": " + e.getMessage());
        }
    }

    private static String format(Params params, Path file) {
        String format = params.choice("format");
        if (!format.equals("auto")) {
            return format;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            return "npy";
        }
        if (name.endsWith(".csv")) {
            return "csv";
        }
        throw new InvalidStageException("format", "cannot tell the format of " + file.getFileName()
            + " from its name; say format: npy, csv or raw");
    }

    private static Loaded npy(Params params, Path file) {
        NpyFile npy = NpyFile.open(file);
        Dtype dtype = npy.header().dtype();
        String asked = params.choice("type");
        if (!asked.equals("auto") && !asked.equals(dtype.elementType().label())) {
            throw new DataFileException("holds " + dtype + " (read as " + dtype.elementType().label() + "), not the "
                + asked + " that type: asks for; drop type: or convert the file");
        }
        return new Loaded(dtype.elementType(), npy.header().shape(), npy.header().dataBytes(),
            new ArraySource(file, npy.header().dataOffset(), dtype, npy.header().shape(), npy.header().fortranOrder()), null);
    }

    private static Loaded csv(Params params, Path file) {
        String asked = params.choice("type");
        ElementType type = asked.equals("auto") ? ElementType.F64 : ElementType.valueOf(asked.toUpperCase(Locale.ROOT));
        CsvTable table = CsvCache.read(file, type, CsvTable.Header.valueOf(params.choice("header").toUpperCase(Locale.ROOT)));
        return new Loaded(type, table.shape(), size(file), null, table);
    }

    private static Loaded raw(Params params, Path file) {
        String asked = params.choice("type");
        if (asked.equals("auto")) {
            throw new InvalidStageException("type", "raw data needs its type: f64, f32 or i64");
        }
        ElementType type = ElementType.valueOf(asked.toUpperCase(Locale.ROOT));
        long bytes = size(file);
        List<Long> shape = params.has("shape") ? params.sizes("shape") : List.of(bytes / type.bytes());
        long needed = Math.multiplyExact(shape.stream().reduce(1L, Math::multiplyExact), (long) type.bytes());
        if (needed != bytes) {
            throw new DataFileException("holds " + bytes + " bytes, but shape " + shape + " of " + type.label() + " needs "
                + needed + (needed > bytes ? ": truncated" : ": the shape does not describe the file"));
        }
        return new Loaded(type, shape, bytes, new ArraySource(file, 0, Dtype.of(type), shape, false), null);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new DataFileException("cannot read: " + e.getMessage());
        }
    }

    /** Reads its array block by block (a block maps the file itself), allocated once at bind time. */
    private static final class Reader extends MapTask {
        private final Loaded loaded;
        private final Object array;

        Reader(Loaded loaded) {
            super((int) loaded.elements(), BLOCK);
            this.loaded = loaded;
            // a CSV's numbers are copied too: a stage that works in place (axpy) must not change the parsed table
            this.array = loaded.table() != null ? java.lang.reflect.Array.newInstance(
                loaded.table().values().getClass().getComponentType(), (int) loaded.elements())
                : loaded.source().allocate();
        }

        @Override
        public Void block(ArrayOps ops, int from, int to) {
            if (loaded.table() != null) {
                System.arraycopy(loaded.table().values(), from, array, from, to - from);
            } else {
                loaded.source().read(array, from, from, to);
            }
            return null;
        }

        @Override
        public Value result(Void total) {
            return switch (loaded.type()) {
                case F64 -> new F64Array((double[]) array);
                case F32 -> new F32Array((float[]) array);
                case I64 -> new I64Array((long[]) array);
            };
        }

        /** Rereads the first, the last and 1024 pseudo-random elements one by one; they must match exactly. */
        Check verifySampled(Value actual) {
            int n = length();
            int checks = SampledIndices.count(n);
            int wrong = 0;
            Object one = loaded.table() != null ? null : java.lang.reflect.Array.newInstance(
                array.getClass().getComponentType(), 1);
            for (int k = 0; k < checks; k++) {
                int i = SampledIndices.at(k, n, 0x10AD);
                boolean same;
                if (one != null) {
                    loaded.source().read(one, 0, i, i + 1);
                    same = sameElement(one, 0, actual, i);
                } else {
                    same = sameElement(loaded.table().values(), i, actual, i);
                }
                if (!same) {
                    wrong++;
                }
            }
            return Check.of(checks + " sampled elements reread from the file, mismatches", wrong, 0);
        }

        private static boolean sameElement(Object expected, int at, Value actual, int i) {
            return switch (actual) {
                case F64Array a -> Double.doubleToLongBits(((double[]) expected)[at]) == Double.doubleToLongBits(a.data()[i]);
                case F32Array a -> Float.floatToIntBits(((float[]) expected)[at]) == Float.floatToIntBits(a.data()[i]);
                case I64Array a -> ((long[]) expected)[at] == a.data()[i];
                default -> false;
            };
        }
    }
}
