package io.netcap.decoder.stream.files;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Splits a {@code multipart/form-data} body (RFC 7578, boundaries as RFC 2046 section 5.1.1 defines them) into
 * its parts while it streams: bytes are offered in any chunks, a delimiter may span them, and a part's content
 * is passed on as it arrives, so memory is the delimiter, one part's header block (capped) and a small batch
 * buffer, whatever the size of the parts.
 *
 * <p>The delimiter is CRLF {@code --boundary}; the first may open the body without the CRLF. A part's content is
 * everything between the blank line after its headers and the CRLF of the next delimiter. The close delimiter
 * ({@code --boundary--}) ends the body; the epilogue after it is ignored, as is the preamble before the first
 * delimiter. Header lines may end in LF alone. The delimiter is found with the Knuth-Morris-Pratt failure
 * function, so bytes held as a possible delimiter are always a prefix of it and never need a copy.
 */
final class MultipartSplitter {
    /** A part's header block beyond this many bytes is malformed; its part is skipped. */
    static final int MAX_HEADER_BYTES = 8192;
    /** RFC 2046 allows 70 characters; longer ones are accepted up to this cap. */
    static final int MAX_BOUNDARY_BYTES = 200;
    /** Transport padding allowed after a delimiter before its line end. */
    private static final int MAX_PADDING = 256;

    /** One part's headers: the form field name, its file name (null when it has none) and its Content-Type. */
    record Part(String name, String filename, String contentType) {}

    interface Listener {
        /** A part with a file name begins. */
        void start(Part part);

        /** Content of the part begun last; {@code b} is valid during the call only. */
        void data(byte[] b, int off, int len);

        /** The part ends: {@code complete} when its closing delimiter was seen. */
        void end(boolean complete);
    }

    private enum State { SCAN, DELIMITER_LINE, HEADERS, EPILOGUE }

    private final Listener listener;
    private final byte[] delimiter;
    private final int[] failure;
    private final byte[] batch = new byte[4096];
    private final byte[] header = new byte[MAX_HEADER_BYTES];
    private State state = State.SCAN;
    private int matched;
    private int batchLen;
    private int headerLen;
    private int lineLen;
    private boolean headerOverflow;
    private int dashes;
    private int padding;
    private boolean inPart;
    private boolean closed;
    private boolean malformed;

    /** @throws IllegalArgumentException for an empty boundary or one over {@link #MAX_BOUNDARY_BYTES} */
    MultipartSplitter(String boundary, Listener listener) {
        byte[] b = boundary == null ? new byte[0] : boundary.getBytes(StandardCharsets.UTF_8);
        if (b.length == 0 || b.length > MAX_BOUNDARY_BYTES) {
            throw new IllegalArgumentException("multipart boundary of " + b.length + " bytes");
        }
        this.listener = listener;
        delimiter = new byte[b.length + 4];
        delimiter[0] = '\r';
        delimiter[1] = '\n';
        delimiter[2] = '-';
        delimiter[3] = '-';
        System.arraycopy(b, 0, delimiter, 4, b.length);
        failure = failure(delimiter);
        matched = 2; // as if a CRLF preceded the body: its first delimiter needs none
    }

    private static int[] failure(byte[] p) {
        int[] f = new int[p.length];
        for (int i = 1, k = 0; i < p.length; i++) {
            while (k > 0 && p[i] != p[k]) {
                k = f[k - 1];
            }
            if (p[i] == p[k]) {
                k++;
            }
            f[i] = k;
        }
        return f;
    }

    /** True when a boundary is usable by this splitter. */
    static boolean usable(String boundary) {
        if (boundary == null) {
            return false;
        }
        int n = boundary.getBytes(StandardCharsets.UTF_8).length;
        return n > 0 && n <= MAX_BOUNDARY_BYTES;
    }

    void write(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end && state != State.EPILOGUE) {
            if (state == State.SCAN && matched == 0) {
                // fast path: everything before the next CR is content
                int j = i;
                while (j < end && b[j] != '\r') {
                    j++;
                }
                if (j > i) {
                    content(b, i, j - i);
                    i = j;
                    continue;
                }
            }
            byte c = b[i++];
            switch (state) {
                case SCAN -> scan(c);
                case DELIMITER_LINE -> delimiterLine(c);
                case HEADERS -> header(c);
                case EPILOGUE -> { }
            }
        }
        flush();
    }

    /**
     * The body ended. A part still open ends incomplete, with the bytes held as a possible delimiter as its
     * last content. Returns true when the close delimiter had been seen.
     */
    boolean finish() {
        if (inPart) {
            content(delimiter, 0, matched);
            flush();
            inPart = false;
            listener.end(false);
        }
        matched = 0;
        state = State.EPILOGUE;
        return closed;
    }

    /** A part header block over the cap, or padding after a delimiter over its cap, was seen. */
    boolean malformed() {
        return malformed;
    }

    private void scan(byte c) {
        while (matched > 0 && c != delimiter[matched]) {
            int k = failure[matched - 1];
            content(delimiter, 0, matched - k);
            matched = k;
        }
        if (c == delimiter[matched]) {
            if (++matched == delimiter.length) {
                matched = 0;
                flush();
                if (inPart) {
                    inPart = false;
                    listener.end(true);
                }
                state = State.DELIMITER_LINE;
                dashes = 0;
                padding = 0;
            }
        } else {
            batch(c);
        }
    }

    private void delimiterLine(byte c) {
        if (dashes >= 0 && c == '-') {
            if (++dashes == 2) {
                closed = true;
                state = State.EPILOGUE;
            }
            return;
        }
        dashes = -1;
        if (c == '\n') {
            state = State.HEADERS;
            headerLen = 0;
            lineLen = 0;
            headerOverflow = false;
        } else if (++padding > MAX_PADDING) {
            malformed = true;
            state = State.SCAN; // not a delimiter line after all: look for the next one
        }
    }

    private void header(byte c) {
        if (headerLen < header.length) {
            header[headerLen++] = c;
        } else {
            headerOverflow = true;
        }
        if (c == '\n') {
            if (lineLen == 0) {
                startPart();
            }
            lineLen = 0;
        } else if (c != '\r') {
            lineLen++;
        }
    }

    private void startPart() {
        state = State.SCAN;
        if (headerOverflow) {
            malformed = true;
            return;
        }
        Part p = parse(new String(header, 0, headerLen, StandardCharsets.UTF_8));
        if (p.filename() != null) {
            inPart = true;
            listener.start(p);
        }
    }

    private void content(byte[] b, int off, int len) {
        if (!inPart || len == 0) {
            return;
        }
        if (len > batch.length - batchLen) {
            flush();
            listener.data(b, off, len);
            return;
        }
        System.arraycopy(b, off, batch, batchLen, len);
        batchLen += len;
    }

    private void batch(byte c) {
        if (!inPart) {
            return;
        }
        if (batchLen == batch.length) {
            flush();
        }
        batch[batchLen++] = c;
    }

    private void flush() {
        if (batchLen > 0) {
            int n = batchLen;
            batchLen = 0;
            listener.data(batch, 0, n);
        }
    }

    /** The part's headers: Content-Disposition (RFC 7578 section 4.2) and Content-Type; folded lines joined. */
    static Part parse(String block) {
        String disposition = null;
        String contentType = "";
        String[] lines = block.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            StringBuilder line = new StringBuilder(lines[i]);
            while (i + 1 < lines.length && !lines[i + 1].isEmpty()
                    && (lines[i + 1].charAt(0) == ' ' || lines[i + 1].charAt(0) == '\t')) {
                line.append(' ').append(lines[++i].strip());
            }
            int colon = line.indexOf(":");
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals("content-disposition") && disposition == null) {
                disposition = value;
            } else if (name.equals("content-type") && contentType.isEmpty()) {
                contentType = value;
            }
        }
        if (disposition == null) {
            return new Part("", null, contentType);
        }
        ContentDisposition d = ContentDisposition.parse(disposition);
        return new Part(d.name(), d.filename(), contentType);
    }
}
