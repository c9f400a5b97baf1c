package dev.lanes.core.kernels;

/** An element-wise task: blocks write their part of an array and yield no partial. */
abstract class MapTask extends ArrayTask<Void> {

    MapTask(int length, int blockSize) {
        super(length, blockSize);
    }

    @Override
    public final Void identity() {
        return null;
    }

    @Override
    public final Void combine(Void left, Void right) {
        return null;
    }
}
