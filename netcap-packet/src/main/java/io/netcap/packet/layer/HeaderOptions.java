package io.netcap.packet.layer;

/**
 * The option lists of IPv4 (RFC 791 §3.1) and TCP (RFC 9293 §3.1), which share one grammar: kind 0
 * ends the list (the rest of the header is padding), kind 1 is a one-byte no-op, every other option is
 * kind, length (covering both), data. The walk stops at the first option whose length is impossible;
 * the parser reports that as BAD_OPTION_LENGTH, and decoders still record the options before it.
 */
public final class HeaderOptions {
    public static final int END = 0;
    public static final int NOP = 1;

    /** Receives each option; End-of-options and no-ops come with length 1 and no data. */
    @FunctionalInterface
    public interface Visitor {
        void option(int kind, int length, int dataOffset, int dataLength);

        /** The option at {@code offset} has no length byte ({@code length} -1) or an impossible one. */
        default void malformed(int offset, int kind, int length, int bytesLeft) {}
    }

    private HeaderOptions() {}

    /**
     * Walks the options in {@code b[start .. end)}; returns where the padding after an End-of-options
     * option starts, or -1 when the list has none.
     */
    public static int walk(byte[] b, int start, int end, Visitor visitor) {
        for (int p = start; p < end; ) {
            int kind = b[p] & 0xFF;
            if (kind == END || kind == NOP) {
                visitor.option(kind, 1, p + 1, 0);
                if (kind == END) {
                    return p + 1;
                }
                p++;
                continue;
            }
            if (end - p < 2) {
                visitor.malformed(p, kind, -1, end - p);
                return -1;
            }
            int len = b[p + 1] & 0xFF;
            if (len < 2 || len > end - p) {
                visitor.malformed(p, kind, len, end - p);
                return -1;
            }
            visitor.option(kind, len, p + 2, len - 2);
            p += len;
        }
        return -1;
    }
}
