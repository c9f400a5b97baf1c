package dev.lanes.core.exec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The JDK's SHA-256 ({@link MessageDigest}, which HotSpot compiles to the CPU's SHA
 * instructions where it has them): one digest object and one message buffer per call, so
 * threads share nothing.
 */
final class ScalarHashOps implements HashOps {
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int DIGEST_BYTES = 32;

    @Override
    public void sha256(Messages messages, int messageBytes, int from, int to, long[] out) {
        MessageDigest sha = newSha256();
        byte[] message = new byte[messageBytes];
        byte[] digest = new byte[DIGEST_BYTES];
        try {
            for (int m = from; m < to; m++) {
                messages.copy(m, message);
                sha.update(message, 0, messageBytes);
                sha.digest(digest, 0, DIGEST_BYTES);
                for (int w = 0; w < 4; w++) {
                    out[4 * m + w] = (long) WORD.get(digest, 8 * w);
                }
            }
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 digest into a 32-byte buffer failed", e);
        }
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
