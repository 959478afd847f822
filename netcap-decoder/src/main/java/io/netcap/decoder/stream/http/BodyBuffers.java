package io.netcap.decoder.stream.http;

/**
 * Buffers of the bodies read on one thread. A body's sniffing bytes ({@value MimeSniffer#SNIFF_LEN} before and
 * after decoding) are lent to it from its first byte to its end, when its type has been sniffed: most bodies end
 * within a few calls, and a buffer made per body was a large part of what the HTTP decoder allocated. At most
 * {@value #MAX_FREE} are held free; a body whose conversation moves to another thread gives its buffers back there.
 * The inflater's output buffer is one per thread: decoded bytes are handed on within the call that inflates them.
 */
final class BodyBuffers {
    private static final int MAX_FREE = 64;
    private static final ThreadLocal<BodyBuffers> LOCAL = ThreadLocal.withInitial(BodyBuffers::new);

    private final byte[][] free = new byte[MAX_FREE][];
    private int count;
    private final byte[] inflated = new byte[8192];

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

    /** The inflater's output buffer, valid until this thread inflates again. */
    byte[] inflated() {
        return inflated;
    }
}
