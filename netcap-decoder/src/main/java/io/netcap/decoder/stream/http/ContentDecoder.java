package io.netcap.decoder.stream.http;

import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Streams a body's content coding ({@code Content-Encoding}, RFC 9110 8.4.1) off as its bytes arrive: gzip
 * (RFC 1952, several members in a row as Go's reader accepts them, CRC-32 and length checked), deflate (the
 * zlib format RFC 9110 means, or raw deflate, which some servers send instead) or identity. The decoded bytes go
 * to an {@link Output}. An inflated body gives at most {@code cap} bytes: beyond it the body is cut
 * ({@link #capped()}) and nothing more is inflated, so a decompression bomb costs its cap, not its expansion;
 * identity bodies pass whole, however long. Every call consumes all its input.
 */
final class ContentDecoder {
    /** Receives decoded bytes, valid during the call only. */
    @FunctionalInterface
    interface Output {
        void write(byte[] b, int off, int len);
    }

    enum Coding { IDENTITY, GZIP, DEFLATE }

    private enum State {
        GZIP_HEADER, INFLATE, GZIP_TRAILER, DONE, FAILED, CAPPED,
        /** No more decoded bytes were wanted ({@link #stop}): the rest passes undecoded and unchecked. */
        STOPPED
    }

    /** A gzip header longer than this (file name and comment fields) is taken as malformed. */
    private static final int MAX_GZIP_HEADER = 64 * 1024;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int FHCRC = 2;

    private final Coding coding;
    private final long cap;
    private final Output out;
    private Inflater inflater;
    /** The inflater reads raw deflate (no zlib header). */
    private boolean inflaterRaw;
    private final CRC32 crc;
    private State state;
    /** Gzip header or trailer bytes gathered so far (they may arrive a byte at a time). */
    private byte[] pending;
    private int pendingLen;
    private long produced;
    /** The decoded bytes the reader wants at most ({@link #want}). */
    private long wanted = Long.MAX_VALUE;
    private long memberSize;

    ContentDecoder(Coding coding, long cap, Output out) {
        this.coding = coding;
        this.cap = cap;
        this.out = out;
        this.state = coding == Coding.GZIP ? State.GZIP_HEADER : State.INFLATE;
        this.crc = coding == Coding.GZIP ? new CRC32() : null;
        this.pending = coding == Coding.IDENTITY ? null : new byte[16];
    }

    /** The coding named by a {@code Content-Encoding} value; unknown or stacked codings are left as they are. */
    static Coding of(String contentEncoding) {
        String c = contentEncoding.trim();
        if (c.equalsIgnoreCase("gzip") || c.equalsIgnoreCase("x-gzip")) {
            return Coding.GZIP;
        }
        if (c.equalsIgnoreCase("deflate")) {
            return Coding.DEFLATE;
        }
        return Coding.IDENTITY;
    }

    Coding coding() {
        return coding;
    }

    /** Decoded bytes handed on so far. */
    long produced() {
        return produced;
    }

    /** The decoded size reached the cap and the rest was dropped. */
    boolean capped() {
        return state == State.CAPPED;
    }

    /** The coded data was malformed; what was decoded before stays delivered. */
    boolean failed() {
        return state == State.FAILED;
    }

    /** Whether the coded data ended properly (a gzip trailer or the deflate end was seen); identity always has. */
    boolean finished() {
        return coding == Coding.IDENTITY || state == State.DONE;
    }

    void write(byte[] b, int off, int len) {
        if (coding == Coding.IDENTITY) {
            emit(b, off, len);
            return;
        }
        int end = off + len;
        while (off < end) {
            switch (state) {
                case GZIP_HEADER -> off = gzipHeader(b, off, end);
                case INFLATE -> off = inflate(b, off, end);
                case GZIP_TRAILER -> off = gzipTrailer(b, off, end);
                case DONE -> {
                    if (coding == Coding.GZIP) {
                        state = State.GZIP_HEADER; // another member follows
                    } else {
                        return; // bytes after the deflate end are ignored, as zlib readers do
                    }
                }
                case FAILED, CAPPED, STOPPED -> {
                    return;
                }
            }
        }
    }

    /** Frees the inflater; later writes are ignored. */
    void close() {
        releaseInflater();
        if (state != State.DONE && state != State.CAPPED && state != State.STOPPED) {
            state = finished() ? State.DONE : State.FAILED;
        }
    }

    /**
     * The reader wants at most {@code n} decoded bytes: once they are out nothing more is inflated ({@link #stop}),
     * and no more than them is inflated to give them.
     */
    void want(long n) {
        wanted = Math.max(1, n); // inflating into no room would make no progress
    }

    /**
     * The reader wants no more decoded bytes: nothing more is inflated, so neither a later coding error nor the
     * cap is seen. Inflating is most of what a compressed body costs, and without file extraction only its
     * first bytes (for sniffing) are wanted. May be called from the {@link Output}.
     */
    void stop() {
        if (coding != Coding.IDENTITY && state != State.FAILED && state != State.CAPPED) {
            releaseInflater();
            state = State.STOPPED;
        }
    }

    private int gzipHeader(byte[] b, int off, int end) {
        while (off < end) {
            append(b[off++]);
            int need = gzipHeaderLength();
            if (need < 0) {
                state = State.FAILED;
                return end;
            }
            if (need > 0 && pendingLen == need) {
                pendingLen = 0;
                crc.reset();
                memberSize = 0;
                startInflater(true);
                state = State.INFLATE;
                return off;
            }
        }
        return off;
    }

    /** The length of the gzip header gathered in {@code pending} once known, 0 while unknown, -1 if invalid. */
    private int gzipHeaderLength() {
        byte[] p = pending;
        int n = pendingLen;
        if (n >= 1 && p[0] != 0x1f || n >= 2 && p[1] != (byte) 0x8b || n >= 3 && p[2] != 8) {
            return -1; // RFC 1952 2.3.1: ID1, ID2, CM = 8 (deflate)
        }
        if (n < 10) {
            return 0;
        }
        int flags = p[3] & 0xff;
        if ((flags & 0xe0) != 0 || n > MAX_GZIP_HEADER) {
            return -1;
        }
        int at = 10;
        if ((flags & FEXTRA) != 0) {
            if (n < at + 2) {
                return 0;
            }
            at += 2 + ((p[at] & 0xff) | (p[at + 1] & 0xff) << 8);
        }
        if ((flags & FNAME) != 0) {
            at = afterZero(p, at, n);
        }
        if (at > 0 && (flags & FCOMMENT) != 0) {
            at = afterZero(p, at, n);
        }
        if (at > 0 && (flags & FHCRC) != 0) {
            at += 2;
        }
        return at > 0 && n >= at ? at : 0;
    }

    private static int afterZero(byte[] p, int from, int n) {
        for (int i = from; i < n; i++) {
            if (p[i] == 0) {
                return i + 1;
            }
        }
        return 0;
    }

    private int gzipTrailer(byte[] b, int off, int end) {
        while (off < end && pendingLen < 8) {
            append(b[off++]);
        }
        if (pendingLen == 8) {
            long crc32 = le32(pending, 0);
            long isize = le32(pending, 4);
            pendingLen = 0;
            if (crc32 != crc.getValue() || isize != (memberSize & 0xffffffffL)) {
                state = State.FAILED;
                return end;
            }
            state = State.DONE;
        }
        return off;
    }

    private int inflate(byte[] b, int off, int end) {
        if (inflater == null) {
            // deflate: the first two bytes tell zlib from raw deflate; they may arrive one at a time
            while (off < end && pendingLen < 2) {
                append(b[off++]);
            }
            if (pendingLen < 2) {
                return off;
            }
            pendingLen = 0;
            startInflater(!zlibHeader(pending[0], pending[1]));
            if (feed(pending, 0, 2) != 2 || state != State.INFLATE) {
                return end; // a deflate stream cannot end within two bytes; failed or capped
            }
        }
        return feed(b, off, end);
    }

    /** Inflates {@code b[off .. end)}; returns where the deflate data ended (end when it goes on). */
    private int feed(byte[] b, int off, int end) {
        inflater.setInput(b, off, end - off);
        byte[] chunk = BodyBuffers.local().inflated(); // its bytes are handed on before this call returns
        try {
            while (true) {
                int n = inflater.inflate(chunk, 0, (int) Math.min(chunk.length, wanted - produced));
                if (n > 0) {
                    if (coding == Coding.GZIP) {
                        crc.update(chunk, 0, n);
                        memberSize += n;
                    }
                    if (!emitCapped(chunk, n) || state == State.STOPPED) {
                        return end;
                    }
                    if (produced >= wanted) {
                        stop();
                        return end;
                    }
                }
                if (inflater.finished()) {
                    int rest = inflater.getRemaining();
                    releaseInflater();
                    state = coding == Coding.GZIP ? State.GZIP_TRAILER : State.DONE;
                    return end - rest;
                }
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    if (inflater.needsDictionary()) {
                        state = State.FAILED;
                    }
                    return end;
                }
            }
        } catch (DataFormatException e) {
            state = State.FAILED;
            return end;
        }
    }

    /** Whether a deflate body starts with a zlib header (RFC 1950 2.2: method 8, FCHECK making CMF.FLG a multiple of 31). */
    private static boolean zlibHeader(byte cmfByte, byte flgByte) {
        int cmf = cmfByte & 0xff;
        return (cmf & 0x0f) == 8 && (cmf << 8 | flgByte & 0xff) % 31 == 0;
    }

    private void startInflater(boolean raw) {
        inflater = BodyBuffers.local().inflater(raw);
        inflaterRaw = raw;
    }

    /** Gives the inflater back to the thread's buffers, if there is one. */
    private void releaseInflater() {
        if (inflater != null) {
            BodyBuffers.local().give(inflater, inflaterRaw);
            inflater = null;
        }
    }

    private boolean emitCapped(byte[] chunk, int n) {
        long room = cap - produced;
        if (n > room) {
            emit(chunk, 0, (int) room);
            state = State.CAPPED;
            releaseInflater();
            return false;
        }
        emit(chunk, 0, n);
        return true;
    }

    private void emit(byte[] b, int off, int len) {
        if (len > 0) {
            produced += len;
            out.write(b, off, len);
        }
    }

    private void append(byte x) {
        if (pendingLen == pending.length) {
            pending = java.util.Arrays.copyOf(pending, Math.min(pending.length * 2, MAX_GZIP_HEADER + 1));
            if (pendingLen == pending.length) {
                pendingLen = 0; // over the header cap: gzipHeaderLength rejects before this is reached
            }
        }
        pending[pendingLen++] = x;
    }

    private static long le32(byte[] p, int at) {
        return (p[at] & 0xffL) | (p[at + 1] & 0xffL) << 8 | (p[at + 2] & 0xffL) << 16 | (p[at + 3] & 0xffL) << 24;
    }
}
