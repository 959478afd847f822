package io.netcap.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
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
 *
 * <p>With libdeflate, each member is first given whole to {@link LibdeflateMembers}, about twice as fast;
 * a member it does not take (damaged, cut short, larger than {@link #MAX_MEMBER}) goes to the inflater,
 * which returns what it can and throws as above, so errors and their offsets do not depend on it.
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

    /** Largest member, compressed or not, that libdeflate is given; our writer's are 1 MiB of records. */
    private static final int MAX_MEMBER = 8 << 20;
    /** Compressed bytes buffered before libdeflate first looks at a member (more if it reports it cut). */
    static final int FIRST_LOOK = 256 << 10;

    private final InputStream in;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    /** Compressed bytes read from {@link #in}; {@code [pos, lim)} not yet given to the inflater or parsed. */
    private byte[] input;
    private int pos;
    private int lim;
    private boolean eof;
    /** Reads of {@link #in} so far. */
    private int fills;
    /** libdeflate, or null. */
    private final LibdeflateMembers members;
    /** {@link #MAX_MEMBER}, or less in tests, which cross it with smaller streams. */
    private final int maxMember;
    /** A member starts at {@link #pos}, not looked at yet: libdeflate gets it first. */
    private boolean atMember;
    /** A member libdeflate decompressed; {@code [decodedPos, decodedLim)} not returned yet. */
    private byte[] decoded;
    private int decodedPos;
    private int decodedLim;
    /** Decompressed bytes of the current member, for ISIZE. */
    private long memberSize;
    private boolean done;
    private final byte[] one = new byte[1];
    private boolean closed;

    MultiMemberGzipInputStream(InputStream in, int bufferSize) throws IOException {
        this(in, bufferSize, LibdeflateMembers.open().orElse(null), MAX_MEMBER);
    }

    /**
     * {@code members}: libdeflate for whole members, null for the inflater alone; {@code maxMember}: the largest
     * member libdeflate is given.
     */
    MultiMemberGzipInputStream(InputStream in, int bufferSize, LibdeflateMembers members, int maxMember)
            throws IOException {
        this.in = in;
        this.input = new byte[bufferSize];
        this.members = members;
        this.maxMember = maxMember;
        try {
            readHeader(true);
            // checked here for the constructor's exceptions; libdeflate reads it again with the member
            if (members != null && fills == 1) {
                pos = 0;
                atMember = true;
            }
        } catch (IOException | RuntimeException e) {
            end();
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
        while (true) {
            if (decodedPos < decodedLim) {
                int n = Math.min(len, decodedLim - decodedPos);
                System.arraycopy(decoded, decodedPos, b, off, n);
                decodedPos += n;
                return n;
            }
            if (done) {
                return -1;
            }
            if (atMember) {
                atMember = false;
                if (wholeMember()) {
                    nextMember();
                    continue;
                }
                readHeader(false); // bytes are there: a header, or an exception
            }
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
                if (members != null) {
                    nextMember();
                } else if (!readHeader(false)) {
                    done = true;
                }
            } else if (inflater.needsDictionary()) {
                throw new ZipException("deflate data asks for a preset dictionary, which gzip does not have");
            } else if (inflater.needsInput()) {
                if (pos == lim && !more()) {
                    throw new EOFException("gzip stream ends inside the compressed data");
                }
                inflater.setInput(input, pos, lim - pos);
                pos = lim;
            }
        }
    }

    /** After a member: the end of the stream, or another member for libdeflate to look at first. */
    private void nextMember() throws IOException {
        if (pos == lim && !more()) {
            done = true;
        } else {
            atMember = true;
        }
    }

    /**
     * Decompresses the member at {@link #pos} whole into {@link #decoded}, reading more of the stream while
     * libdeflate finds it cut; false when it cannot (then the inflater reads it from the same place).
     */
    private boolean wholeMember() throws IOException {
        if (decoded == null) {
            decoded = new byte[64 << 10]; // grows to the largest member: small files stay small
        }
        int want = Math.max(lim - pos, FIRST_LOOK);
        while (true) {
            while (lim - pos < want && more()) { }
            int result = members.decompress(input, pos, lim - pos, decoded);
            if (result == Libdeflate.Inflate.SUCCESS) {
                pos += members.read();
                decodedPos = 0;
                decodedLim = members.written();
                return true;
            }
            if (result == Libdeflate.Inflate.INSUFFICIENT_SPACE) {
                if (decoded.length >= maxMember) {
                    return false;
                }
                decoded = new byte[Math.min(maxMember, 2 * decoded.length)];
            } else if (lim - pos >= want && want < maxMember && !eof) {
                want = Math.min(maxMember, 2 * want); // damaged, or cut where the buffer ends: look at more
            } else {
                return false;
            }
        }
    }

    /**
     * Reads more of the stream after {@link #lim}, the unread bytes moved to the front and the buffer
     * grown up to {@link #maxMember} first; false at the end of the stream or with the buffer full.
     */
    private boolean more() throws IOException {
        if (pos > 0) {
            System.arraycopy(input, pos, input, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (lim == input.length) {
            if (input.length >= maxMember) {
                return false;
            }
            input = Arrays.copyOf(input, Math.min(maxMember, 2 * input.length));
        }
        int n;
        do {
            n = in.read(input, lim, input.length - lim);
        } while (n == 0);
        fills++;
        if (n < 0) {
            eof = true;
            return false;
        }
        lim += n;
        return true;
    }

    /**
     * Reads a member header (RFC 1952 section 2.3). Before a later member, a clean end of the stream
     * returns false; the first member must be there.
     */
    private boolean readHeader(boolean first) throws IOException {
        if (!first && pos == lim && !more()) {
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
        if (pos == lim && !more()) {
            throw new EOFException("gzip stream ends inside a member's header or trailer");
        }
        return input[pos++] & 0xff;
    }

    private void end() {
        inflater.end();
        if (members != null) {
            members.close();
        }
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
            end();
            in.close();
        }
    }
}
