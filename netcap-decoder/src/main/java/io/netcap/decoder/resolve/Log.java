package io.netcap.decoder.resolve;

/** Where a resolver reports, once at start, what it loaded or why it stays empty. */
@FunctionalInterface
public interface Log {
    Log NONE = line -> {};

    void line(String text);

    /**
     * What a decoder needs could not be loaded (a database missing or unreadable): a line like the others, which
     * {@code -ignore-init-errors=false} turns into the end of the run before the first packet.
     */
    default void problem(String text) {
        line(text);
    }

    /** The suffix that names skipped entries, or "" for none. */
    static String skipped(long n) {
        return n == 0 ? "" : " (" + n + " malformed or over the cap, skipped)";
    }
}
