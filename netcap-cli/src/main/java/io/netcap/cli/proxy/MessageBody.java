package io.netcap.cli.proxy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How an upstream response body is delimited (RFC 9112 6.3) and its relay: the bytes pass through a
 * fixed buffer and are counted, never kept.
 */
final class MessageBody {
    /** Cap on a chunk-size line and on the trailer section of a chunked body. */
    static final int MAX_LINE = 4096;
    static final int MAX_TRAILER = 64 << 10;
    private static final int BUFFER = 16 << 10;
    private static final byte[] CRLF = {'\r', '\n'};

    enum Framing { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

    private MessageBody() {}

    /** The framing of a response to a request of {@code method} (RFC 9112 6.3, points 1 to 7). */
    static Framing framing(String method, ResponseHead h) throws ResponseHead.Malformed {
        if (method.equals("HEAD") || h.status < 200 || h.status == 204 || h.status == 304) {
            return Framing.NONE;
        }
        String te = String.join(",", h.all("Transfer-Encoding")).trim();
        if (!te.isEmpty()) {
            // the final coding decides; anything else is read until the connection closes
            String last = te.substring(te.lastIndexOf(',') + 1).trim().toLowerCase(Locale.ROOT);
            return last.equals("chunked") ? Framing.CHUNKED : Framing.UNTIL_CLOSE;
        }
        long length = h.contentLength();
        return length == 0 ? Framing.NONE : length > 0 ? Framing.LENGTH : Framing.UNTIL_CLOSE;
    }

    /** Copies exactly {@code n} bytes. */
    static void copy(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(BUFFER, Math.max(n, 1))];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new EOFException("body cut short: " + left + " of " + n + " bytes missing");
            }
            out.write(buf, 0, r);
            left -= r;
        }
    }

    /** Copies everything up to the end of the stream. */
    static void copyToEnd(InputStream in, OutputStream out) throws IOException {
        in.transferTo(out);
    }

    /** Decodes a chunked body (RFC 9112 7.1) onto {@code out}; trailer fields are read and dropped. */
    static void copyChunked(InputStream in, OutputStream out) throws IOException {
        while (true) {
            long size = chunkSize(line(in, MAX_LINE));
            if (size == 0) {
                break;
            }
            copy(in, out, size);
            if (!line(in, MAX_LINE).isEmpty()) {
                throw new ResponseHead.Malformed("chunk not followed by CRLF");
            }
        }
        int trailer = 0;
        for (String t = line(in, MAX_LINE); !t.isEmpty(); t = line(in, MAX_LINE)) {
            trailer += t.length() + 2;
            if (trailer > MAX_TRAILER) {
                throw new ResponseHead.Malformed("trailer section longer than " + MAX_TRAILER + " bytes");
            }
        }
    }

    /** {@code chunk-size [chunk-ext]}: hex digits, then optional whitespace and extensions, which are ignored. */
    static long chunkSize(String line) throws ResponseHead.Malformed {
        int i = 0;
        long size = 0;
        while (i < line.length() && hex(line.charAt(i)) >= 0) {
            if (i == 15) {
                throw new ResponseHead.Malformed("chunk size too large");
            }
            size = size * 16 + hex(line.charAt(i));
            i++;
        }
        String rest = line.substring(i).stripLeading();
        if (i == 0 || !rest.isEmpty() && rest.charAt(0) != ';') {
            throw new ResponseHead.Malformed("malformed chunk size");
        }
        return size;
    }

    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** One line without its CRLF (or bare LF), at most {@code max} bytes. */
    private static String line(InputStream in, int max) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("chunked body cut short");
            }
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            if (sb.length() == max) {
                throw new ResponseHead.Malformed("line in a chunked body longer than " + max + " bytes");
            }
            sb.append((char) c);
        }
    }

    /**
     * Sends {@code in} as a chunked body (RFC 9112 7.1): the client's chunked request goes on chunked.
     * Returns the payload bytes sent.
     */
    static long sendChunked(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[BUFFER];
        long total = 0;
        for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
            if (r > 0) {
                total += r;
                out.write((Integer.toHexString(r) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(buf, 0, r);
                out.write(CRLF);
            }
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return total;
    }

    /** Counts what passes; the count stays readable when a write fails half way. */
    static final class Counting extends OutputStream {
        private final OutputStream out;
        long count;

        Counting(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
