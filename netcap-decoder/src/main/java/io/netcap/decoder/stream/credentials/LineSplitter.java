package io.netcap.decoder.stream.credentials;

import io.netcap.decoder.ByteScan;
import java.util.Arrays;

/**
 * Cuts one direction of a conversation into lines for the harvesters, keeping only the current line (at most
 * {@link #MAX_LINE} bytes; a longer one is dropped whole, as no login line is that long). A line ends at CR LF,
 * CR NUL (Telnet's bare carriage return, RFC 854), a lone CR or a lone LF. A line that lies whole in the bytes
 * fed is handed over in place, without a copy. On request the next bytes are a body handed over raw instead
 * ({@link #skip}).
 *
 * <p>In Telnet mode (port 23, or the direction starts with IAC) the option negotiation (RFC 854/855: IAC
 * WILL/WONT/DO/DONT option, IAC SB ... IAC SE, other IAC commands) is removed, IAC IAC is a 0xFF data byte,
 * and backspace or DEL erase the previous character, as a user correcting a typed name does.
 */
final class LineSplitter {
    /** The longest line kept: longer than any login command or authorization header seen in practice. */
    static final int MAX_LINE = 2048;

    private static final int IAC = 255;
    private static final int SB = 250;
    private static final int SE = 240;
    private static final int WILL = 251;
    private static final int DONT = 254;

    /** Receives what the splitter makes of the bytes. */
    interface Lines {
        /**
         * A complete line, {@code b[off .. off+len)}.
         *
         * @return false when no further line of the bytes being fed is read: they are then only scanned for
         *         where their last line ends
         */
        boolean line(byte[] b, int off, int len);

        /** After each feed: the unfinished current line, if any. */
        void partial(byte[] b, int len);

        void body(byte[] b, int off, int len);

        void bodyEnd();
    }

    private enum Iac { DATA, COMMAND, OPTION, SUBNEGOTIATION, SUBNEGOTIATION_IAC }

    /** Shared by every splitter that has not yet kept a line. */
    private static final byte[] NONE = new byte[0];
    private byte[] line = NONE;
    private int len;
    private boolean cut;
    private boolean afterCr;
    private boolean telnet;
    private boolean started;
    private Iac iac = Iac.DATA;
    private long body;
    /** The lines anyone reads; the others are not handed over. */
    private LineFilter filter = LineFilter.ALL;

    LineSplitter(boolean telnet) {
        this.telnet = telnet;
    }

    /** From the next line on only those {@code f} passes are handed over. */
    void filter(LineFilter f) {
        filter = f;
    }

    /** The next {@code n} bytes (after a line end just seen) go to {@link Lines#body}. */
    void skip(long n) {
        body = n;
    }

    /** In Telnet mode: by port, or the direction started with IAC. */
    boolean telnet() {
        return telnet;
    }

    /** Bytes held: the current line's buffer. */
    int retained() {
        return line.length;
    }

    /**
     * Cuts the next bytes; with {@code keep} false nobody wants this direction's lines now: they are not
     * delivered, and outside Telnet and bodies the bytes are not even scanned — the next line starts after the
     * first line end once lines are wanted again (the cheap path of a bulk direction).
     */
    void feed(byte[] b, int off, int n, Lines out, boolean keep) {
        int end = off + n;
        if (!started && n > 0) {
            started = true;
            telnet |= (b[off] & 0xFF) == IAC;
        }
        if (!keep && !telnet && body == 0 && n > 0) {
            // nobody reads these lines (a server's answer to what needs none, an HTTP download): skip them
            // without looking for line ends; only whether a line ends with this chunk matters for what follows
            int last = b[end - 1];
            if (last == '\n' || last == '\r') {
                afterCr = last == '\r';
                len = 0;
                cut = false;
            } else {
                cut = true;
            }
            return;
        }
        int i = off;
        while (i < end) {
            if (afterCr) {
                afterCr = false;
                if (b[i] == '\n' || b[i] == 0) {
                    i++;
                    continue;
                }
            }
            if (body > 0) {
                int k = (int) Math.min(body, end - i);
                body -= k;
                out.body(b, i, k);
                i += k;
                if (body == 0) {
                    out.bodyEnd();
                }
                continue;
            }
            if (telnet) {
                int run = iac == Iac.DATA ? dataRun(b, i, end) : i;
                if (run > i) {
                    append(b, i, run - i);
                    i = run;
                } else {
                    telnetByte(b[i++] & 0xFF, out);
                }
                continue;
            }
            int j = ByteScan.lineEnd(b, i, end);
            if (j == end) {
                if (keep) {
                    append(b, i, j - i);
                } else if (j > i) {
                    cut = true;
                }
                break;
            }
            afterCr = b[j] == '\r';
            boolean more;
            if (keep && len == 0 && !cut) {
                // an overlong line is dropped whole
                more = j - i > MAX_LINE || !filter.passes(b, i, j - i) || out.line(b, i, j - i);
            } else {
                if (keep) {
                    append(b, i, j - i);
                } else if (j > i) {
                    cut = true;
                }
                more = endLine(out);
            }
            i = j + 1;
            if (afterCr && i < end && (b[i] == '\n' || b[i] == 0)) {
                afterCr = false; // CR LF (or CR NUL) at once, not in another turn of the loop
                i++;
            }
            if (keep && !more && body == 0) {
                tail(b, i, end);
                break;
            }
        }
        if (len > 0 && !cut && body == 0) {
            out.partial(line, len);
        }
    }

    /**
     * The rest of the bytes has no line anyone reads: only where its last line ends is looked for, and the
     * unfinished line after it is kept, as reading every line would have left it.
     */
    private void tail(byte[] b, int i, int end) {
        int k = end - 1;
        while (k >= i && b[k] != '\r' && b[k] != '\n') {
            k--;
        }
        if (k >= i) {
            len = 0;
            cut = false;
            afterCr = b[k] == '\r';
            i = k + 1;
        }
        if (i < end && afterCr) {
            afterCr = false;
            if (b[i] == '\n' || b[i] == 0) {
                i++;
            }
        }
        append(b, i, end - i);
    }

    /**
     * Where the Telnet data bytes from {@code i} that are simply appended end: at an IAC, a line end, a backspace
     * or DEL. (A run that overflows the line cuts it without its first bytes appended, which nobody sees: a cut
     * line is neither handed over nor offered as a prompt.)
     */
    private static int dataRun(byte[] b, int i, int end) {
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c == IAC || c == '\r' || c == '\n' || c == 8 || c == 127) {
                return i;
            }
            i++;
        }
        return end;
    }

    private void telnetByte(int c, Lines out) {
        if (negotiation(c)) {
            return;
        }
        if (c == '\r' || c == '\n') {
            afterCr = c == '\r';
            endLine(out);
        } else if (c == 8 || c == 127) {
            len = Math.max(0, len - 1);
        } else {
            append(c);
        }
    }

    /** The current line is complete: handed over unless it was cut; false when no more lines are read. */
    private boolean endLine(Lines out) {
        boolean more = cut || !filter.passes(line, 0, len) || out.line(line, 0, len);
        len = 0;
        cut = false;
        return more;
    }

    /** Missing bytes: the current line, a body and a negotiation in progress are abandoned. */
    void reset() {
        len = 0;
        cut = false;
        afterCr = false;
        body = 0;
        iac = Iac.DATA;
    }

    private void append(int c) {
        if (cut) {
            return;
        }
        if (len == MAX_LINE) {
            cut = true;
            return;
        }
        if (len == line.length) {
            line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(64, len * 2)));
        }
        line[len++] = (byte) c;
    }

    private void append(byte[] b, int off, int n) {
        if (cut || n == 0) {
            return;
        }
        if (len + n > MAX_LINE) {
            cut = true;
            return;
        }
        if (len + n > line.length) {
            line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(len + n, Math.max(64, line.length * 2))));
        }
        System.arraycopy(b, off, line, len, n);
        len += n;
    }

    /** True when Telnet byte {@code c} belongs to a command, not to the data. */
    private boolean negotiation(int c) {
        switch (iac) {
            case DATA -> {
                if (c == IAC) {
                    iac = Iac.COMMAND;
                    return true;
                }
                return false;
            }
            case COMMAND -> {
                if (c == IAC) {
                    iac = Iac.DATA;
                    return false; // IAC IAC: a data byte 255
                }
                iac = c >= WILL && c <= DONT ? Iac.OPTION : c == SB ? Iac.SUBNEGOTIATION : Iac.DATA;
                return true;
            }
            case OPTION -> {
                iac = Iac.DATA;
                return true;
            }
            case SUBNEGOTIATION -> {
                if (c == IAC) {
                    iac = Iac.SUBNEGOTIATION_IAC;
                }
                return true;
            }
            default -> {
                iac = c == SE ? Iac.DATA : Iac.SUBNEGOTIATION;
                return true;
            }
        }
    }
}
