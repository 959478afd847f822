package io.netcap.cli.proxy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The head of an upstream response (RFC 9112 4 and 5): status line and header fields, read up to the empty
 * line with a cap on its size. Field values that would be unsafe to pass on (control characters, RFC 9110
 * 5.5) make the head malformed; an obs-fold is replaced by a space, as RFC 9112 5.2 allows a proxy to do.
 */
final class ResponseHead {
    /** Cap on a head's size; nginx's default proxy buffer takes 4 to 8 KiB, so this is generous. */
    static final int MAX_BYTES = 64 << 10;

    /** A head the proxy will not relay; the client gets 502. */
    static final class Malformed extends IOException {
        Malformed(String reason) {
            super(reason);
        }
    }

    final String version;
    final int status;
    final String reason;
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    private ResponseHead(String version, int status, String reason) {
        this.version = version;
        this.status = status;
        this.reason = reason;
    }

    /** Reads one head from {@code in}, up to and including its empty line. */
    static ResponseHead read(InputStream in) throws IOException {
        byte[] buf = new byte[512];
        int n = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException(n == 0 ? "upstream closed the connection without a response"
                        : "upstream response head cut short");
            }
            if (n == MAX_BYTES) {
                throw new Malformed("response head longer than " + MAX_BYTES + " bytes");
            }
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(MAX_BYTES, 2 * n));
            }
            buf[n++] = (byte) c;
            if (c == '\n' && n >= 2 && (buf[n - 2] == '\n' || n >= 3 && buf[n - 2] == '\r' && buf[n - 3] == '\n')) {
                return parse(buf, n);
            }
        }
    }

    /** Parses a head that ends with its empty line; lines end at LF, a CR before it is dropped. */
    static ResponseHead parse(byte[] b, int len) throws Malformed {
        List<String> lines = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < len; i++) {
            if (b[i] == '\n') {
                int end = i > from && b[i - 1] == '\r' ? i - 1 : i;
                lines.add(new String(b, from, end - from, StandardCharsets.ISO_8859_1));
                from = i + 1;
            }
        }
        if (lines.isEmpty() || lines.getFirst().isEmpty()) {
            throw new Malformed("no status line");
        }
        ResponseHead h = statusLine(lines.getFirst());
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                break;
            }
            h.field(line);
        }
        return h;
    }

    /** {@code HTTP/1.x SP 3DIGIT [SP reason]} (RFC 9112 4). */
    private static ResponseHead statusLine(String line) throws Malformed {
        if (line.length() < 12 || !line.startsWith("HTTP/1.") || !digit(line.charAt(7)) || line.charAt(8) != ' '
                || !digit(line.charAt(9)) || !digit(line.charAt(10)) || !digit(line.charAt(11))
                || line.length() > 12 && line.charAt(12) != ' ') {
            throw new Malformed("malformed status line");
        }
        int status = Integer.parseInt(line.substring(9, 12));
        if (status < 100) {
            throw new Malformed("status code " + status + " out of range");
        }
        String reason = line.length() > 12 ? line.substring(13) : "";
        checkValue(reason);
        return new ResponseHead(line.substring(0, 8), status, reason);
    }

    private void field(String line) throws Malformed {
        if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
            if (values.isEmpty()) {
                throw new Malformed("continuation line before the first field");
            }
            String joined = values.getLast() + " " + trim(line);
            checkValue(joined);
            values.set(values.size() - 1, joined);
            return;
        }
        int colon = line.indexOf(':');
        String name = colon < 0 ? "" : line.substring(0, colon);
        if (name.isEmpty() || !name.chars().allMatch(ResponseHead::tchar)) {
            throw new Malformed("malformed header field");
        }
        String value = trim(line.substring(colon + 1));
        checkValue(value);
        names.add(name);
        values.add(value);
    }

    /** RFC 9110 5.5: no CR, LF, NUL or other control character except HTAB in a value. */
    private static void checkValue(String v) throws Malformed {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new Malformed("control character in a header value");
            }
        }
    }

    private static String trim(String s) {
        int a = 0;
        int z = s.length();
        while (a < z && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) a++;
        while (z > a && (s.charAt(z - 1) == ' ' || s.charAt(z - 1) == '\t')) z--;
        return s.substring(a, z);
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** RFC 9110 5.6.2 token characters. */
    static boolean tchar(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    int size() {
        return names.size();
    }

    String name(int i) {
        return names.get(i);
    }

    String value(int i) {
        return values.get(i);
    }

    /** The first value of a field, "" when absent (Go's {@code Header.Get}). */
    String first(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return "";
    }

    /** Every value of a field in order. */
    List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                out.add(values.get(i));
            }
        }
        return out;
    }

    /**
     * The {@code Content-Length}, -1 when absent. Several equal values count as one; differing or invalid
     * values make the head malformed (RFC 9112 6.3, point 5).
     */
    long contentLength() throws Malformed {
        long length = -1;
        for (String field : all("Content-Length")) {
            for (String v : field.split(",", -1)) {
                String t = trim(v);
                if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new Malformed("invalid Content-Length");
                }
                long n = Long.parseLong(t);
                if (length >= 0 && n != length) {
                    throw new Malformed("conflicting Content-Length values");
                }
                length = n;
            }
        }
        return length;
    }
}
