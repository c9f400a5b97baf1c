package dev.lanes.core.exec;

/** Chunk functions of the prefix-sum kernel: a block's total, then its running sums from an offset. */
public interface ScanOps {

    /** x[from] + … + x[to − 1], in any order, accumulated in f64. */
    double sum(double[] x, int from, int to);

    /** x[from] + … + x[to − 1], in any order (f32 partial sums over short runs), returned as f64. */
    double sum(float[] x, int from, int to);

    /**
     * out[i] = offset + (x[from] + … + x[i]) for every i in [from, to): the block's running sum
     * starts from zero, so its roundings are relative to the block's values, and the offset
     * (often much larger) is added once per element rather than carried through every add.
     */
    void scan(double[] x, int from, int to, double offset, double[] out);

    /** As for f64, with the running sum and the offset's addition in f32. */
    void scan(float[] x, int from, int to, float offset, float[] out);
}
