package io.netcap.decoder.stream.credentials;

import io.netcap.decoder.Digests;
import io.netcap.types.Credentials;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The capture-wide de-duplication of credentials, shared by all workers, so a login repeated in many
 * connections is one record (the original's key: service, user and password; here also the notes, so
 * custom-regex matches, which have only notes, stay apart).
 *
 * <p>Of the repeats the earliest (by timestamp, then flow) is kept and written when the capture ends
 * ({@link #drain}), so the record does not depend on which worker found its login first: N workers give the
 * records of one (docs/engine.md). Keys are SHA-256 digests. Past the cap a new combination is not kept but
 * written at once ({@link Outcome#UNREMEMBERED}): memory stays bounded and no credential is lost, at the price
 * of repeats.
 */
public final class CredentialStore {
    /** Combinations kept per capture: a key and a small record each, a few hundred bytes. */
    public static final int MAX_REMEMBERED = 100_000;

    public enum Outcome { NEW, DUPLICATE, UNREMEMBERED }

    /** Earliest first; the key's fields break no tie (they are equal within a key) but order the output. */
    static final Comparator<Credentials> EARLIEST = Comparator.comparingLong(Credentials::getTimestamp)
            .thenComparing(Credentials::getFlow).thenComparing(Credentials::getService)
            .thenComparing(Credentials::getUser).thenComparing(Credentials::getPassword)
            .thenComparing(Credentials::getNotes);

    private final ConcurrentHashMap<ByteBuffer, Credentials> kept = new ConcurrentHashMap<>();
    private final int cap;

    public CredentialStore() {
        this(MAX_REMEMBERED);
    }

    public CredentialStore(int cap) {
        this.cap = cap;
    }

    /** Keeps a credential unless an earlier one of its key is kept. The cap may be passed by one per thread. */
    public Outcome offer(Credentials c) {
        ByteBuffer key = digest(c.getService(), c.getUser(), c.getPassword(), c.getNotes());
        if (!kept.containsKey(key) && kept.size() >= cap) {
            return Outcome.UNREMEMBERED;
        }
        boolean[] fresh = {false};
        kept.compute(key, (k, old) -> {
            if (old == null) {
                fresh[0] = true;
                return c;
            }
            return EARLIEST.compare(c, old) < 0 ? c : old;
        });
        return fresh[0] ? Outcome.NEW : Outcome.DUPLICATE;
    }

    public int size() {
        return kept.size();
    }

    /** The credentials kept, earliest first, and forgets them; once every worker is done. */
    public List<Credentials> drain() {
        List<Credentials> all = new ArrayList<>(kept.values());
        kept.clear();
        all.sort(EARLIEST);
        return all;
    }

    private static ByteBuffer digest(String... parts) {
        MessageDigest sha = SHA256.get();
        for (String p : parts) {
            sha.update(p.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0); // a separator no field of a text protocol line carries
        }
        return ByteBuffer.wrap(sha.digest());
    }

    private static final ThreadLocal<MessageDigest> SHA256 = Digests.perThread("SHA-256");
}
