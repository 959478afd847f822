package io.netcap.cli.sensor;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netcap.types.Batch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * One sensor datagram (docs/scale-out.md, "Datagram"): the agent's public key (32 bytes), a random
 * nonce (24), then the NaCl box of the gzip of a serialized {@link Batch}.
 */
public final class SensorDatagram {
    static final int KEY_AT = 0;
    static final int NONCE_AT = KEY_AT + Sodium.PUBLIC_KEY_BYTES;
    static final int BOX_AT = NONCE_AT + Sodium.NONCE_BYTES;
    /** The shortest datagram that can hold a box. */
    public static final int MIN_LENGTH = BOX_AT + Sodium.MAC_BYTES;
    /** The largest UDP payload over IPv4. */
    public static final int MAX_LENGTH = 65507;
    /** A batch inflates to at most this: a small datagram must not become a large allocation. */
    static final int MAX_PLAIN = 16 << 20;

    private SensorDatagram() {}

    public static byte[] seal(Batch batch, byte[] agentPublic, byte[] agentSecret, byte[] serverPublic, Sodium sodium) {
        byte[] nonce = sodium.randomBytes(Sodium.NONCE_BYTES);
        byte[] box = sodium.box(gzip(batch.toByteArray()), nonce, serverPublic, agentSecret);
        byte[] out = new byte[BOX_AT + box.length];
        System.arraycopy(agentPublic, 0, out, KEY_AT, Sodium.PUBLIC_KEY_BYTES);
        System.arraycopy(nonce, 0, out, NONCE_AT, Sodium.NONCE_BYTES);
        System.arraycopy(box, 0, out, BOX_AT, box.length);
        return out;
    }

    /** Why a datagram is dropped. */
    public enum Rejection { TRUNCATED, FORGED, REPLAYED, GARBLED, BAD_CLIENT }

    /** An opened datagram: the batch, or why there is none; the nonce for replay checks. */
    public record Opened(Batch batch, Rejection rejection, byte[] nonce) {}

    /** Opens a datagram; a replayed nonce is the caller's to detect (after authentication). */
    public static Opened open(byte[] buf, int len, byte[] serverSecret, Sodium sodium) {
        if (len < MIN_LENGTH) {
            return new Opened(null, Rejection.TRUNCATED, null);
        }
        byte[] sender = Arrays.copyOfRange(buf, KEY_AT, KEY_AT + Sodium.PUBLIC_KEY_BYTES);
        byte[] nonce = Arrays.copyOfRange(buf, NONCE_AT, NONCE_AT + Sodium.NONCE_BYTES);
        byte[] plain = sodium.open(buf, BOX_AT, len - BOX_AT, nonce, sender, serverSecret);
        if (plain == null) {
            // a cut datagram fails authentication like a forged one; both are counted as forged
            return new Opened(null, Rejection.FORGED, nonce);
        }
        try {
            return new Opened(Batch.parseFrom(gunzip(plain)), null, nonce);
        } catch (IOException e) {
            return new Opened(null, Rejection.GARBLED, nonce);
        }
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] data) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            byte[] out = in.readNBytes(MAX_PLAIN + 1);
            if (out.length > MAX_PLAIN) {
                throw new InvalidProtocolBufferException("batch inflates beyond " + MAX_PLAIN + " bytes");
            }
            return out;
        }
    }
}
