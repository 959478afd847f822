package io.netcap.decoder.app;

import io.netcap.decoder.AppDecoding;
import io.netcap.decoder.ErrorCounts;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dispatch boundary of the application decoders, which tells two kinds of trouble apart:
 * <ul>
 *   <li><b>rejected input</b>: a message or one of its records is truncated or inconsistent. The decoder
 *   signals it with the checked {@link Malformed} and hands it to {@link AppErrors#reject}; the guard
 *   reports every rejected record of the layer as {@code MALFORMED_<PROTOCOL>} (an EAPOL-Key body
 *   rejected inside a decoded EAPOL frame too, as {@code MALFORMED_EAPOL_KEY});</li>
 *   <li><b>internal failure</b>: a {@link RuntimeException} escaped a decoder, i.e. a bug. Decoders do
 *   not catch it; the caller of the decoder catches it and hands it to {@link #failed}, which counts it
 *   per protocol and reports it as {@code DECODER_FAILURE_<PROTOCOL>}.</li>
 * </ul>
 * Both reach the engine's error counts (summary.json {@code errors}) and, with {@code -log-errors},
 * errors.pcap. One guard per worker: not thread-safe.
 */
public final class DecoderGuard {
    public static final String MALFORMED = "MALFORMED_";
    public static final String FAILURE = "DECODER_FAILURE_";

    /**
     * Records rejected on one thread since the guard last looked. Decoders are static and know no guard,
     * so {@link AppErrors#reject} notes here; bounded, because direct calls (tests) never clear it.
     */
    static final class Rejections {
        static final ThreadLocal<Rejections> CURRENT = ThreadLocal.withInitial(Rejections::new);
        static final int KEPT = 64;

        final String[] protocols = new String[KEPT];
        final String[] reasons = new String[KEPT];
        int kept;
        /** Rejections beyond {@link #KEPT}: still reported, under the layer's protocol. */
        int overflow;

        void note(String protocol, String reason) {
            if (kept < KEPT) {
                protocols[kept] = protocol;
                reasons[kept++] = reason;
            } else {
                overflow++;
            }
        }

        void clear() {
            kept = 0;
            overflow = 0;
        }
    }

    private final Map<String, Long> failures = new TreeMap<>();
    private Thread owner;
    private Rejections rejections;

    /** This thread's rejections; one thread-local lookup per change of thread, not per message. */
    private Rejections rejections() {
        Thread t = Thread.currentThread();
        if (t != owner) {
            owner = t;
            rejections = Rejections.CURRENT.get();
        }
        return rejections;
    }

    /** Before a decoder runs: forgets what earlier decoder calls on this thread rejected. */
    public void begin() {
        rejections().clear();
    }

    /**
     * After the decoder of {@code protocol} returned: reports every record it rejected, and a non-empty
     * message that yielded no record ({@code decoded} false) even if no decoder said why.
     */
    public void end(String protocol, String layerName, int len, boolean decoded, AppDecoding.Errors errors) {
        Rejections r = rejections();
        if (len == 0) {
            r.clear();
            return;
        }
        if (r.kept == 0 && !decoded) {
            errors.error(MALFORMED + protocol, layerName + " message could not be decoded");
        }
        for (int i = 0; i < r.kept; i++) {
            String what = r.protocols[i].equals(protocol) ? "" : " " + r.protocols[i] + " record";
            errors.error(MALFORMED + r.protocols[i], layerName + " message" + what + " could not be decoded: "
                    + r.reasons[i]);
        }
        for (int i = 0; i < r.overflow; i++) {
            errors.error(MALFORMED + protocol, layerName + " message could not be decoded");
        }
        r.clear();
    }

    /** A decoder of {@code protocol} threw: an internal failure, counted and reported; its records are dropped. */
    public void failed(String protocol, RuntimeException e, AppDecoding.Errors errors) {
        failures.merge(protocol, 1L, Long::sum);
        rejections().clear();
        errors.error(FAILURE + protocol, ErrorCounts.failure(protocol, e));
    }

    /** Internal failures of one protocol so far. */
    public long failures(String protocol) {
        return failures.getOrDefault(protocol, 0L);
    }

    /** Internal failures of all protocols so far. */
    public long failures() {
        long n = 0;
        for (long v : failures.values()) {
            n += v;
        }
        return n;
    }
}
