package dev.lanes.core.data;

/** A dense array of f32. */
public record F32Array(float[] data) implements Value {

    @Override
    public double checksum() {
        double sum = 0;
        for (float v : data) {
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
        return ElementType.F32;
    }

    @Override
    public String describe() {
        return "f32[" + data.length + "]";
    }
}
