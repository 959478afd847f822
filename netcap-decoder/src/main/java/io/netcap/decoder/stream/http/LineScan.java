package io.netcap.decoder.stream.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The scan for the line ends of a head, eight bytes at a time (SWAR, as {@link io.netcap.decoder.ByteScan}), that
 * also notes whether a byte before the line end is above 0x7F: every byte of every head passes here, and under
 * the C1 compiler captures run with a loop over each byte costs about twice as much. A reader of one direction
 * is one, so that it takes no object more per conversation.
 */
class LineScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LFS = ONES * '\n';

    /** The bytes scanned so far ORed into an int: negative once one is above 0x7F. */
    int high;

    /** Index of the first LF in {@code b[i .. end)}, or {@code end}; the bytes up to it (itself included) join {@link #high}. */
    int lineFeed(byte[] b, int i, int end) {
        long words = 0;
        while (end - i >= 8) {
            long w = (long) LONGS.get(b, i);
            long x = w ^ LFS;
            if (((x - ONES) & ~x & HIGHS) != 0) { // a zero byte of x: an LF in w ("Bit Twiddling Hacks", haszero)
                break;
            }
            words |= w;
            i += 8;
        }
        int h = high | ((words & HIGHS) != 0 ? -1 : 0);
        for (; i < end; i++) {
            h |= b[i];
            if (b[i] == '\n') {
                high = h;
                return i;
            }
        }
        high = h;
        return end;
    }
}
