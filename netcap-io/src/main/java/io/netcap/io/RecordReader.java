package io.netcap.io;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.DiscardUnknownFieldsParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.netcap.types.Header;
import io.netcap.types.RecordType;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.zip.ZipException;

/**
 * Reads a {@code .ncap} / {@code .ncap.gz} file record by record in constant memory (one buffer
 * as large as the largest record, at most {@link #MAX_RECORD_SIZE}).
 *
 * <p>Gzip is recognised by its magic bytes {@code 1f 8b}, not by the file name; the original goes by
 * the extension. A gzip stream may consist of any number of members (the writer makes one per block);
 * they are read one after the other without relying on {@code available()}, so pipes work too.
 * A stream that ends inside the last record, or a gzip stream cut inside a member,
 * ends the iteration normally and is reported by {@link #truncation()}, like the original's dump
 * which stops silently there. Everything else that is wrong throws {@link CorruptRecordException}
 * naming the file and the offset in the decompressed stream; there is no resynchronisation.
 * Unknown fields inside records are dropped.
 */
public final class RecordReader implements Closeable, Iterable<Message> {
    /** Sanity bound on a record's length: the largest records (HTTP with bodies) stay far below. */
    public static final int MAX_RECORD_SIZE = 64 << 20;
    private static final int INITIAL_BUFFER = 64 << 10;
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    /** The Go types keep no unknown fields; neither do we (docs/container.md, "Reading"). */
    private static final Parser<Header> HEADER_PARSER = DiscardUnknownFieldsParser.wrap(Header.parser());

    private final String name;
    private final InputStream in;
    private final boolean gzip;
    private final Header header;
    private final RecordType type;
    private final Parser<? extends Message> parser;

    private byte[] buf = new byte[INITIAL_BUFFER];
    private int pos;
    private int lim;
    /** Offset of {@code buf[0]} in the decompressed stream. */
    private long bufStart;
    private boolean eof;
    private boolean gzipCut;
    private boolean finished;
    private Truncation truncation;
    private CorruptRecordException corruption;
    private long recordsRead;
    /** Bytes the last length varint took; writers may pad varints, so not always the minimal size. */
    private int lengthBytes;

    private RecordReader(String name, InputStream raw) throws IOException {
        this.name = name;
        PushbackInputStream peek = new PushbackInputStream(raw, 2);
        byte[] magic = peek.readNBytes(2);
        peek.unread(magic);
        this.gzip = magic.length == 2 && (magic[0] & 0xff) == GZIP_MAGIC_1 && (magic[1] & 0xff) == GZIP_MAGIC_2;
        this.in = gzip ? openGzip(peek) : peek;
        try {
            this.header = readHeader();
            this.type = RecordType.of(header.getType()).orElseThrow(() -> new CorruptRecordException(name, 0,
                    "invalid netcap header: unknown record type " + header.getTypeValue()));
            this.parser = DiscardUnknownFieldsParser.wrap(type.prototype().getParserForType());
        } catch (IOException | RuntimeException e) {
            // the caller closes the raw stream; the decompressor on it holds native memory of its own
            if (gzip) {
                closeQuietly(in, e);
            }
            throw e;
        }
    }

    private InputStream openGzip(InputStream raw) throws IOException {
        try {
            return new MultiMemberGzipInputStream(raw, INITIAL_BUFFER);
        } catch (EOFException e) {
            throw new CorruptRecordException(name, 0, "invalid netcap header: file ends inside the gzip header", e);
        } catch (ZipException e) {
            throw new CorruptRecordException(name, 0, "invalid gzip header: " + e.getMessage(), e);
        }
    }

    /** Opens a file, plain or gzip, and reads its header. */
    public static RecordReader open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            return new RecordReader(file.toString(), raw);
        } catch (IOException | RuntimeException e) {
            closeQuietly(raw, e);
            throw e;
        }
    }

    /** Reads a record stream, plain or gzip, from {@code in}; {@code name} appears in error messages. */
    public static RecordReader open(InputStream in, String name) throws IOException {
        try {
            return new RecordReader(name, in);
        } catch (IOException | RuntimeException e) {
            closeQuietly(in, e);
            throw e;
        }
    }

    private static void closeQuietly(InputStream in, Exception primary) {
        try {
            in.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    private Header readHeader() throws IOException {
        long start = offset();
        int len = readLength(start);
        if (len < 0 || !available(lengthBytes + len)) {
            throw new CorruptRecordException(name, start, "invalid netcap header: file ends before the header record is complete");
        }
        pos += lengthBytes;
        try {
            return parse(HEADER_PARSER, len);
        } catch (InvalidProtocolBufferException e) {
            throw new CorruptRecordException(name, start, "invalid netcap header: " + e.getMessage(), e);
        } finally {
            pos += len;
        }
    }

    /** The file's header record. */
    public Header header() { return header; }

    /** The record type named by the header. */
    public RecordType type() { return type; }

    /** Whether the stream was recognised as gzip. */
    public boolean compressed() { return gzip; }

    /** The file (or stream) name used in messages. */
    public String name() { return name; }

    /** Offset in the decompressed stream of the next record (the end, once all are read). */
    public long offset() { return bufStart + pos; }

    /** Records returned by {@link #next()} so far. */
    public long recordsRead() { return recordsRead; }

    /** The length of the record {@link #next()} returned last. */
    private int lastLength;

    /** After {@link #next()} returned null: how the stream was cut short, if it was. */
    public Optional<Truncation> truncation() { return Optional.ofNullable(truncation); }

    /**
     * The next record, or null at the end of the stream (clean, or cut short: see {@link #truncation()}).
     *
     * @throws CorruptRecordException when the record is malformed; every later call throws it again
     */
    public Message next() throws IOException {
        long start = offset();
        int len = frame();
        if (len < 0) {
            return null;
        }
        try {
            Message m = decode(buf, pos - len, len, start);
            recordsRead++;
            lastLength = len;
            return m;
        } catch (CorruptRecordException e) {
            corruption = e;
            throw e;
        }
    }

    /**
     * The buffer holding the protobuf encoding of the record {@link #next()} returned last, at
     * {@link #lastOffset()} for {@link #lastLength()} bytes; valid until the next call of the reader (CSV rows are
     * read from these bytes, the parsed record serving where they cannot be).
     */
    public byte[] lastBuffer() { return buf; }

    public int lastOffset() { return pos - lastLength; }

    public int lastLength() { return lastLength; }

    /** Receives the protobuf encoding of one record; the bytes are valid only during the call. */
    @FunctionalInterface
    public interface EncodedRecordSink {
        void accept(byte[] buf, int offset, int length, long streamOffset) throws IOException;
    }

    /**
     * Hands the next record's protobuf encoding to {@code sink} unparsed, for readers that decode the
     * wire format themselves; false at the end of the stream, as {@link #next()} returns null. Whether
     * the bytes parse is the caller's to find out; {@link #decode} says it as {@link #next()} would.
     */
    public boolean nextEncoded(EncodedRecordSink sink) throws IOException {
        long start = offset();
        int len = frame();
        if (len < 0) {
            return false;
        }
        recordsRead++;
        sink.accept(buf, pos - len, len, start);
        return true;
    }

    /**
     * Parses one record of this file's type as {@link #next()} does, failing with the same exception;
     * {@code streamOffset} is where the record starts, for the message. Touches no state of the reader.
     */
    public Message decode(byte[] data, int off, int len, long streamOffset) throws CorruptRecordException {
        try {
            return parse(parser, data, off, len);
        } catch (InvalidProtocolBufferException e) {
            throw new CorruptRecordException(name, streamOffset, "invalid " + type.descriptor().getName()
                    + " record of " + len + " bytes: " + e.getMessage(), e);
        }
    }

    /**
     * Frames the next record: its length, with {@link #pos} just past its bytes, or -1 at the end of
     * the stream.
     */
    private int frame() throws IOException {
        if (corruption != null) {
            throw corruption;
        }
        if (finished) {
            return -1;
        }
        long start = offset();
        try {
            int len = readLength(start);
            if (len < 0) {
                finished = true;
                return -1;
            }
            if (!available(lengthBytes + len)) {
                truncation = new Truncation(start, Truncation.Reason.RECORD_CUT, gzipCut);
                finished = true;
                return -1;
            }
            pos += lengthBytes + len;
            return len;
        } catch (CorruptRecordException e) {
            corruption = e;
            throw e;
        }
    }

    /**
     * Reads the length varint of the record at {@code start} without consuming it; -1 at the end of
     * the stream (setting {@link #truncation} when the end is not clean).
     */
    private int readLength(long start) throws IOException {
        if (!available(1)) {
            if (gzipCut) {
                truncation = new Truncation(start, Truncation.Reason.GZIP_CUT, true);
            }
            return -1;
        }
        long value = 0;
        for (int i = 0; i < Varint.MAX_BYTES; i++) {
            if (!available(i + 1)) {
                truncation = new Truncation(start, Truncation.Reason.LENGTH_CUT, gzipCut);
                return -1;
            }
            int b = buf[pos + i];
            // the tenth byte holds only the top bit of a 64-bit value
            if (i == Varint.MAX_BYTES - 1 && (b & 0xff) > 1) {
                break;
            }
            value |= (long) (b & 0x7f) << (7 * i);
            if (b >= 0) {
                if (value > MAX_RECORD_SIZE || value < 0) {
                    throw new CorruptRecordException(name, start, "record length " + Long.toUnsignedString(value)
                            + " exceeds the sanity bound of " + MAX_RECORD_SIZE + " bytes");
                }
                lengthBytes = i + 1;
                return (int) value;
            }
        }
        throw new CorruptRecordException(name, start, "malformed length varint (longer than 64 bits)");
    }

    private <T extends Message> T parse(Parser<T> p, int len) throws InvalidProtocolBufferException {
        return parse(p, buf, pos, len);
    }

    private <T extends Message> T parse(Parser<T> p, byte[] data, int off, int len) throws InvalidProtocolBufferException {
        try {
            return parseExactly(p, data, off, len);
        } catch (InvalidProtocolBufferException e) {
            if (type == null || e.getMessage() == null || !e.getMessage().contains("invalid UTF-8")) {
                throw e;
            }
            // strings in map entries are validated regardless of the schema; see MapUtf8Repair
            byte[] repaired = MapUtf8Repair.repair(type.descriptor(), data, off, len);
            try {
                return parseExactly(p, repaired, 0, repaired.length);
            } catch (InvalidProtocolBufferException again) {
                e.addSuppressed(again);
                throw e;
            }
        }
    }

    private static <T extends Message> T parseExactly(Parser<T> p, byte[] data, int off, int len)
            throws InvalidProtocolBufferException {
        CodedInputStream cis = CodedInputStream.newInstance(data, off, len);
        T message = p.parseFrom(cis);
        cis.checkLastTagWas(0);
        return message;
    }

    /**
     * Makes {@code n} bytes available from {@code pos}, reading more and growing the buffer by
     * doubling as data arrives (a hostile length alone allocates nothing); false at the end.
     */
    private boolean available(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (eof) {
            return false;
        }
        if (buf.length - pos < n && pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            bufStart += pos;
            lim -= pos;
            pos = 0;
        }
        while (lim - pos < n) {
            if (lim == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(2L * buf.length, (long) pos + n));
            }
            int r;
            try {
                r = in.read(buf, lim, buf.length - lim);
            } catch (EOFException e) {
                // the compressed stream ends inside a member (header, data or trailer). Every byte
                // that could be inflated has been returned by earlier reads.
                if (!gzip) {
                    throw e;
                }
                gzipCut = true;
                r = -1;
            } catch (ZipException e) {
                throw new CorruptRecordException(name, bufStart + lim, "corrupt gzip data: " + e.getMessage(), e);
            }
            if (r < 0) {
                eof = true;
                return false;
            }
            lim += r;
        }
        return true;
    }

    /** Iterates over the remaining records; I/O and corruption errors become {@link UncheckedIOException}. */
    @Override
    public Iterator<Message> iterator() {
        return new Iterator<>() {
            private Message lookahead;

            @Override
            public boolean hasNext() {
                if (lookahead == null) {
                    try {
                        lookahead = RecordReader.this.next();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return lookahead != null;
            }

            @Override
            public Message next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Message m = lookahead;
                lookahead = null;
                return m;
            }
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
