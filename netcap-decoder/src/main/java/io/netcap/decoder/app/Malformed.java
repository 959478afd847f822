package io.netcap.decoder.app;

/**
 * Control-flow signal of the bounds-checked readers: the input is shorter or otherwise inconsistent.
 * Carries the error name only; no stack trace is filled in because hostile input makes it frequent.
 * It never leaves a decoder's public entry point.
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
