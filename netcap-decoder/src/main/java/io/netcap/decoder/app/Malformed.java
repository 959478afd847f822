package io.netcap.decoder.app;

/**
 * Control-flow signal of the bounds-checked readers ({@link ByteReader}): the input is shorter or
 * otherwise inconsistent — expected with hostile traffic, unlike a {@link RuntimeException}, which is a
 * decoder bug ({@link DecoderGuard}). Carries the error name only; no stack trace is filled in because
 * hostile input makes it frequent. It never leaves a decoder's public entry point: the decoder hands it
 * to {@link AppErrors#reject} and returns null.
 */
public final class Malformed extends Exception {
    private final String reason;

    public Malformed(String reason) {
        super(reason, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
