package io.netcap.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decompresses a gzip stream of any number of members (RFC 1952 section 2.2), as a raw
 * {@link Inflater} with the member framing parsed here.
 *
 * <p>{@link java.util.zip.GZIPInputStream} (in most JDK builds) looks for a next member only while
 * {@code in.available()} is positive or enough bytes remain in its buffer; on a pipe or a wrapper
 * that reports 0 it can end silently after any member. It also takes anything after a member that
 * is not a complete header for the end. This stream reads the next header whenever a member ends, and
 * reports what follows a member precisely:
 * <ul>
 *   <li>nothing: the end of the stream ({@code -1});
 *   <li>the stream ends inside a header, the deflate data or the trailer: {@link EOFException}
 *       (every byte that could be inflated was returned before);
 *   <li>bytes that are not a gzip header, damaged deflate data, a trailer whose CRC-32 or ISIZE does
 *       not match: {@link ZipException}.
 * </ul>
 * The header of the first member is read by the constructor, with the same exceptions.
 */
final class MultiMemberGzipInputStream extends InputStream {
    private static final int ID1 = 0x1f;
    private static final int ID2 = 0x8b;
    private static final int CM_DEFLATE = 8;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int FRESERVED = 0xe0;

    private final InputStream in;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    /** Compressed bytes read from {@link #in}; {@code [pos, lim)} not yet given to the inflater or parsed. */
    private final byte[] input;
    private int pos;
    private int lim;
    /** Decompressed bytes of the current member, for ISIZE. */
    private long memberSize;
    private boolean done;
    private final byte[] one = new byte[1];
    private boolean closed;

    MultiMemberGzipInputStream(InputStream in, int bufferSize) throws IOException {
        this.in = in;
        this.input = new byte[bufferSize];
        try {
            readHeader(true);
        } catch (IOException | RuntimeException e) {
            inflater.end();
            throw e;
        }
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (!done) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException(e.getMessage() != null ? e.getMessage() : "invalid deflate data");
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberSize += n;
                return n;
            }
            if (inflater.finished()) {
                pos = lim - inflater.getRemaining();
                readTrailer();
                if (!readHeader(false)) {
                    done = true;
                }
            } else if (inflater.needsDictionary()) {
                throw new ZipException("deflate data asks for a preset dictionary, which gzip does not have");
            } else if (inflater.needsInput()) {
                if (pos == lim && !fill()) {
                    throw new EOFException("gzip stream ends inside the compressed data");
                }
                inflater.setInput(input, pos, lim - pos);
                pos = lim;
            }
        }
        return -1;
    }

    /**
     * Reads a member header (RFC 1952 section 2.3). Before a later member, a clean end of the stream
     * returns false; the first member must be there.
     */
    private boolean readHeader(boolean first) throws IOException {
        if (!first && pos == lim && !fill()) {
            return false;
        }
        if (readByte() != ID1 || readByte() != ID2) {
            throw new ZipException(first ? "Not in GZIP format" : "bytes after a gzip member that are not a gzip member");
        }
        crc.reset();
        crc.update(ID1);
        crc.update(ID2);
        int cm = headerByte();
        if (cm != CM_DEFLATE) {
            throw new ZipException("Unsupported compression method " + cm);
        }
        int flags = headerByte();
        if ((flags & FRESERVED) != 0) {
            throw new ZipException("reserved gzip header flags set: " + Integer.toHexString(flags));
        }
        for (int i = 0; i < 6; i++) {
            headerByte(); // MTIME, XFL, OS
        }
        if ((flags & FEXTRA) != 0) {
            int xlen = headerByte() | headerByte() << 8;
            for (int i = 0; i < xlen; i++) {
                headerByte();
            }
        }
        if ((flags & FNAME) != 0) {
            while (headerByte() != 0) { }
        }
        if ((flags & FCOMMENT) != 0) {
            while (headerByte() != 0) { }
        }
        if ((flags & FHCRC) != 0) {
            int expected = (int) crc.getValue() & 0xffff;
            int hcrc = readByte() | readByte() << 8;
            if (hcrc != expected) {
                throw new ZipException("Corrupt GZIP header");
            }
        }
        crc.reset();
        memberSize = 0;
        inflater.reset();
        return true;
    }

    /** CRC-32 and ISIZE (section 2.3.1), checked against what was inflated. */
    private void readTrailer() throws IOException {
        long expectedCrc = readInt();
        long isize = readInt();
        if (expectedCrc != crc.getValue() || isize != (memberSize & 0xffffffffL)) {
            throw new ZipException("Corrupt GZIP trailer");
        }
    }

    private long readInt() throws IOException {
        return (readByte() | readByte() << 8 | readByte() << 16 | (long) readByte() << 24) & 0xffffffffL;
    }

    private int headerByte() throws IOException {
        int b = readByte();
        crc.update(b);
        return b;
    }

    private int readByte() throws IOException {
        if (pos == lim && !fill()) {
            throw new EOFException("gzip stream ends inside a member's header or trailer");
        }
        return input[pos++] & 0xff;
    }

    /** Reads more compressed bytes into the empty buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(input, 0, input.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }

    /** How many bytes can be inflated without blocking is not known: 0. */
    @Override
    public int available() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            inflater.end();
            in.close();
        }
    }
}
