package io.netcap.label;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The bytes of each direction of a conversation dump ({@code capture -conns}, docs/streams.md "Conversation
 * dumps"): client bytes follow {@code ESC[31m}, server bytes {@code ESC[34m}, and {@code ESC[0m} ends a run.
 * Each direction is kept up to a cap, and reading stops once both are full, so a dump of any size costs at
 * most twice the cap. The dump does not escape its data: data that holds one of the three codes exactly is
 * split there, as by any reader of these dumps.
 */
final class ConversationDump {
    private static final byte ESC = 0x1b;
    private static final byte[] RED = {ESC, '[', '3', '1', 'm'};
    private static final byte[] BLUE = {ESC, '[', '3', '4', 'm'};
    private static final byte[] RESET = {ESC, '[', '0', 'm'};
    private static final byte[][] CODES = {RED, BLUE, RESET};

    /**
     * @param client    the client's bytes, at most the cap
     * @param server    the server's bytes, at most the cap
     * @param truncated a direction held more than the cap
     */
    record Directions(byte[] client, byte[] server, boolean truncated) {}

    private final Bounded client;
    private final Bounded server;
    private Bounded to;
    private final byte[] pending = new byte[RED.length];
    private int pendingLength;

    private ConversationDump(int cap) {
        client = new Bounded(cap);
        server = new Bounded(cap);
    }

    /** Reads a dump; each direction up to {@code cap} bytes. */
    static Directions read(InputStream in, int cap) throws IOException {
        ConversationDump d = new ConversationDump(cap);
        byte[] buf = new byte[1 << 16];
        int n = in.read(buf);
        for (; n >= 0 && !(d.client.full() && d.server.full()); n = in.read(buf)) {
            d.accept(buf, 0, n);
        }
        d.write(d.pending, 0, d.pendingLength); // a dump cut inside a code: those bytes are data
        // n >= 0: reading stopped with both directions full and bytes left unread
        return new Directions(d.client.bytes(), d.server.bytes(), n >= 0 || d.client.truncated() || d.server.truncated());
    }

    private void accept(byte[] b, int off, int n) {
        int i = off;
        int end = off + n;
        while (i < end) {
            if (pendingLength == 0) {
                int esc = i;
                while (esc < end && b[esc] != ESC) {
                    esc++;
                }
                write(b, i, esc - i);
                if (esc < end) {
                    pending[pendingLength++] = ESC;
                }
                i = esc + 1;
                continue;
            }
            byte[] code = code(b[i]);
            if (code == null) {
                // no code after all: the bytes held back are data, and b[i] is looked at afresh
                write(pending, 0, pendingLength);
                pendingLength = 0;
                continue;
            }
            pending[pendingLength++] = b[i++];
            if (pendingLength == code.length) {
                to = code == RED ? client : code == BLUE ? server : null;
                pendingLength = 0;
            }
        }
    }

    /** The code whose next byte after the held-back prefix is {@code c}; null when none continues so. */
    private byte[] code(byte c) {
        for (byte[] code : CODES) {
            if (pendingLength < code.length && code[pendingLength] == c
                    && Arrays.equals(code, 0, pendingLength, pending, 0, pendingLength)) {
                return code;
            }
        }
        return null;
    }

    private void write(byte[] b, int off, int n) {
        if (to != null && n > 0) {
            to.write(b, off, n);
        }
    }

    /** One direction's bytes up to a cap; what lies beyond is only counted. */
    private static final class Bounded {
        private final int cap;
        private byte[] buf = new byte[256];
        private int length;
        private long seen;

        Bounded(int cap) {
            this.cap = cap;
        }

        void write(byte[] b, int off, int n) {
            seen += n;
            int take = Math.min(n, cap - length);
            if (take <= 0) {
                return;
            }
            if (length + take > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(cap, Math.max(length + take, 2L * buf.length)));
            }
            System.arraycopy(b, off, buf, length, take);
            length += take;
        }

        boolean full() {
            return length >= cap;
        }

        boolean truncated() {
            return seen > length;
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, length);
        }
    }
}
