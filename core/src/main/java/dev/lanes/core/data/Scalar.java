package dev.lanes.core.data;

/** A single number, e.g. a reduction's result. */
public record Scalar(double value) implements Value {

    @Override
    public double checksum() {
        return value;
    }

    @Override
    public long length() {
        return 1;
    }

    @Override
    public ElementType type() {
        return ElementType.F64;
    }

    @Override
    public String describe() {
        return Double.toString(value);
    }
}
