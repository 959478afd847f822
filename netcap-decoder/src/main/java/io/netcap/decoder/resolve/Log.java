package io.netcap.decoder.resolve;

/** Where a resolver reports, once at start, what it loaded or why it stays empty. */
@FunctionalInterface
public interface Log {
    Log NONE = line -> {};

    void line(String text);

    /** The suffix that names skipped entries, or "" for none. */
    static String skipped(long n) {
        return n == 0 ? "" : " (" + n + " malformed or over the cap, skipped)";
    }
}
