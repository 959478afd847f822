package io.netcap.decoder.app;

import io.netcap.decoder.WireSink;
import io.netcap.decoder.WireWriter;
import io.netcap.types.RecordType;
import io.netcap.types.SIP;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * SIP message head (RFC 3261 7) to a {@link SIP} record, as the original's parser reads it: the
 * start line decides request or response ({@code Version} 1 for SIP/1.0, 2 for SIP/2.0; {@code Method}
 * numbered INVITE=1 … PING=15, taken from CSeq in responses), header names lower-cased and trimmed,
 * continuation lines appended with one space, and one {@code name:value1,value2} string per name, in
 * the order the names first appear. An unknown method or version, a non-numeric status code, CSeq or
 * Content-Length rejects the message. A last line without a newline is not parsed, as in the original.
 *
 * <p>The message is read as ISO-8859-1 bytes in place: C1 does no escape analysis, so a String per line,
 * per name and per value (and a map of lists to group them) would all really be allocated. Header lines
 * are described by positions in per-thread scratch arrays, and each output header is written once into
 * a scratch buffer and copied into the record's wire bytes ({@link #encode}), the only writer of the record.
 */
public final class Sip {
    static final List<String> METHODS = List.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK",
            "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE", "PING");
    private static final byte[][] METHOD_BYTES = METHODS.stream()
            .map(m -> m.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    private static final byte[] SIP_1_0 = "SIP/1.0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIP_2_0 = "SIP/2.0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CSEQ = "cseq".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);

    /** Latin-1 lower case of every byte, as {@code String.toLowerCase(Locale.ROOT)} maps it. */
    private static final byte[] LOWER = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            char c = Character.toLowerCase((char) i);
            LOWER[i] = (byte) (c <= 0xff ? c : '?'); // never above 0xff for Latin-1, kept total anyway
        }
    }

    /**
     * Positions of the header lines of the message being parsed, reused by the thread. For header line
     * {@code i}: its name in the message ({@code nameStart..nameEnd}), its value in {@link #vals}
     * ({@code valStart..valEnd}, continuations already appended), whether it is the first line of its
     * name ({@code first}), the next line with the same lower-cased name ({@code next}, -1 at the end)
     * and, for a first line, the last line of its name ({@code tail}). Names are found through an
     * open-addressing table of first lines ({@code slots}, line + 1, 0 for empty) so that a message with
     * many headers costs linear time, as the original's map does.
     */
    private static final class Scratch {
        int[] nameStart = new int[32], nameEnd = new int[32], valStart = new int[32], valEnd = new int[32];
        int[] next = new int[32], tail = new int[32], hash = new int[32];
        boolean[] first = new boolean[32];
        int[] slots = new int[64];
        int names;
        /** Header lines of the message. */
        int headers;
        /** The start line and CSeq: the record's fields before Headers; the status is {@code buf[statusStart .. statusEnd)}. */
        boolean isResponse;
        int version, method, responseCode, statusStart, statusEnd;
        byte[] vals = new byte[512];
        int valLen;
        byte[] out = new byte[256];

        void reset() {
            valLen = 0;
            if (slots.length > 1024) {
                slots = new int[64]; // a message with many names does not make every later one clear a large table
            } else if (names > 0) {
                Arrays.fill(slots, 0);
            }
            names = 0;
            headers = 0;
            isResponse = false;
            version = method = responseCode = statusStart = statusEnd = 0;
        }

        void ensureLines(int n) {
            if (n < first.length) return;
            int m = first.length * 2;
            nameStart = Arrays.copyOf(nameStart, m);
            nameEnd = Arrays.copyOf(nameEnd, m);
            valStart = Arrays.copyOf(valStart, m);
            valEnd = Arrays.copyOf(valEnd, m);
            next = Arrays.copyOf(next, m);
            tail = Arrays.copyOf(tail, m);
            hash = Arrays.copyOf(hash, m);
            first = Arrays.copyOf(first, m);
        }

        /** Links header line {@code h} (name {@code buf[na .. nz)}) to the earlier lines of its name. */
        void group(byte[] buf, int h, int na, int nz) {
            int hc = 0;
            for (int i = na; i < nz; i++) hc = 31 * hc + LOWER[buf[i] & 0xff];
            hc ^= hc >>> 16;
            next[h] = -1;
            int mask = slots.length - 1;
            for (int i = hc & mask; ; i = (i + 1) & mask) {
                int v = slots[i];
                if (v == 0) {
                    slots[i] = h + 1;
                    first[h] = true;
                    tail[h] = h;
                    hash[h] = hc;
                    if (++names * 2 > slots.length) grow();
                    return;
                }
                int k = v - 1;
                if (hash[k] == hc && sameName(buf, nameStart[k], nameEnd[k], na, nz)) {
                    first[h] = false;
                    next[tail[k]] = h;
                    tail[k] = h;
                    return;
                }
            }
        }

        private void grow() {
            int[] old = slots;
            slots = new int[old.length * 2];
            int mask = slots.length - 1;
            for (int v : old) {
                if (v == 0) continue;
                int i = hash[v - 1] & mask;
                while (slots[i] != 0) i = (i + 1) & mask;
                slots[i] = v;
            }
        }

        void appendVal(byte[] buf, int from, int to) {
            int n = to - from;
            if (valLen + n > vals.length) vals = Arrays.copyOf(vals, Math.max(vals.length * 2, valLen + n));
            System.arraycopy(buf, from, vals, valLen, n);
            valLen += n;
        }

        void appendValByte(byte c) {
            if (valLen == vals.length) vals = Arrays.copyOf(vals, vals.length * 2);
            vals[valLen++] = c;
        }

        byte[] out(int n) {
            if (out.length < n) out = new byte[Math.max(n, out.length * 2)];
            return out;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private Sip() {}

    /** The SIP record of {@code buf[off .. off+len)} as a message: {@link #encode}'s bytes parsed back; null when malformed. */
    public static SIP decode(byte[] buf, int off, int len, long tsNanos) {
        WireWriter w = new WireWriter();
        return encode(buf, off, len, tsNanos, w) ? (SIP) WireSink.parse(RecordType.SIP, w.buffer(), w.length()) : null;
    }

    /**
     * The SIP record of {@code buf[off .. off+len)} in wire format (without packet context): written into
     * {@code w} after a {@link WireWriter#reset}. False (counted under {@code SIP.*}) when malformed; {@code w}
     * then holds nothing.
     */
    public static boolean encode(byte[] buf, int off, int len, long tsNanos, WireWriter w) {
        w.reset();
        try {
            if (buf == null || off < 0 || len < 0 || off > buf.length - len) throw new Malformed("badRange");
            Scratch s = SCRATCH.get();
            head(buf, off, off + len, s);
            w.int64(SIP.TIMESTAMP_FIELD_NUMBER, tsNanos);
            w.int32(SIP.VERSION_FIELD_NUMBER, s.version);
            w.int32(SIP.METHOD_FIELD_NUMBER, s.method);
            for (int g = 0; g < s.headers; g++) {
                if (s.first[g]) {
                    int n = header(s, buf, g); // may grow s.out, so read it only after
                    w.bytes(SIP.HEADERS_FIELD_NUMBER, s.out, 0, n); // never empty: it holds at least ':'
                }
            }
            w.bool(SIP.ISRESPONSE_FIELD_NUMBER, s.isResponse);
            w.int32(SIP.RESPONSECODE_FIELD_NUMBER, s.responseCode);
            w.bytes(SIP.RESPONSESTATUS_FIELD_NUMBER, buf, s.statusStart, s.statusEnd - s.statusStart);
            return true;
        } catch (Malformed m) {
            AppErrors.reject("SIP", m);
        }
        w.reset();
        return false;
    }

    /** Parses the start line and header lines of {@code buf[from .. to)} into {@code s}. */
    private static void head(byte[] buf, int from, int to, Scratch s) throws Malformed {
        s.reset();
        int headers = 0;
        int last = -1; // the latest header line: continuation lines extend its value
        int pos = from, lines = 0;
        while (pos < to) {
            int nl = indexOf(buf, (byte) '\n', pos, to);
            // like the original, a last line without a newline is not parsed
            if (nl < 0) break;
            int a = pos, z = nl;
            pos = nl + 1;
            // Go's bytes.Trim(line, "\r\n")
            while (a < z && (buf[a] == '\r' || buf[a] == '\n')) a++;
            while (z > a && (buf[z - 1] == '\r' || buf[z - 1] == '\n')) z--;
            if (a == z) break;
            if (lines++ == 0) {
                firstLine(s, buf, a, z);
            } else if (buf[a] == ' ' || buf[a] == '\t') {
                if (last >= 0) {
                    // value + " " + strip(line); this line's value is the last one in vals
                    while (a < z && whitespace(buf[a])) a++;
                    while (z > a && whitespace(buf[z - 1])) z--;
                    s.appendValByte((byte) ' ');
                    s.appendVal(buf, a, z);
                    s.valEnd[last] = s.valLen;
                }
            } else {
                int colon = indexOf(buf, (byte) ':', a, z);
                if (colon >= 0) {
                    int na = a, nz = colon, va = colon + 1, vz = z;
                    while (na < nz && buf[na] == ' ') na++;
                    while (nz > na && buf[nz - 1] == ' ') nz--;
                    while (va < vz && buf[va] == ' ') va++;
                    while (vz > va && buf[vz - 1] == ' ') vz--;
                    s.ensureLines(headers);
                    int h = headers++;
                    s.nameStart[h] = na;
                    s.nameEnd[h] = nz;
                    s.valStart[h] = s.valLen;
                    s.appendVal(buf, va, vz);
                    s.valEnd[h] = s.valLen;
                    s.group(buf, h, na, nz);
                    last = h;
                    specific(s, buf, na, nz, va, vz);
                }
            }
        }
        if (lines == 0) throw new Malformed("empty");
        s.headers = headers;
    }

    /**
     * Writes {@code name:value1,value2} of the name group whose first line is {@code g}, lower-cased name,
     * into {@code s.out}; returns its length.
     */
    private static int header(Scratch s, byte[] buf, int g) {
        int na = s.nameStart[g], nz = s.nameEnd[g];
        int n = nz - na; // the name, then per value its separator (':' or ',') and bytes
        for (int h = g; h >= 0; h = s.next[h]) n += 1 + s.valEnd[h] - s.valStart[h];
        byte[] out = s.out(n);
        int w = 0;
        for (int i = na; i < nz; i++) out[w++] = LOWER[buf[i] & 0xff];
        byte sep = ':';
        for (int h = g; h >= 0; h = s.next[h]) {
            out[w++] = sep;
            sep = ',';
            int l = s.valEnd[h] - s.valStart[h];
            System.arraycopy(s.vals, s.valStart[h], out, w, l);
            w += l;
        }
        return w;
    }

    /** Whether two header names are equal once lower-cased. */
    private static boolean sameName(byte[] buf, int a, int az, int b, int bz) {
        if (az - a != bz - b) return false;
        for (int i = 0; i < az - a; i++) {
            if (LOWER[buf[a + i] & 0xff] != LOWER[buf[b + i] & 0xff]) return false;
        }
        return true;
    }

    /** Whether a lower-cased header name equals the ASCII lower-case {@code lit}. */
    private static boolean nameIs(byte[] buf, int a, int z, byte[] lit) {
        if (z - a != lit.length) return false;
        for (int i = 0; i < lit.length; i++) {
            if (LOWER[buf[a + i] & 0xff] != lit[i]) return false;
        }
        return true;
    }

    /** {@code Character.isWhitespace} for a Latin-1 byte, which {@code String.strip} uses. */
    private static boolean whitespace(byte c) {
        return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20);
    }

    private static int indexOf(byte[] buf, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == c) return i;
        }
        return -1;
    }

    /** {@code line.split(" ", 3)}: method or version, URI or status code, the rest. */
    private static void firstLine(Scratch h, byte[] buf, int a, int z) throws Malformed {
        int s1 = indexOf(buf, (byte) ' ', a, z);
        int s2 = s1 < 0 ? -1 : indexOf(buf, (byte) ' ', s1 + 1, z);
        if (s2 < 0) throw new Malformed("invalidFirstLine");
        if (s1 - a >= 3 && buf[a] == 'S' && buf[a + 1] == 'I' && buf[a + 2] == 'P') {
            h.isResponse = true;
            h.version = version(buf, a, s1);
            h.responseCode = atoi(buf, s1 + 1, s2);
            h.statusStart = s2 + 1;
            h.statusEnd = z;
        } else {
            h.method = method(buf, a, s1);
            h.version = version(buf, s2 + 1, z);
        }
    }

    private static void specific(Scratch h, byte[] buf, int na, int nz, int va, int vz) throws Malformed {
        if (nameIs(buf, na, nz, CSEQ)) {
            // value.split(" "): with the value trimmed of spaces there is a second part iff it has a space
            int s1 = indexOf(buf, (byte) ' ', va, vz);
            if (s1 >= 0) {
                if (!isLong(buf, va, s1)) throw new Malformed("badCSeq");
                if (h.isResponse) {
                    int s2 = indexOf(buf, (byte) ' ', s1 + 1, vz);
                    h.method = method(buf, s1 + 1, s2 < 0 ? vz : s2);
                }
            }
        } else if (nameIs(buf, na, nz, CONTENT_LENGTH)) {
            if (!isLong(buf, va, vz)) throw new Malformed("badContentLength");
        }
    }

    /** Method number of {@code buf[a .. z)}, compared as {@code toUpperCase(Locale.ROOT)} would. */
    static int method(byte[] buf, int a, int z) throws Malformed {
        if (!ascii(buf, a, z)) return method(new String(buf, a, z - a, StandardCharsets.ISO_8859_1));
        for (int i = 0; i < METHOD_BYTES.length; i++) {
            if (equalsUpper(buf, a, z, METHOD_BYTES[i])) return i + 1;
        }
        throw new Malformed("unknownMethod");
    }

    static int version(byte[] buf, int a, int z) throws Malformed {
        if (!ascii(buf, a, z)) return version(new String(buf, a, z - a, StandardCharsets.ISO_8859_1));
        if (equalsUpper(buf, a, z, SIP_1_0)) return 1;
        if (equalsUpper(buf, a, z, SIP_2_0)) return 2;
        throw new Malformed("unknownVersion");
    }

    /** The String forms: non-ASCII bytes can upper-case to ASCII (ß to SS), so they take this path. */
    static int method(String s) throws Malformed {
        int i = METHODS.indexOf(s.toUpperCase(Locale.ROOT));
        if (i < 0) throw new Malformed("unknownMethod");
        return i + 1;
    }

    static int version(String s) throws Malformed {
        return switch (s.toUpperCase(Locale.ROOT)) {
            case "SIP/1.0" -> 1;
            case "SIP/2.0" -> 2;
            default -> throw new Malformed("unknownVersion");
        };
    }

    private static boolean ascii(byte[] buf, int a, int z) {
        for (int i = a; i < z; i++) {
            if (buf[i] < 0) return false;
        }
        return true;
    }

    /** ASCII {@code buf[a .. z)} upper-cased equals the upper-case literal. */
    private static boolean equalsUpper(byte[] buf, int a, int z, byte[] lit) {
        if (z - a != lit.length) return false;
        for (int i = 0; i < lit.length; i++) {
            int c = buf[a + i];
            if (c >= 'a' && c <= 'z') c -= 'a' - 'A';
            if (c != lit[i]) return false;
        }
        return true;
    }

    /** {@code Integer.parseInt}: status codes are short; long or odd forms go to the JDK parser. */
    private static int atoi(byte[] buf, int a, int z) throws Malformed {
        if (z - a >= 1 && z - a <= 9) {
            int v = 0;
            boolean digits = true;
            for (int i = a; i < z && digits; i++) {
                int d = buf[i] - '0';
                digits = d >= 0 && d <= 9;
                v = v * 10 + d;
            }
            if (digits) return v;
        }
        try {
            return Integer.parseInt(new String(buf, a, z - a, StandardCharsets.ISO_8859_1));
        } catch (NumberFormatException e) {
            throw new Malformed("badStatusCode");
        }
    }

    /** Whether {@code Long.parseLong} accepts {@code buf[a .. z)}; plain short digit runs are decided here. */
    private static boolean isLong(byte[] buf, int a, int z) {
        if (z - a >= 1 && z - a <= 18) {
            boolean digits = true;
            for (int i = a; i < z && digits; i++) digits = buf[i] >= '0' && buf[i] <= '9';
            if (digits) return true;
        }
        try {
            Long.parseLong(new String(buf, a, z - a, StandardCharsets.ISO_8859_1));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
