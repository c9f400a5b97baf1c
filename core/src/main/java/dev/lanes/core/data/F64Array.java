package dev.lanes.core.data;

/** A dense array of f64. */
public record F64Array(double[] data) implements Value {

    @Override
    public double checksum() {
        double sum = 0;
        for (double v : data) {
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
        return ElementType.F64;
    }

    @Override
    public String describe() {
        return "f64[" + data.length + "]";
    }
}
