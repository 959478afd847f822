package io.netcap.decoder.stream;

/**
 * Plays a fuzz input as a conversation: records of one control byte (bit 7: server, bits 0-6: length; 0xff: a
 * gap of the next byte's value in the server's direction, 0xfe: in the client's) and that many payload bytes,
 * as {@code HttpFuzzTest} reads its inputs.
 */
public final class FuzzConversation {
    private FuzzConversation() {}

    /** Offers every record to {@code feed}, calling {@code check} after each. */
    public static void play(byte[] data, StreamFeeder feed, Runnable check) {
        long ts = 0;
        int i = 0;
        while (i < data.length) {
            int control = data[i++] & 0xff;
            if (control >= 0xfe) {
                if (i < data.length) {
                    feed.gap(control == 0xff ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER,
                            data[i++] & 0xff);
                }
                continue;
            }
            Direction d = (control & 0x80) != 0 ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER;
            int len = Math.min(control & 0x7f, data.length - i);
            feed.offer(d, data, i, len, ++ts);
            i += len;
            check.run();
        }
    }
}
