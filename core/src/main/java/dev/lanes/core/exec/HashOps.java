package dev.lanes.core.exec;

/**
 * Chunk functions of the hashing kernel: many independent messages, one digest each. There
 * is nothing to vectorise across a message (SHA-256's rounds are a serial chain), so the
 * work is spread by messages over threads.
 */
public interface HashOps {

    /** Copies message {@code m}'s bytes into {@code into[0, messageBytes)}. */
    @FunctionalInterface
    interface Messages {
        void copy(int m, byte[] into);
    }

    /**
     * SHA-256 of messages {@code [from, to)}, each {@code messageBytes} long; message m's
     * digest goes to {@code out[4m, 4m + 4)} as four big-endian 64-bit words.
     */
    void sha256(Messages messages, int messageBytes, int from, int to, long[] out);
}
