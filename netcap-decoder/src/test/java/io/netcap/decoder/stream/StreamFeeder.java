package io.netcap.decoder.stream;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Feeds a {@link StreamParser} as the stream framework does (docs/streams.md): each direction's unconsumed
 * bytes are offered again before the next ones, the conversation's delivery times and byte counts are kept,
 * and every call is checked to consume between 0 and the offered length.
 */
public final class StreamFeeder {
    private final Conversation conversation;
    private final StreamParser parser;
    private final Map<Direction, byte[]> pending = new EnumMap<>(Direction.class);

    public StreamFeeder(Conversation conversation, StreamParser parser) {
        this.conversation = conversation;
        this.parser = parser;
        pending.put(Direction.CLIENT_TO_SERVER, new byte[0]);
        pending.put(Direction.SERVER_TO_CLIENT, new byte[0]);
    }

    public void offer(Direction d, byte[] b, int off, int len, long tsNanos) {
        conversation.delivered(d, len, tsNanos);
        byte[] old = pending.get(d);
        byte[] all = Arrays.copyOf(old, old.length + len);
        System.arraycopy(b, off, all, old.length, len);
        // offered at an offset inside a larger array, as the framework's buffers are
        byte[] padded = new byte[all.length + 7];
        System.arraycopy(all, 0, padded, 3, all.length);
        int consumed = parser.parse(d, padded, 3, all.length, tsNanos);
        if (consumed < 0 || consumed > all.length) {
            throw new IllegalStateException("consumed " + consumed + " of " + all.length);
        }
        pending.put(d, Arrays.copyOfRange(all, consumed, all.length));
    }

    public void gap(Direction d, long skipped) {
        conversation.missed(d, skipped);
        pending.put(d, new byte[0]);
        parser.gap(d, skipped);
    }

    public void end(EndReason reason) {
        parser.end(reason, pending.get(Direction.CLIENT_TO_SERVER).length,
                pending.get(Direction.SERVER_TO_CLIENT).length);
    }

    /** Bytes of direction {@code d} offered but not consumed yet. */
    public int pending(Direction d) {
        return pending.get(d).length;
    }

    /** What {@link #replayInto} makes of a fuzz input's records. */
    public interface Target {
        void offer(Direction d, byte[] b, int off, int len, long tsNanos);

        void gap(Direction d, long skipped);
    }

    /**
     * Replays a fuzz input of records of one control byte (bit 7: server, bits 0-6: length; 0xff: a gap of the
     * next byte's value in the server direction, 0xfe: in the client direction) and that many payload bytes;
     * {@code afterOffer} runs after each offer.
     */
    public void replay(byte[] data, Runnable afterOffer) {
        replay(data, 0, afterOffer);
    }

    /** As {@link #replay(byte[], Runnable)}, the records from {@code data[from]} on. */
    public void replay(byte[] data, int from, Runnable afterOffer) {
        replayInto(data, from, new Target() {
            @Override
            public void offer(Direction d, byte[] b, int off, int len, long tsNanos) {
                StreamFeeder.this.offer(d, b, off, len, tsNanos);
                afterOffer.run();
            }

            @Override
            public void gap(Direction d, long skipped) {
                StreamFeeder.this.gap(d, skipped);
            }
        });
    }

    /**
     * The records of {@code data} from {@code from} (as {@link #replay(byte[], Runnable)} reads them) to
     * {@code to}, the n-th offer at time n. A server record of 126 or 127 bytes cannot be written: its control
     * byte is a gap marker.
     */
    public static void replayInto(byte[] data, int from, Target to) {
        long ts = 0;
        int i = from;
        while (i < data.length) {
            int control = data[i++] & 0xff;
            if (control >= 0xfe) {
                if (i < data.length) {
                    to.gap(control == 0xff ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER, data[i++] & 0xff);
                }
                continue;
            }
            Direction d = (control & 0x80) != 0 ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER;
            int len = Math.min(control & 0x7f, data.length - i);
            to.offer(d, data, i, len, ++ts);
            i += len;
        }
    }
}
