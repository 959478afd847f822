package io.netcap.decoder.stream.http;

import java.util.zip.Inflater;

/**
 * Buffers of the bodies read on one thread. A body's sniffing bytes ({@value MimeSniffer#SNIFF_LEN} before and
 * after decoding) are lent to it from its first byte to its end, when its type has been sniffed: most bodies end
 * within a few calls, and a buffer made per body was a large part of what the HTTP decoder allocated. At most
 * {@value #MAX_FREE} are held free; a body whose conversation moves to another thread gives its buffers back there.
 * The inflater's output buffer is one per thread: decoded bytes are handed on within the call that inflates them.
 * Inflaters are lent the same way as sniffing buffers, reset when given back.
 */
final class BodyBuffers {
    private static final int MAX_FREE = 64;
    private static final int MAX_INFLATERS = 8;
    private static final ThreadLocal<BodyBuffers> LOCAL = ThreadLocal.withInitial(BodyBuffers::new);

    private final byte[][] free = new byte[MAX_FREE][];
    private int count;
    private final byte[] inflated = new byte[8192];
    /** Free inflaters of raw deflate and of zlib: made and ended natively, they cost more to make than to reset. */
    private final Inflater[] rawInflaters = new Inflater[MAX_INFLATERS];
    private final Inflater[] zlibInflaters = new Inflater[MAX_INFLATERS];
    private int rawCount;
    private int zlibCount;

    private BodyBuffers() {}

    /** This thread's buffers. */
    static BodyBuffers local() {
        return LOCAL.get();
    }

    /** A sniffing buffer; its bytes are what an earlier body left there. */
    byte[] take() {
        if (count == 0) {
            return new byte[MimeSniffer.SNIFF_LEN];
        }
        byte[] b = free[--count];
        free[count] = null;
        return b;
    }

    /** Gives back a buffer of {@link #take} (null: none was taken). */
    void give(byte[] b) {
        if (b != null && count < MAX_FREE) {
            free[count++] = b;
        }
    }

    /** An inflater of raw deflate ({@code nowrap}) or of zlib, ready for a new stream. */
    Inflater inflater(boolean nowrap) {
        if (nowrap ? rawCount == 0 : zlibCount == 0) {
            return new Inflater(nowrap);
        }
        Inflater[] free = nowrap ? rawInflaters : zlibInflaters;
        int i = nowrap ? --rawCount : --zlibCount;
        Inflater f = free[i];
        free[i] = null;
        return f;
    }

    /** Gives back an inflater of {@link #inflater}: reset for the next stream, or ended when enough are free. */
    void give(Inflater f, boolean nowrap) {
        int count = nowrap ? rawCount : zlibCount;
        if (count == MAX_INFLATERS) {
            f.end();
            return;
        }
        f.reset();
        (nowrap ? rawInflaters : zlibInflaters)[count] = f;
        if (nowrap) {
            rawCount++;
        } else {
            zlibCount++;
        }
    }

    /** The inflater's output buffer, valid until this thread inflates again. */
    byte[] inflated() {
        return inflated;
    }
}
