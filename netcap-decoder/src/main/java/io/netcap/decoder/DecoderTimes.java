package io.netcap.decoder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The timing gauges of the Prometheus metrics (docs/scale-out.md, "Prometheus"): how long a recent call of each
 * decoder took, as the original's {@code nc_gopacket_decoder_time}, {@code nc_custom_decoder_time},
 * {@code nc_tcp_stream_decode_time} and {@code nc_reassembly_time} report it ("ns of last call"). Off unless metrics
 * are served; then each worker times the first call of a site and one in {@link #SAMPLE} after it, as reading the
 * clock costs more than many a decoder's call. Shared by the workers (the gauges are the process's, as the original's).
 */
public final class DecoderTimes {
    /** Calls per timed call of one site. */
    public static final int SAMPLE = 256;

    /** What was timed, and the gauge that shows it. */
    public enum Kind {
        LAYER("nc_gopacket_decoder_time"),
        CUSTOM("nc_custom_decoder_time"),
        STREAM("nc_tcp_stream_decode_time"),
        REASSEMBLY("nc_reassembly_time");

        private final String metric;

        Kind(String metric) {
            this.metric = metric;
        }

        public String metric() {
            return metric;
        }
    }

    private static volatile boolean on;
    @SuppressWarnings("unchecked")
    private static final Map<String, AtomicLong>[] LAST = new Map[Kind.values().length];

    static {
        for (Kind k : Kind.values()) {
            LAST[k.ordinal()] = new ConcurrentHashMap<>();
        }
    }

    private DecoderTimes() {}

    /** Starts (or stops) the timing; the last values stay readable. */
    public static void enable(boolean enabled) {
        on = enabled;
    }

    /** Records that the call of {@code decoder} took {@code nanos}. */
    public static void record(Kind kind, String decoder, long nanos) {
        AtomicLong last = LAST[kind.ordinal()].get(decoder);
        if (last == null) {
            last = LAST[kind.ordinal()].computeIfAbsent(decoder, d -> new AtomicLong());
        }
        last.set(nanos);
    }

    /** The last time of each decoder of {@code kind}, in nanoseconds, by name. */
    public static Map<String, Long> last(Kind kind) {
        Map<String, Long> m = new TreeMap<>();
        LAST[kind.ordinal()].forEach((d, t) -> m.put(d, t.get()));
        return m;
    }

    /** One call site's choice of the calls it times; one per site and worker (not thread-safe). */
    public static final class Sampler {
        private int calls;

        /** Whether to time this call: the first and then one in {@link #SAMPLE}, while timing is on. */
        public boolean next() {
            return on && (calls++ & (SAMPLE - 1)) == 0;
        }
    }
}
