package io.netcap.decoder;

import io.netcap.packet.layer.LayerKind;
import io.netcap.packet.layer.ParseError;
import java.util.EnumMap;
import java.util.Map;

/** Malformed packets counted by {@link ParseError.Kind}, plus decoder failures. One per worker; merge at the end. */
public final class ErrorCounts {
    private static final ParseError.Kind[] KINDS = ParseError.Kind.values();
    private final long[] counts = new long[KINDS.length];
    private long decoderFailures;
    private String lastFailureKind = "";
    private String lastFailure = "";

    public void count(ParseError error) {
        counts[error.kind().ordinal()]++;
    }

    /**
     * A decoder of {@code layer} threw on input the parser accepted (a bug, counted rather than propagated);
     * reported as {@code DECODER_FAILURE_<LAYER>}, as the application decoders' guard names its failures.
     */
    public void decoderFailure(LayerKind layer, RuntimeException e) {
        decoderFailures++;
        lastFailureKind = "DECODER_FAILURE_" + layer.name();
        lastFailure = failure(layer.layerName(), e);
    }

    /** The reason of a decoder failure as errors.log shows it: the decoder, the exception and where it was thrown. */
    public static String failure(String decoder, RuntimeException e) {
        StackTraceElement[] at = e.getStackTrace();
        return decoder + " decoder failed: " + e
                + (at.length > 0 ? " at " + at[0].getFileName() + ":" + at[0].getLineNumber() : "");
    }

    /** The error kind of the latest decoder failure ({@code DECODER_FAILURE_<LAYER>}), empty before any. */
    public String lastFailureKind() {
        return lastFailureKind;
    }

    /** What the latest decoder failure was and where it happened. */
    public String lastFailure() {
        return lastFailure;
    }

    public long count(ParseError.Kind kind) {
        return counts[kind.ordinal()];
    }

    public long decoderFailures() {
        return decoderFailures;
    }

    public long total() {
        long t = decoderFailures;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    /** Non-zero counts by kind, in declaration order. */
    public Map<ParseError.Kind, Long> byKind() {
        Map<ParseError.Kind, Long> m = new EnumMap<>(ParseError.Kind.class);
        for (ParseError.Kind k : KINDS) {
            if (counts[k.ordinal()] != 0) {
                m.put(k, counts[k.ordinal()]);
            }
        }
        return m;
    }

    public void addAll(ErrorCounts other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        decoderFailures += other.decoderFailures;
    }

    @Override
    public String toString() {
        return "ErrorCounts" + byKind() + (decoderFailures == 0 ? "" : " decoderFailures=" + decoderFailures);
    }
}
