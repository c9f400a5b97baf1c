package dev.lanes.core.data;

/** A dense array of i64: keys to sort, counts, digest words. */
public record I64Array(long[] data) implements Value {

    @Override
    public double checksum() {
        // Wrapping sum, so every element changes it; as a double only for the report.
        long sum = 0;
        for (long v : data) {
            sum += v;
        }
        return sum;
    }

    @Override
    public long length() {
        return data.length;
    }

    @Override
    public ElementType type() {
        return ElementType.I64;
    }

    @Override
    public String describe() {
        return "i64[" + data.length + "]";
    }
}
