package dev.lanes.core;

/** A performance gate found a regression (or, as told, a noisy or inconclusive point). Exit code 1. */
public class GateFailedException extends LanesException {
    public GateFailedException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return ExitCodes.GATE_FAILED;
    }
}
