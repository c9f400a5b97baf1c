package dev.lanes.core.kernels;

import dev.lanes.core.data.ElementType;
import dev.lanes.core.data.F32Array;
import dev.lanes.core.data.F64Array;
import dev.lanes.core.data.I64Array;
import dev.lanes.core.data.Scalar;
import dev.lanes.core.data.Value;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.exec.HashOps;
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

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;

/**
 * SHA-256 of N independent fixed-size messages: the input array's bytes (elements in
 * little-endian order, as they lie in memory on x86 and ARM) cut into messages of
 * {@code message-bytes}; the output holds each message's digest as four big-endian i64
 * words. Task-parallel: threads take blocks of messages; no SIMD (one message's rounds are a
 * serial chain). No FLOP; bytes: the input read and the digests written.
 */
public final class Sha256Kernel implements Kernel {
    private static final int BYTES_PER_BLOCK = 1 << 20;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    @Override
    public String name() {
        return "sha256";
    }

    @Override
    public String summary() {
        return "SHA-256 of N fixed-size messages cut from an array's bytes (threads only: no SIMD applies)";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.optional("message-bytes", new ParamType.Size(1, Limits.MAX_ARRAY_LENGTH), 64L,
            "bytes per message: a multiple of the element size that divides the input's bytes"));
    }

    @Override
    public List<String> inputs() {
        return List.of("data");
    }

    @Override
    public Set<Backend> backends() {
        return Set.of(Backend.SCALAR, Backend.THREADS);
    }

    @Override
    public StageShape shape(Params params, List<DataShape> inputs) {
        DataShape data = Inputs.anyArray(inputs, 0, "data");
        long size = params.size("message-bytes");
        int element = data.type().bytes();
        if (size % element != 0) {
            throw new InvalidStageException("message-bytes", size + " is not a multiple of the " + element
                + "-byte elements of the " + data.type().label() + " input");
        }
        if (data.bytes() % size != 0) {
            throw new InvalidStageException("message-bytes", "the input's " + data.bytes() + " bytes are not a whole number of "
                + size + "-byte messages");
        }
        long messages = data.bytes() / size;
        if (4 * messages > Limits.MAX_ARRAY_LENGTH) {
            throw new InvalidStageException("message-bytes", messages + " messages would need " + 4 * messages
                + " digest words, more than the largest Java array; use longer messages");
        }
        DataShape out = DataShape.array(ElementType.I64, 4 * messages);
        // SHA-256 pads each message with 0x80, zeros and its 8-byte length to whole 64-byte blocks
        long blocks = messages * (size + 8 + 1 + 63) / 64;
        return new StageShape(out, new Work(messages, 0, data.bytes() + out.bytes(), Work.SHA256_BLOCK, blocks), out.bytes());
    }

    @Override
    public StageInstance bind(Params params, List<Value> inputs) {
        Value data = inputs.get(0);
        int size = (int) params.size("message-bytes");
        HashTask task = new HashTask(messages(data, size), size, (int) (data.length() * data.type().bytes() / size));
        Memo<long[]> expected = new Memo<>(() -> referenceDigests(data, size));
        return StageInstance.of(task, actual -> Check.of("every digest vs java.security.MessageDigest, messages that differ",
            Exact.differing(expected.get(), ((I64Array) actual).data(), 4), 0));
    }

    /** Message m of the array: its bytes as the elements lie in memory, little-endian. */
    static HashOps.Messages messages(Value data, int size) {
        return switch (data) {
            case I64Array a -> (m, into) -> {
                int first = m * (size / Long.BYTES);
                for (int k = 0; k < size / Long.BYTES; k++) {
                    LONG_LE.set(into, k * Long.BYTES, a.data()[first + k]);
                }
            };
            case F64Array a -> (m, into) -> {
                int first = m * (size / Double.BYTES);
                for (int k = 0; k < size / Double.BYTES; k++) {
                    LONG_LE.set(into, k * Double.BYTES, Double.doubleToRawLongBits(a.data()[first + k]));
                }
            };
            case F32Array a -> (m, into) -> {
                int first = m * (size / Float.BYTES);
                for (int k = 0; k < size / Float.BYTES; k++) {
                    INT_LE.set(into, k * Float.BYTES, Float.floatToRawIntBits(a.data()[first + k]));
                }
            };
            case Scalar s -> throw new IllegalArgumentException("sha256 hashes an array, not a scalar");
        };
    }

    /**
     * The reference: every digest by a fresh {@link MessageDigest} over bytes laid out another
     * way (each message's elements put into a little-endian ByteBuffer), so that a message
     * mixed up, cut wrongly or written to the wrong slot shows as a differing digest.
     */
    static long[] referenceDigests(Value data, int size) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
        int elements = size / data.type().bytes();
        int messages = (int) (data.length() / elements);
        ByteBuffer message = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        long[] digests = new long[4 * messages];
        for (int m = 0; m < messages; m++) {
            message.clear();
            switch (data) {
                case I64Array a -> message.asLongBuffer().put(a.data(), m * elements, elements);
                case F64Array a -> message.asDoubleBuffer().put(a.data(), m * elements, elements);
                case F32Array a -> message.asFloatBuffer().put(a.data(), m * elements, elements);
                case Scalar s -> throw new IllegalArgumentException("sha256 hashes an array, not a scalar");
            }
            ByteBuffer.wrap(sha.digest(message.array())).asLongBuffer().get(digests, 4 * m, 4);
        }
        return digests;
    }

    /** Blocks of messages, about 1 MiB of input each; digests into an array allocated once. */
    private static final class HashTask extends WriteTask<HashOps> {
        private final HashOps.Messages messages;
        private final int size;
        private final long[] out;

        HashTask(HashOps.Messages messages, int size, int count) {
            super(HashOps.class, count, Math.max(64, Math.ceilDiv(BYTES_PER_BLOCK / size, 64) * 64));
            this.messages = messages;
            this.size = size;
            this.out = new long[4 * count];
        }

        @Override
        public Void block(HashOps ops, int from, int to) {
            ops.sha256(messages, size, from, to, out);
            return null;
        }

        /** The digests of messages {@code [from, to)}: four longs each. */
        @Override
        public Written written(int from, int to) {
            return new Written(4L * from, 4L * to);
        }

        @Override
        public Value result(Void total) {
            return new I64Array(out);
        }
    }
}
