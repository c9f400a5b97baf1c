package dev.lanes.core.files;

import dev.lanes.core.data.ElementType;

import java.nio.ByteOrder;
import java.util.Locale;

/**
 * A NumPy dtype lanes reads: f32, f64, i32 or i64, either byte order. i32 data is widened to
 * i64 as it is read (lanes' integer kernels take i64), exactly.
 *
 * @param itemBytes bytes per element in the file
 */
public record Dtype(char kind, int itemBytes, ByteOrder order) {

    /** The type the data has once read: i32 becomes i64. */
    public ElementType elementType() {
        return kind == 'f' ? (itemBytes == 4 ? ElementType.F32 : ElementType.F64) : ElementType.I64;
    }

    /** e.g. "<f8", as NumPy writes it. */
    public String descr() {
        return (order == ByteOrder.LITTLE_ENDIAN ? "<" : ">") + kind + itemBytes;
    }

    /** The dtype of lanes' own type, little-endian: what {@link NpyWriter} writes. */
    public static Dtype of(ElementType type) {
        return switch (type) {
            case F32 -> new Dtype('f', 4, ByteOrder.LITTLE_ENDIAN);
            case F64 -> new Dtype('f', 8, ByteOrder.LITTLE_ENDIAN);
            case I64 -> new Dtype('i', 8, ByteOrder.LITTLE_ENDIAN);
        };
    }

    /**
     * Parses a descr such as {@code '<f8'}; refuses every other kind with what it is: complex,
     * object (a pickle, never unpickled), strings, booleans, unsigned and other widths.
     */
    public static Dtype parse(String descr) {
        if (descr.length() < 2) {
            throw new DataFileException("unsupported dtype '" + descr + "'");
        }
        char orderChar = descr.charAt(0);
        char kind = descr.charAt(1);
        String width = descr.substring(2);
        String what = switch (kind) {
            case 'c' -> "complex numbers";
            case 'O' -> "Python objects (a pickled array, which lanes never unpickles)";
            case 'U', 'S', 'a' -> "strings";
            case 'b' -> "booleans";
            case 'u' -> "unsigned integers";
            case 'V' -> "raw or structured records";
            case 'M', 'm' -> "dates or times";
            default -> null;
        };
        if (what != null) {
            throw new DataFileException("dtype '" + descr + "' holds " + what + "; lanes reads f32, f64, i32 and i64");
        }
        boolean known = kind == 'f' && (width.equals("4") || width.equals("8")) || kind == 'i' && (width.equals("4")
            || width.equals("8"));
        if (!known) {
            throw new DataFileException("dtype '" + descr + "' is not one lanes reads (f32, f64, i32, i64)");
        }
        ByteOrder order = switch (orderChar) {
            case '<', '=' -> ByteOrder.LITTLE_ENDIAN;     // '=' is the writer's native order; NumPy writes '<' or '>'
            case '>' -> ByteOrder.BIG_ENDIAN;
            case '|' -> throw new DataFileException("dtype '" + descr + "': no byte order for a multi-byte type");
            default -> throw new DataFileException("dtype '" + descr + "': unknown byte order '" + orderChar + "'");
        };
        return new Dtype(kind, Integer.parseInt(width), order);
    }

    @Override
    public String toString() {
        return descr().toLowerCase(Locale.ROOT);
    }
}
