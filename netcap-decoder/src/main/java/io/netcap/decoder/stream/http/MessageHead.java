package io.netcap.decoder.stream.http;

import io.netcap.decoder.ByteScan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The head of an HTTP/1.x message (RFC 9112 2.1): the start line's three parts and the header fields in order,
 * names in Go's canonical form, values as Latin-1 text. Parsed as Go's {@code textproto} reader does, which the
 * original relies on: lines end at LF (a CR before it is dropped), a line starting with a space or tab continues
 * the previous field (obs-fold, joined with one space), values are trimmed, a field name must be a token
 * directly followed by the colon. The head is parsed where it lies in the caller's buffer; a head still needed
 * when the caller gets its buffer back is copied then ({@link #keep}), so a message read and paired within one
 * call costs no copy. A value becomes a string only when asked for; the header map of an ASCII head is written
 * from the bytes.
 */
final class MessageHead {
    /** The version given to an HTTP/0.9 simple request, which names none. */
    static final String HTTP_09 = "HTTP/0.9";

    /** Why a head was rejected: the text of a counted {@code MALFORMED_HTTP}. */
    static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    final String part1;
    final String part2;
    final String part3;
    private final boolean request;
    /**
     * The head's bytes: the caller's buffer, or once {@link #kept} a copy of the values not made strings yet.
     */
    byte[] text;
    private boolean kept;
    /** A value was folded over lines. */
    private boolean folded;
    private int count;
    private String[] names;
    /**
     * Value {@code i} is at positions {@code bounds[2i] .. bounds[2i+1]} of {@link #text}, unless it was folded
     * over lines (obs-fold); once kept, only a value not made a string before is.
     */
    private int[] bounds;
    /** The values made strings (Latin-1) so far; a folded value is only here. */
    private String[] values;
    /** One bit per name present, by its hash: a name whose bit is clear is absent, found without a comparison. */
    private long nameBits;
    /** A name occurs more than once (checked only when its bit was set already). */
    private boolean repeated;
    /** No byte of the head is above 0x7F: its text is record text as it is (UTF-8 reads ASCII unchanged). */
    private boolean ascii;

    private MessageHead(byte[] text, boolean request, String part1, String part2, String part3) {
        this.text = text;
        this.request = request;
        this.part1 = part1;
        this.part2 = part2;
        this.part3 = part3;
    }

    /**
     * Parses the head in {@code b[from .. to)}, which ends with its empty line. A request line is split at its
     * first two spaces ({@code method target version}); a status line at its first space, then the status code
     * (three characters) from the reason ({@code version code reason}). {@code ascii}: no byte of the head is
     * above 0x7F (the caller's scan for its end saw every byte). {@code lineEnds[0 .. lines)}: the first line ends
     * (LFs) of the head relative to {@code from}, as that scan found them; the rest are searched. The head reads
     * {@code b} until {@link #keep} is called.
     */
    static MessageHead parse(byte[] b, int from, int to, boolean request, int maxFields, boolean ascii,
                             int[] lineEnds, int lines) throws Malformed {
        int k = 0;
        int eol = k < lines ? from + lineEnds[k++] : indexOf(b, from, to, (byte) '\n');
        int startEnd = eol > from && b[eol - 1] == '\r' ? eol - 1 : eol;
        MessageHead h = request ? requestLine(b, from, startEnd, isSimpleRequest(b, from, startEnd))
                : statusLine(b, from, startEnd);
        h.ascii = ascii;
        // a head has at most a field per line between its start line and its empty line
        int capacity = Math.max(1, lines - 2);
        h.names = new String[capacity];
        h.values = new String[capacity];
        h.bounds = new int[2 * capacity];
        int at = eol + 1;
        while (at < to) {
            int e = k < lines ? from + lineEnds[k++] : indexOf(b, at, to, (byte) '\n');
            int lineEnd = e > at && b[e - 1] == '\r' ? e - 1 : e;
            if (lineEnd == at) {
                break;
            }
            h.field(at, lineEnd, maxFields);
            at = e + 1;
        }
        return h;
    }

    /**
     * A copy of what is still to be read of the head: the caller's buffer is about to be reused. Once is enough;
     * the header map made of an ASCII head reads the copy from then on. After parsing only field values are read
     * (the start line's parts are strings), and those made strings already (of a waiting request's record, its
     * User-Agent, Referer, Cookie and Host: the longest) need no bytes: the copy holds the others, one after the
     * other, without names, line ends, start line and empty line.
     */
    void keep() {
        if (kept) {
            return;
        }
        kept = true;
        int size = 0;
        for (int i = 0; i < count; i++) {
            if (values[i] == null) {
                size += bounds[2 * i + 1] - bounds[2 * i];
            }
        }
        byte[] copy = size == 0 ? NO_BYTES : new byte[size];
        int at = 0;
        for (int i = 0; i < count; i++) {
            if (values[i] == null) {
                int n = bounds[2 * i + 1] - bounds[2 * i];
                System.arraycopy(text, bounds[2 * i], copy, at, n);
                bounds[2 * i] = at;
                bounds[2 * i + 1] = at + n;
                at += n;
            }
        }
        text = copy;
    }

    private static final byte[] NO_BYTES = new byte[0];

    /** The request line {@code t[from .. end)}. */
    private static MessageHead requestLine(byte[] t, int from, int end, boolean simple) throws Malformed {
        if (simple) {
            return new MessageHead(t, true, "GET", HttpText.latin1(t, from + 4, end), HTTP_09);
        }
        int sp1 = indexOf(t, from, end, (byte) ' ');
        int sp2 = sp1 == end ? end : indexOf(t, sp1 + 1, end, (byte) ' ');
        if (sp2 == end) {
            throw new Malformed("malformed request line");
        }
        String method = word(t, from, sp1);
        if (!HttpCookies.isToken(method)) {
            throw new Malformed("invalid method");
        }
        if (sp2 == sp1 + 1) {
            throw new Malformed("empty request target");
        }
        String target = HttpText.latin1(t, sp1 + 1, sp2);
        String version = word(t, sp2 + 1, end);
        if (!isVersion(version)) {
            throw new Malformed("malformed HTTP version");
        }
        return new MessageHead(t, true, method, target, version);
    }

    /** The status line {@code t[from .. end)}. */
    private static MessageHead statusLine(byte[] t, int from, int end) throws Malformed {
        int sp = indexOf(t, from, end, (byte) ' ');
        if (sp == end) {
            throw new Malformed("malformed status line");
        }
        String version = word(t, from, sp);
        int s = sp + 1;
        while (s < end && t[s] == ' ') {
            s++;
        }
        int e = indexOf(t, s, end, (byte) ' ');
        String status = e - s == 3 && t[s] >= '1' && t[s] <= '9' && isDigit((char) t[s + 1]) && isDigit((char) t[s + 2])
                ? STATUS_CODES[(t[s] - '0') * 100 + (t[s + 1] - '0') * 10 + t[s + 2] - '0' - 100] : null;
        if (status == null) { // not three digits: as Go's Atoi reads them
            String code = HttpText.latin1(t, s, e);
            Long n = code.length() == 3 ? HttpCookies.atoi(code) : null;
            if (n == null || n < 0) {
                throw new Malformed("malformed status code");
            }
            status = code.charAt(0) >= '1' && code.charAt(0) <= '9' && n >= 100 ? code : String.valueOf(n);
        }
        if (!isVersion(version)) {
            throw new Malformed("malformed HTTP version");
        }
        return new MessageHead(t, false, version, status, ""); // no record field takes the reason phrase
    }

    /** The status codes 100 to 999 as text, made once. */
    private static final String[] STATUS_CODES = new String[900];

    static {
        for (int i = 0; i < STATUS_CODES.length; i++) {
            STATUS_CODES[i] = String.valueOf(100 + i);
        }
    }

    /** The start-line words of nearly every message, made once. */
    private static final String[] WORDS = {"GET", "POST", "HTTP/1.1", "HTTP/1.0"};
    private static final byte[][] WORD_BYTES = new byte[WORDS.length][];

    static {
        for (int i = 0; i < WORDS.length; i++) {
            WORD_BYTES[i] = WORDS[i].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** The text {@code t[from .. to)}, one of {@link #WORDS} when it is one. */
    private static String word(byte[] t, int from, int to) {
        for (int i = 0; i < WORDS.length; i++) {
            if (same(WORD_BYTES[i], t, from, to)) {
                return WORDS[i];
            }
        }
        return HttpText.latin1(t, from, to);
    }

    private static boolean same(byte[] w, byte[] t, int from, int to) {
        if (w.length != to - from) {
            return false;
        }
        for (int i = 0; i < w.length; i++) {
            if (w[i] != t[from + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * An HTTP/0.9 Simple-Request (RFC 1945 4.1: {@code GET SP Request-URI CRLF}): a request line without version,
     * a head without fields. The response to it is the document alone, without a status line.
     */
    static boolean isSimpleRequest(byte[] b, int from, int to) {
        if (to - from <= 4 || b[from] != 'G' || b[from + 1] != 'E' || b[from + 2] != 'T' || b[from + 3] != ' ') {
            return false;
        }
        for (int i = to - 1; i >= from + 4; i--) { // from the end: a full request line has a space before its version
            if (b[i] == ' ') {
                return false;
            }
        }
        return true;
    }

    /** Whether the message's version is HTTP/1.1 or later (Go's {@code ProtoAtLeast(1, 1)}). */
    boolean atLeast11() {
        String v = request ? part3 : part1;
        return v.charAt(5) > '1' || v.charAt(5) == '1' && v.charAt(7) >= '1';
    }

    /** {@code HTTP/x.y} with one digit each (Go's {@code ParseHTTPVersion}). */
    static boolean isVersion(String v) {
        if (v == WORDS[2] || v == WORDS[3]) {
            return true; // HTTP/1.1 or HTTP/1.0, as word() makes them
        }
        return v.length() == 8 && v.startsWith("HTTP/") && isDigit(v.charAt(5)) && v.charAt(6) == '.'
                && isDigit(v.charAt(7));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The field line {@code text[from .. to)} (not empty, without its line end). */
    private void field(int from, int to, int maxFields) throws Malformed {
        byte[] b = text;
        if (b[from] == ' ' || b[from] == '\t') {
            if (count == 0) {
                throw new Malformed("malformed header initial line");
            }
            int last = count - 1;
            values[last] = value(last) + " " + trimmed(b, from, to);
            folded = true;
            return;
        }
        int colon = indexOf(b, from, to, (byte) ':');
        if (colon == to) {
            throw new Malformed("malformed header line");
        }
        String known = colon == from ? null : HttpText.knownKey(b, from, colon);
        if (colon == from || known == null && !token(b, from, colon)) {
            throw new Malformed("malformed header name");
        }
        if (count >= maxFields) {
            throw new Malformed("too many header fields");
        }
        String name = known != null ? known : HttpText.canonicalize(b, from, colon);
        long bit = bit(name);
        if ((nameBits & bit) != 0 && !repeated) {
            repeated = index(name) >= 0;
        }
        nameBits |= bit;
        if (count == names.length) {
            names = Arrays.copyOf(names, 2 * count);
            values = Arrays.copyOf(values, 2 * count);
            bounds = Arrays.copyOf(bounds, 4 * count);
        }
        int v = colon + 1;
        int e = to;
        while (v < e && space(b[v])) {
            v++;
        }
        while (e > v && space(b[e - 1])) {
            e--;
        }
        names[count] = name;
        bounds[2 * count] = v;
        bounds[2 * count + 1] = e;
        count++;
    }

    /** Value {@code i}, as Latin-1 text. */
    String value(int i) {
        String v = values[i];
        if (v == null) {
            v = HttpText.latin1(text, bounds[2 * i], bounds[2 * i + 1]);
            values[i] = v;
        }
        return v;
    }

    private static long bit(String name) {
        return 1L << (name.hashCode() & 63);
    }

    /** No byte of the head is above 0x7F. */
    boolean ascii() {
        return ascii;
    }

    /** Message text (Latin-1) of this head as record text ({@link HttpText#utf8}). */
    String text(String latin1) {
        return ascii ? latin1 : HttpText.utf8(latin1);
    }

    private static boolean token(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!HttpText.isTchar(b[i])) {
                return false;
            }
        }
        return true;
    }

    /** {@link HttpCookies#trim} of the Latin-1 text {@code b[from .. to)}. */
    private static String trimmed(byte[] b, int from, int to) {
        while (from < to && space(b[from])) {
            from++;
        }
        while (to > from && space(b[to - 1])) {
            to--;
        }
        return HttpText.latin1(b, from, to);
    }

    private static boolean space(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** The first value of a field, empty if absent (Go's {@code Header.Get}). */
    String first(String canonicalName) {
        int i = (nameBits & bit(canonicalName)) == 0 ? -1 : index(canonicalName);
        return i < 0 ? "" : value(i);
    }

    /** Whether the first value of a field holds a byte {@code c}, found eight bytes at a time in the head. */
    boolean firstHolds(String canonicalName, byte c) {
        int i = (nameBits & bit(canonicalName)) == 0 ? -1 : index(canonicalName);
        if (i < 0) {
            return false;
        }
        String v = values[i];
        if (v != null && (folded || kept)) {
            return v.indexOf(c) >= 0; // folded over lines, or not among the bytes kept: the string holds it whole
        }
        int to = bounds[2 * i + 1];
        return ByteScan.indexOf(text, bounds[2 * i], to, c) < to;
    }

    boolean has(String canonicalName) {
        return (nameBits & bit(canonicalName)) != 0 && index(canonicalName) >= 0;
    }

    /**
     * The first field of a name. A known name is one instance ({@link HttpText#knownKey}), the literal it is looked
     * up with: found by identity; other names, and a name absent whose hash bit another one set, by equality.
     */
    private int index(String name) {
        for (int i = 0; i < count; i++) {
            if (names[i] == name) {
                return i;
            }
        }
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The {@code Content-Length} (RFC 9112 6.3 (5)), {@code none} without one, read from the bytes when the head
     * has one such field, unfolded; {@link #SEVERAL} when it has several or a folded one (the caller compares
     * their texts).
     */
    long singleContentLength(long none) throws Malformed {
        if ((nameBits & bit("Content-Length")) == 0) {
            return none;
        }
        if (repeated) {
            return SEVERAL;
        }
        int i = index("Content-Length");
        if (i < 0) {
            return none;
        }
        if (values[i] != null) {
            return SEVERAL;
        }
        int from = bounds[2 * i];
        int to = bounds[2 * i + 1];
        while (from < to && (text[from] & 0xff) <= ' ') { // as String.trim
            from++;
        }
        while (to > from && (text[to - 1] & 0xff) <= ' ') {
            to--;
        }
        if (to == from || to - from > 18) {
            throw new Malformed("bad Content-Length");
        }
        long n = 0;
        for (int k = from; k < to; k++) {
            if (text[k] < '0' || text[k] > '9') {
                throw new Malformed("bad Content-Length");
            }
            n = n * 10 + (text[k] - '0');
        }
        return n;
    }

    static final long SEVERAL = Long.MIN_VALUE;

    /** The values of a field joined by {@code separator}, empty if absent: no list when no name occurs twice. */
    String allJoined(String canonicalName, String separator) {
        return repeated ? String.join(separator, all(canonicalName)) : first(canonicalName);
    }

    List<String> all(String canonicalName) {
        List<String> out = new ArrayList<>(1);
        for (int i = 0; (nameBits & bit(canonicalName)) != 0 && i < count; i++) {
            if (names[i].equals(canonicalName)) {
                out.add(value(i));
            }
        }
        return out;
    }

    /** Every field as a name and value pair, in order, values as {@code value} maps them. */
    List<String[]> fields(java.util.function.UnaryOperator<String> value) {
        List<String[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new String[] {names[i], value.apply(value(i))});
        }
        return out;
    }

    /**
     * The record's header map: each name with its values joined by a space, without the names Go takes out of
     * its header map ({@code Transfer-Encoding}, a request's {@code Host}, {@code Content-Length} beside chunked
     * framing), repeated equal {@code Content-Length} values once, and with Go's
     * {@code Cache-Control: no-cache} for {@code Pragma: no-cache}; in the order of a map filled name by name
     * (a name's entry stands where the name first occurs), grouped by scanning the few fields of a head. Its
     * entries are the head's fields, less those dropped or grouped: the values of an ASCII head stay its bytes.
     */
    HeaderMap headerMap(boolean chunked) {
        boolean[] skip = null;
        String[] joinedValues = null;
        long droppedBits = nameBits & (TRANSFER_ENCODING | (request ? HOST : 0) | (chunked ? CONTENT_LENGTH : 0));
        for (int i = 0; (droppedBits != 0 || repeated) && i < count; i++) { // else every field is an entry
            String name = names[i];
            if (droppedBits != 0 && (bit(name) & droppedBits) != 0 && dropped(name, chunked)
                    || repeated && occursBefore(name, i)) {
                if (skip == null) {
                    skip = new boolean[count];
                }
                skip[i] = true; // dropped, or grouped at its first occurrence
                continue;
            }
            String joined = repeated ? joined(name, i) : null;
            if (joined != null) {
                if (joinedValues == null) {
                    joinedValues = new String[count];
                }
                joinedValues[i] = joined;
            }
        }
        // Cache-Control is never dropped: the map has it when the head has it
        return new HeaderMap(this, count, skip, joinedValues, !has("Cache-Control") && "no-cache".equals(first("Pragma")));
    }

    private static final long TRANSFER_ENCODING = bit("Transfer-Encoding");
    private static final long HOST = bit("Host");
    private static final long CONTENT_LENGTH = bit("Content-Length");

    private boolean dropped(String name, boolean chunked) {
        return name.equals("Transfer-Encoding") || request && name.equals("Host")
                || chunked && name.equals("Content-Length");
    }

    String name(int i) {
        return names[i];
    }

    /** Value {@code i} as text if it was made so (always for a folded one), else null: it is {@link #valueFrom}. */
    String madeValue(int i) {
        return values[i];
    }

    /** Where value {@code i} starts and ends in {@link #text}. */
    int valueFrom(int i) {
        return bounds[2 * i];
    }

    int valueTo(int i) {
        return bounds[2 * i + 1];
    }

    /**
     * The values of the name first at {@code i} joined by a space; null when it occurs once, or as repeated equal
     * {@code Content-Length} values.
     */
    private String joined(String name, int i) {
        String value = value(i);
        boolean allEqual = true;
        StringBuilder joined = null;
        for (int j = i + 1; j < count; j++) {
            if (names[j].equals(name)) {
                if (joined == null) {
                    joined = new StringBuilder(value);
                }
                String v = value(j);
                joined.append(' ').append(v);
                allEqual &= v.equals(value);
            }
        }
        if (joined == null || name.equals("Content-Length") && allEqual) {
            return null; // Go keeps one of equal Content-Length values
        }
        return joined.toString();
    }

    private boolean occursBefore(String name, int i) {
        for (int k = 0; k < i; k++) {
            if (names[k].equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] b, int from, int to, byte x) {
        return ByteScan.indexOf(b, from, to, x);
    }

}
