package io.netcap.decoder.stream.http;

import io.netcap.decoder.stream.StreamProbe;
import java.nio.charset.StandardCharsets;

/**
 * Recognises HTTP/1.x by content (docs/streams.md, "HTTP"). It accepts what the original's test accepts (the
 * server's first bytes contain {@code HTTP} and the client's contain one of nine method names) and, beyond
 * it, a client whose first bytes are a well-formed request line ({@code method SP target SP HTTP/1.x}, RFC 9112
 * 3, or an HTTP/0.9 {@code GET target}) before the server has spoken, or a server whose first bytes start with {@code HTTP/1.}. It says no once
 * every side that spoke can no longer become either, and the original's test cannot accept either.
 */
public final class HttpProbe implements StreamProbe {
    private static final byte[][] METHODS = {
        ascii("CONNECT"), ascii("DELETE"), ascii("GET"), ascii("HEAD"), ascii("OPTIONS"), ascii("PATCH"),
        ascii("POST"), ascii("PUT"), ascii("TRACE")};
    /** The methods by their first byte, so one pass over the bytes looks for all nine. */
    private static final byte[][][] METHODS_BY_FIRST = new byte[256][][];

    static {
        for (byte[] m : METHODS) {
            byte[][] same = METHODS_BY_FIRST[m[0]];
            same = same == null ? new byte[1][] : java.util.Arrays.copyOf(same, same.length + 1);
            same[same.length - 1] = m;
            METHODS_BY_FIRST[m[0]] = same;
        }
    }
    private static final byte[] HTTP = ascii("HTTP");
    private static final byte[] STATUS_PREFIX = ascii("HTTP/1.");
    /** No method in use is longer; a longer token is no method. */
    private static final int MAX_METHOD = 32;

    @Override
    public Verdict test(byte[] client, int clientLength, byte[] server, int serverLength) {
        // the tests at the start of the bytes first: they decide an ordinary conversation without a scan
        Verdict c = requestLine(client, clientLength);
        Verdict s = statusLine(server, serverLength);
        if (c == Verdict.MATCH || s == Verdict.MATCH) {
            return Verdict.MATCH;
        }
        boolean clientHasMethod = containsMethod(client, clientLength);
        boolean serverHasHttp = contains(server, serverLength, HTTP);
        if (clientHasMethod && serverHasHttp) {
            return Verdict.MATCH;
        }
        boolean clientOut = clientLength == 0 || c == Verdict.NO;
        boolean serverOut = serverLength == 0 || s == Verdict.NO;
        if (clientOut && serverOut && clientLength + serverLength > 0) {
            // the original's test can still accept when one side has its part and the other has not spoken
            boolean originalPossible = clientHasMethod && serverLength == 0 || serverHasHttp && clientLength == 0;
            return originalPossible ? Verdict.MORE : Verdict.NO;
        }
        return Verdict.MORE;
    }

    /** Whether {@code b} is (MATCH), may become (MORE) or cannot be (NO) the start of a request line. */
    static Verdict requestLine(byte[] b, int len) {
        int i = 0;
        while (i < len && (b[i] == '\r' || b[i] == '\n')) {
            i++; // empty lines before a request line (RFC 9112 2.2)
        }
        int start = i;
        while (i < len && HttpText.isTchar(b[i]) && i - start <= MAX_METHOD) {
            i++;
        }
        if (i < len && (i == start || b[i] != ' ' || i - start > MAX_METHOD)) {
            return Verdict.NO;
        }
        int target = ++i;
        while (i < len && b[i] != ' ') {
            if ((b[i] == '\r' || b[i] == '\n') && i > target && isGet(b, start, target - 1)) {
                return simpleRequestEnd(b, i, len); // HTTP/0.9 (RFC 1945 4.1)
            }
            if (b[i] <= 0x20 && b[i] >= 0 || b[i] == 0x7f) {
                return Verdict.NO;
            }
            i++;
        }
        if (i < len && i == target) {
            return Verdict.NO;
        }
        i++;
        for (int k = 0; k < STATUS_PREFIX.length && i < len; k++, i++) {
            if (b[i] != STATUS_PREFIX[k]) {
                return Verdict.NO;
            }
        }
        if (i < len && (b[i] < '0' || b[i] > '9')) {
            return Verdict.NO;
        }
        i++;
        if (i < len && b[i] == '\r') {
            i++;
        }
        if (i < len) {
            return b[i] == '\n' ? Verdict.MATCH : Verdict.NO;
        }
        return Verdict.MORE;
    }

    private static boolean isGet(byte[] b, int from, int to) {
        return to - from == 3 && b[from] == 'G' && b[from + 1] == 'E' && b[from + 2] == 'T';
    }

    private static Verdict simpleRequestEnd(byte[] b, int i, int len) {
        if (b[i] == '\n') {
            return Verdict.MATCH;
        }
        return i + 1 == len ? Verdict.MORE : b[i + 1] == '\n' ? Verdict.MATCH : Verdict.NO;
    }

    static Verdict statusLine(byte[] b, int len) {
        for (int k = 0; k < STATUS_PREFIX.length; k++) {
            if (k == len) {
                return Verdict.MORE;
            }
            if (b[k] != STATUS_PREFIX[k]) {
                return Verdict.NO;
            }
        }
        return Verdict.MATCH;
    }

    private static boolean containsMethod(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            byte[][] candidates = METHODS_BY_FIRST[b[i] & 0xFF];
            if (candidates != null) {
                for (byte[] m : candidates) {
                    if (at(b, len, i, m)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean contains(byte[] b, int len, byte[] needle) {
        for (int i = 0; i + needle.length <= len; i++) {
            if (at(b, len, i, needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean at(byte[] b, int len, int i, byte[] needle) {
        if (i + needle.length > len) {
            return false;
        }
        for (int k = 0; k < needle.length; k++) {
            if (b[i + k] != needle[k]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
