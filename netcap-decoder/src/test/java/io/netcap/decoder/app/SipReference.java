package io.netcap.decoder.app;

import io.netcap.types.SIP;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The straightforward String form of the SIP head parser (a String per line, name and value, a map of
 * lists), built with the generated builder: the oracle the byte-level {@link Sip} parser and its wire
 * writer are compared against.
 */
public final class SipReference {
    private SipReference() {}

    /** The record of {@code buf[off .. off+len)} with timestamp {@code ts}, or null when malformed. */
    public static SIP decode(byte[] buf, int off, int len, long ts) {
        try {
            return parse(new String(buf, off, len, StandardCharsets.ISO_8859_1), ts);
        } catch (Malformed e) {
            return null;
        }
    }

    /** The record, or the Malformed reason as a String. */
    static Object decode(byte[] m) {
        try {
            return parse(new String(m, StandardCharsets.ISO_8859_1), 0);
        } catch (Malformed e) {
            return e.reason();
        }
    }

    static SIP parse(String text, long ts) throws Malformed {
        SIP.Builder b = SIP.newBuilder().setTimestamp(ts);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String last = null;
        int pos = 0, lines = 0;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            if (nl < 0) break;
            String line = text.substring(pos, nl);
            pos = nl + 1;
            line = trim(line, "\r\n");
            if (line.isEmpty()) break;
            if (lines++ == 0) {
                firstLine(b, line);
            } else if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (last != null) {
                    List<String> vs = headers.get(last);
                    vs.set(vs.size() - 1, vs.get(vs.size() - 1) + " " + line.strip());
                }
            } else {
                int colon = line.indexOf(':');
                if (colon >= 0) {
                    String name = trim(line.substring(0, colon), " ").toLowerCase(Locale.ROOT);
                    String value = trim(line.substring(colon + 1), " ");
                    headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                    last = name;
                    specific(b, name, value);
                }
            }
        }
        if (lines == 0) throw new Malformed("empty");
        headers.forEach((k, v) -> b.addHeadersBytes(com.google.protobuf.ByteString.copyFrom(
                k + ":" + String.join(",", v), StandardCharsets.ISO_8859_1)));
        return b.build();
    }

    private static void firstLine(SIP.Builder b, String line) throws Malformed {
        String[] parts = line.split(" ", 3);
        if (parts.length < 3) throw new Malformed("invalidFirstLine");
        if (parts[0].startsWith("SIP")) {
            b.setIsResponse(true).setVersion(version(parts[0])).setResponseCode(atoi(parts[1]))
                    .setResponseStatusBytes(com.google.protobuf.ByteString.copyFrom(parts[2], StandardCharsets.ISO_8859_1));
        } else {
            b.setMethod(method(parts[0])).setVersion(version(parts[2]));
        }
    }

    private static void specific(SIP.Builder b, String name, String value) throws Malformed {
        if (name.equals("cseq")) {
            String[] s = value.split(" ");
            if (s.length > 1) {
                try {
                    Long.parseLong(s[0]);
                } catch (NumberFormatException e) {
                    throw new Malformed("badCSeq");
                }
                if (b.getIsResponse()) b.setMethod(method(s[1]));
            }
        } else if (name.equals("content-length")) {
            try {
                Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new Malformed("badContentLength");
            }
        }
    }

    static int method(String s) throws Malformed {
        int i = Sip.METHODS.indexOf(s.toUpperCase(Locale.ROOT));
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

    private static int atoi(String s) throws Malformed {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new Malformed("badStatusCode");
        }
    }

    static String trim(String s, String cut) {
        int a = 0, z = s.length();
        while (a < z && cut.indexOf(s.charAt(a)) >= 0) a++;
        while (z > a && cut.indexOf(s.charAt(z - 1)) >= 0) z--;
        return s.substring(a, z);
    }
}
