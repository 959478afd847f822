package io.netcap.decoder.stream;

/**
 * Sees the server bytes of one TCP conversation beside its stream decoder, whichever protocol was chosen
 * (docs/enrichment.md, "Service"): the service banners are taken from here.
 */
public interface ServerTap {
    /** The next server bytes in order; {@code b} is valid only during the call. */
    void data(byte[] b, int off, int len);

    /** The conversation ended; no further call. */
    void end(Conversation conversation);

    /** Opens the tap of a new TCP conversation, or returns null when it wants none. */
    @FunctionalInterface
    interface Factory {
        ServerTap open(Conversation conversation);
    }
}
