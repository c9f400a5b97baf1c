package dev.lanes.core.files;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header of a NumPy {@code .npy} file, versions 1.0, 2.0 and 3.0: the magic, the header's
 * length (2 bytes in 1.0, 4 after), and a Python dict literal with {@code descr},
 * {@code fortran_order} and {@code shape}. Only that dict's grammar is parsed, never evaluated.
 *
 * @param shape      the array's dimensions; empty for a 0-d array (one element)
 * @param dataOffset where the elements start
 */
public record NpyHeader(int major, int minor, Dtype dtype, boolean fortranOrder, List<Long> shape, long dataOffset) {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    public NpyHeader {
        shape = List.copyOf(shape);
    }

    /** Elements the shape holds. */
    public long elements() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Bytes of data the shape and dtype need. */
    public long dataBytes() {
        return Math.multiplyExact(elements(), (long) dtype.itemBytes());
    }

    /** e.g. "(1000, 3)", as NumPy prints a shape. */
    public String shapeText() {
        return shape.size() == 1 ? "(" + shape.get(0) + ",)"
            : "(" + String.join(", ", shape.stream().map(String::valueOf).toList()) + ")";
    }

    /**
     * Reads the header from the file's first bytes ({@code start} holds at least the first
     * 12, and all of the header when there are that many).
     *
     * @param fileBytes the file's size, to refuse a header that runs past the end
     */
    public static NpyHeader parse(ByteBuffer start, long fileBytes) {
        ByteBuffer b = start.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (fileBytes == 0) {
            throw new DataFileException("is empty, not a .npy file");
        }
        if (b.remaining() < 10) {
            throw new DataFileException("truncated: " + fileBytes + " bytes, shorter than a .npy header");
        }
        for (byte m : MAGIC) {
            if (b.get() != m) {
                throw new DataFileException("not a .npy file (it does not start with \\x93NUMPY)");
            }
        }
        int major = Byte.toUnsignedInt(b.get());
        int minor = Byte.toUnsignedInt(b.get());
        if (major < 1 || major > 3) {
            throw new DataFileException(".npy format version " + major + "." + minor + "; lanes reads 1.0, 2.0 and 3.0");
        }
        if (major > 1 && b.remaining() < 4) {
            throw new DataFileException("truncated inside the .npy header");
        }
        long headerLength = major == 1 ? Short.toUnsignedInt(b.getShort()) : Integer.toUnsignedLong(b.getInt());
        long dataOffset = b.position() + headerLength;
        if (dataOffset > fileBytes || headerLength > b.remaining()) {
            throw new DataFileException("truncated: the header says it is " + headerLength + " bytes long, the file ends first");
        }
        byte[] text = new byte[(int) headerLength];
        b.get(text);
        String dict = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();
        return fromDict(major, minor, dict, dataOffset);
    }

    private static NpyHeader fromDict(int major, int minor, String dict, long dataOffset) {
        PyLiteral.Dict d = PyLiteral.dict(dict);
        Object descr = d.required("descr");
        if (descr instanceof List<?>) {
            throw new DataFileException("a structured dtype " + dict + "; lanes reads plain f32, f64, i32 and i64 arrays");
        }
        if (!(descr instanceof String descrText)) {
            throw new DataFileException("header: 'descr' is not a dtype string: " + dict);
        }
        Dtype dtype = Dtype.parse(descrText);
        if (!(d.required("fortran_order") instanceof Boolean fortran)) {
            throw new DataFileException("header: 'fortran_order' is not True or False: " + dict);
        }
        if (!(d.required("shape") instanceof List<?> dims)) {
            throw new DataFileException("header: 'shape' is not a tuple: " + dict);
        }
        List<Long> shape = new ArrayList<>();
        for (Object dim : dims) {
            if (!(dim instanceof Long n) || n < 0) {
                throw new DataFileException("header: shape " + dims + " holds something that is not a size");
            }
            shape.add(n);
        }
        return new NpyHeader(major, minor, dtype, fortran, shape, dataOffset);
    }
}
