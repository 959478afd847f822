package io.netcap.decoder.stream;

/**
 * Sees the bytes of one TCP or UDP conversation beside its stream decoder, whichever protocol was chosen
 * (docs/enrichment.md, "Service"): the service banners are taken from here.
 */
public interface ConversationTap {
    /** The next bytes of direction {@code d}, in order; {@code b} is valid only during the call. */
    void data(Direction d, byte[] b, int off, int len);

    /** The conversation ended; no further call. */
    void end(Conversation conversation);

    /** Opens the tap of a new conversation, or returns null when it wants none. */
    @FunctionalInterface
    interface Factory {
        ConversationTap open(Conversation conversation);
    }
}
