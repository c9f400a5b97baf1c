package dev.lanes.core.files;

import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.I64Array;
import dev.lanes.core.data.Scalar;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** .npy files: every header version, both byte orders, C and Fortran order, and every way a file can be wrong. */
class NpyFilesTest {
    @TempDir
    Path dir;

    /** A .npy file as NumPy lays it out: magic, version, header length, the dict, then the data. */
    static byte[] npy(int major, String dict, byte[] data) {
        byte[] text = (dict + "\n").getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int prefix = major == 1 ? 10 : 12;
        ByteBuffer b = ByteBuffer.allocate(prefix + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyHeader.MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) text.length);
        } else {
            b.putInt(text.length);
        }
        return b.put(text).put(data).array();
    }

    static byte[] doubles(ByteOrder order, double... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(order);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static double[] read(NpyFile f) {
        NpyHeader h = f.header();
        ArraySource source = new ArraySource(f.path(), h.dataOffset(), h.dtype(), h.shape(), h.fortranOrder());
        double[] out = (double[]) source.allocate();
        source.read(out, 0, 0, out.length);
        return out;
    }

    @Test
    void everyHeaderVersionAndByteOrderReads() throws IOException {
        for (int major = 1; major <= 3; major++) {
            for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
                String descr = order == ByteOrder.LITTLE_ENDIAN ? "<f8" : ">f8";
                Path p = file("v" + major + descr.charAt(0) + ".npy", npy(major,
                    "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (3,), }", doubles(order, 1.5, -2, 3e300)));
                NpyFile f = NpyFile.open(p);
                assertThat(f.header().major()).isEqualTo(major);
                assertThat(f.header().shape()).containsExactly(3L);
                assertThat(read(f)).containsExactly(1.5, -2, 3e300);
            }
        }
    }

    @Test
    void aFortranOrderMatrixIsReadInCOrder() throws IOException {
        // the 2 x 3 matrix [[1, 2, 3], [4, 5, 6]] stored column by column
        Path p = file("f.npy", npy(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }",
            doubles(ByteOrder.LITTLE_ENDIAN, 1, 4, 2, 5, 3, 6)));
        assertThat(read(NpyFile.open(p))).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void aThreeDimensionalFortranArrayIsTransposedToCOrder() throws IOException {
        int[] n = {2, 3, 4};
        double[] fortran = new double[24];
        double[] c = new double[24];
        for (int i = 0; i < n[0]; i++) {
            for (int j = 0; j < n[1]; j++) {
                for (int k = 0; k < n[2]; k++) {
                    double v = 100 * i + 10 * j + k;
                    fortran[i + n[0] * (j + n[1] * k)] = v;
                    c[(i * n[1] + j) * n[2] + k] = v;
                }
            }
        }
        Path p = file("f3.npy", npy(2, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3, 4), }",
            doubles(ByteOrder.LITTLE_ENDIAN, fortran)));
        NpyFile f = NpyFile.open(p);
        ArraySource source = new ArraySource(p, f.header().dataOffset(), f.header().dtype(), f.header().shape(), true);
        double[] out = new double[24];
        source.read(out, 0, 0, 11);                       // two blocks that split the array mid-row
        source.read(out, 11, 11, 24);
        assertThat(out).containsExactly(c);
    }

    @Test
    void int32IsWidenedExactly() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(12).order(ByteOrder.BIG_ENDIAN).putInt(Integer.MIN_VALUE).putInt(-1).putInt(7);
        NpyFile f = NpyFile.open(file("i.npy", npy(1, "{'descr': '>i4', 'fortran_order': False, 'shape': (3,), }",
            data.array())));
        NpyHeader h = f.header();
        ArraySource source = new ArraySource(f.path(), h.dataOffset(), h.dtype(), h.shape(), false);
        long[] out = (long[]) source.allocate();
        source.read(out, 0, 0, 3);
        assertThat(out).containsExactly(Integer.MIN_VALUE, -1, 7);
    }

    private String refusal(String name, byte[] bytes) throws IOException {
        Path p = file(name, bytes);
        DataFileException e = catchThrowableOfType(DataFileException.class, () -> NpyFile.open(p));
        assertThat(e).as(name).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n");
        return e.getMessage();
    }

    @Test
    void badFilesAreRefusedWithWhatIsWrong() throws IOException {
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }";
        assertThat(refusal("short.npy", npy(1, header, doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3))))
            .isEqualTo("truncated: shape (4,) of <f8 needs 32 bytes of data, the file holds 24");
        assertThat(refusal("long.npy", npy(1, header, doubles(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5))))
            .contains("the header says shape (4,) of <f8 (32 bytes of data) but the file holds 40");
        assertThat(refusal("pickle.npy", npy(1, "{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", new byte[16])))
            .contains("Python objects (a pickled array, which lanes never unpickles)");
        assertThat(refusal("complex.npy", npy(1, "{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }",
            new byte[16]))).contains("complex numbers");
        assertThat(refusal("struct.npy", npy(1, "{'descr': [('x', '<f8'), ('y', '<i4')], 'fortran_order': False, "
            + "'shape': (1,), }", new byte[12]))).contains("a structured dtype");
        assertThat(refusal("empty.npy", new byte[0])).isEqualTo("is empty, not a .npy file");
        assertThat(refusal("text.npy", "hello, this is not numpy".getBytes(StandardCharsets.UTF_8)))
            .contains("not a .npy file");
        assertThat(refusal("cut.npy", java.util.Arrays.copyOf(npy(1, header, new byte[32]), 30)))
            .startsWith("truncated");
        assertThat(refusal("evil.npy", npy(1, "__import__('os').system('true')", new byte[0])))
            .contains("not a Python dict literal");
    }

    @Property(tries = 60)
    void whatTheWriterWritesReadsBackBitForBit(@ForAll @IntRange(min = 0, max = 300) int length,
                                               @ForAll @IntRange(min = 0, max = 3) int kind) throws IOException {
        Path dir = Files.createTempDirectory("lanes-npy");
        try {
            Random random = new Random(length * 31L + kind);
            Path p = dir.resolve("out.npy");
            int n = Math.max(1, length);
            switch (kind) {
                case 0 -> {
                    double[] v = random.doubles(n).map(x -> x * 1e6 - 5e5).toArray();
                    NpyWriter.write(p, new F64Array(v));
                    assertThat(read(NpyFile.open(p))).containsExactly(v);
                }
                case 1 -> {
                    float[] v = new float[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = random.nextFloat() - 0.5f;
                    }
                    NpyWriter.write(p, new F32Array(v));
                    NpyFile f = NpyFile.open(p);
                    ArraySource s = new ArraySource(p, f.header().dataOffset(), f.header().dtype(), f.header().shape(), false);
                    float[] back = (float[]) s.allocate();
                    s.read(back, 0, 0, n);
                    assertThat(back).containsExactly(v);
                }
                case 2 -> {
                    long[] v = random.longs(n).toArray();
                    NpyWriter.write(p, new I64Array(v));
                    NpyFile f = NpyFile.open(p);
                    ArraySource s = new ArraySource(p, f.header().dataOffset(), f.header().dtype(), f.header().shape(), false);
                    long[] back = (long[]) s.allocate();
                    s.read(back, 0, 0, n);
                    assertThat(back).containsExactly(v);
                }
                default -> {
                    NpyWriter.write(p, new Scalar(length / 7.0));
                    NpyFile f = NpyFile.open(p);
                    assertThat(f.header().shape()).isEmpty();
                    assertThat(read(f)).containsExactly(length / 7.0);
                }
            }
            assertThat(NpyFile.open(p).header().dataOffset() % 64).as("data aligned").isZero();
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }
}
