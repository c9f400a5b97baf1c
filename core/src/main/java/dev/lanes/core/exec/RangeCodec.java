package dev.lanes.core.exec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * Requests and replies as bytes, so the engine carries only byte arrays and what travelled
 * is counted exactly. Reading accepts lanes' request and reply records and what a partial
 * or a slice may be (boxed numbers, primitive arrays, a list of them) and nothing else:
 * Java deserialization of anything a peer sends is how clusters get taken over.
 */
public final class RangeCodec {
    static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config.createFilter(
        "maxdepth=8;maxrefs=10000000;" + RangeReply.class.getName() + ";" + RangeRequest.class.getName() + ";"
            + StageAddress.class.getName() + ";java.util.ArrayList;java.util.CollSer;java.util.ImmutableCollections$ListN;"
            + "java.util.ImmutableCollections$List12;java.lang.Number;java.lang.Double;"
            + "java.lang.Long;java.lang.Integer;java.lang.String;java.lang.Object;!*");

    private RangeCodec() {
    }

    public static byte[] encode(Object value) {
        // a reply's output part is most of its bytes: starting near its size spares the stream's doublings and copies
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value instanceof RangeReply r ? 1024 + sliceBytes(r.slice())
            : 1024);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot send " + value.getClass().getName() + ": " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static int sliceBytes(Object slice) {
        return switch (slice) {
            case float[] f -> 4 * f.length;
            case double[] d -> 8 * d.length;
            case long[] l -> 8 * l.length;
            case null, default -> 0;
        };
    }

    /** @throws IllegalArgumentException for bytes that are not a request or reply of this lanes, or hold other classes */
    public static <T> T decode(byte[] bytes, Class<T> type) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(ALLOWED);
            Object value = in.readObject();
            if (!type.isInstance(value)) {
                throw new IllegalArgumentException("expected a " + type.getSimpleName() + ", got a " + value.getClass().getName());
            }
            return type.cast(value);
        } catch (InvalidClassException e) {
            throw new IllegalArgumentException("refused to read it: it holds a class that is not one of lanes' request or "
                + "reply types (" + e.getMessage() + "; another lanes version?)", e);
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("unreadable " + type.getSimpleName() + ": " + e, e);
        }
    }
}
