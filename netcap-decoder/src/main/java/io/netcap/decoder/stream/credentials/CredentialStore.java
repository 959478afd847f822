package io.netcap.decoder.stream.credentials;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The capture-wide memory of credentials already written, shared by all workers, so a login repeated in
 * many connections is one record (the original's key: service, user and password; here also the notes, so
 * custom-regex matches, which have only notes, stay apart). Keys are kept as SHA-256 digests, so a long
 * password costs no more than a short one. Past the cap new combinations are still written but no longer
 * remembered: a flood of logins cannot exhaust memory, and no credential is lost, at the price of repeats.
 */
public final class CredentialStore {
    /** Combinations remembered per capture: about 100 bytes each. */
    public static final int MAX_REMEMBERED = 100_000;

    public enum Outcome { NEW, DUPLICATE, UNREMEMBERED }

    private final Set<ByteBuffer> seen = ConcurrentHashMap.newKeySet();
    private final int cap;

    public CredentialStore() {
        this(MAX_REMEMBERED);
    }

    public CredentialStore(int cap) {
        this.cap = cap;
    }

    /** Remembers a combination; says whether it is new. The cap may be passed by one entry per thread. */
    public Outcome offer(String service, String user, String password, String notes) {
        ByteBuffer key = digest(service, user, password, notes);
        if (seen.contains(key)) {
            return Outcome.DUPLICATE;
        }
        if (seen.size() >= cap) {
            return Outcome.UNREMEMBERED;
        }
        return seen.add(key) ? Outcome.NEW : Outcome.DUPLICATE;
    }

    public int size() {
        return seen.size();
    }

    private static ByteBuffer digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                sha.update(p.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0); // a separator no field of a text protocol line carries
            }
            return ByteBuffer.wrap(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
