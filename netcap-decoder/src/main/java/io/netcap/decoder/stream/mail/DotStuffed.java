package io.netcap.decoder.stream.mail;

import io.netcap.decoder.ByteScan;

/**
 * The lines of an SMTP {@code DATA} message (RFC 5321 section 4.5.2) or a POP3 multi-line response (RFC 1939
 * section 3): a line that is a single {@code .} ends them, a leading {@code .} of any other line is removed.
 * Streams: lines may come in any pieces and are passed on as they arrive, line breaks included.
 */
final class DotStuffed {
    private final TransferDecoder.Output target;
    private boolean midLine;
    private boolean done;

    /** @param target where the unstuffed bytes go, null to skip them */
    DotStuffed(TransferDecoder.Output target) {
        this.target = target;
    }

    /** True once the terminating line was read. */
    boolean done() {
        return done;
    }

    /**
     * Reads from {@code b[off .. off+len)} up to and including the terminating line.
     *
     * @return the bytes consumed; fewer than {@code len} before the terminator when a line start is still
     *         ambiguous ({@code .} or {@code .\r} at the end of the bytes)
     */
    int read(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end && !done) {
            if (!midLine && b[i] == '.') {
                if (i + 1 >= end) {
                    break;
                }
                if (b[i + 1] == '\n') {
                    done = true;
                    return i + 2 - off;
                }
                if (b[i + 1] == '\r') {
                    if (i + 2 >= end) {
                        break;
                    }
                    if (b[i + 2] == '\n') {
                        done = true;
                        return i + 3 - off;
                    }
                }
                i++; // the stuffed dot
            }
            // the lines up to the next one starting with a dot go out at once
            int start = i;
            while (true) {
                i = ByteScan.indexOf(b, i, end, (byte) '\n');
                if (i == end) {
                    midLine = true;
                    break;
                }
                i++;
                midLine = false;
                if (i == end || b[i] == '.') {
                    break;
                }
            }
            if (target != null && i > start) {
                target.write(b, start, i - start);
            }
        }
        return i - off;
    }
}
