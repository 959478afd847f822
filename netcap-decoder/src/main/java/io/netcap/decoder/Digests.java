package io.netcap.decoder;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Message digests of the algorithms every Java platform has (MD5, SHA-1, SHA-256): new, or one per thread. */
public final class Digests {
    private Digests() {}

    /** A new digest of {@code algorithm}, for a caller that keeps its own. */
    public static MessageDigest of(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java platform", e);
        }
    }

    /** One digest of {@code algorithm} per thread: looking an algorithm up costs more than hashing a short key. */
    public static ThreadLocal<MessageDigest> perThread(String algorithm) {
        return ThreadLocal.withInitial(() -> of(algorithm));
    }
}
