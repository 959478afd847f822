package io.netcap.decoder.stream.credentials;

import io.netcap.decoder.stream.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * HTTP/1.x requests: {@code Authorization: Basic} (RFC 7617, user and password split at the first colon) and
 * {@code Authorization: Digest} (the parameters as the user, no password, as the original records them), both
 * as "HTTP Basic Auth"; and login forms, urlencoded POST bodies with a user field and a password field
 * ({@link #USER_FIELDS}, {@link #PASSWORD_FIELDS}), as "HTTP" with notes "Login Parameters". A request body
 * with a Content-Length is taken raw, not as lines; at most {@link #MAX_FORM} bytes of a form are kept.
 */
final class HttpHarvester extends Harvester {
    static final String BASIC = "HTTP Basic Auth";
    static final String FORM = "HTTP";
    static final String FORM_NOTES = "Login Parameters";
    /** Field names of a login form's user: the original's two and those of common login pages. */
    static final Set<String> USER_FIELDS = Set.of("user", "username", "user_name", "login", "email", "uname",
            "userid", "usr", "log", "j_username");
    /** Field names of a login form's password: the original's two and those of common login pages. */
    static final Set<String> PASSWORD_FIELDS = Set.of("pass", "password", "passwd", "pwd", "pw", "j_password");
    static final int MAX_FORM = 4096;
    /** Outside a head only a request line is read: a capital letter first, HTTP/1.0 or HTTP/1.1 last. */
    private static final LineFilter REQUEST_LINE = LineFilter.firstAndLast('A', 'Z', "01");
    /** In a head: Authorization, Content-*, and the empty line that ends it. */
    private static final LineFilter HEAD = LineFilter.startingWith(true, "Authorization", "Content-");

    private boolean inHead;
    private long length;
    private boolean form;
    private byte[] body;
    private int bodyLen;

    @Override
    long line(Direction d, Line l, Found found) {
        if (d != Direction.CLIENT_TO_SERVER) {
            return 0;
        }
        if (!inHead) {
            if (isRequestLine(l)) {
                inHead = true;
                length = 0;
                form = false;
            }
            return 0;
        }
        if (l.length() == 0) {
            inHead = false;
            body = null;
            bodyLen = 0;
            return length;
        }
        int first = l.at(0) | 0x20; // the field name's first letter, any case (the line is not empty)
        if (!(first == 'a' && l.hasAt(0, "Authorization") || first == 'c' && l.hasAt(0, "Content-"))) {
            return 0;
        }
        String line = l.text();
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return 0;
        }
        String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).strip();
        switch (name) {
            case "authorization" -> authorization(value, found);
            case "content-length" -> length = contentLength(value);
            case "content-type" -> form = value.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
            default -> { }
        }
        return 0;
    }

    @Override
    LineFilter clientLines() {
        return inHead ? HEAD : REQUEST_LINE;
    }

    /**
     * {@code [A-Z]{3,12} \S+ HTTP/1\.[01]}, the whole line, checked on the bytes: this runs for every line a
     * client sends.
     */
    static boolean isRequestLine(Line l) {
        int len = l.length();
        int m = l.capitals();
        int version = len - 8;
        if (m < 3 || m > 12 || version - 1 <= m + 1 || l.at(m) != ' ' || l.at(version - 1) != ' ') {
            return false;
        }
        for (int i = m + 1; i < version - 1; i++) {
            int c = l.at(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
                return false;
            }
        }
        for (int i = 0; i < 7; i++) {
            if (l.at(version + i) != "HTTP/1.".charAt(i)) {
                return false;
            }
        }
        int minor = l.at(len - 1);
        return minor == '0' || minor == '1';
    }

    private static void authorization(String value, Found found) {
        String[] a = Text.command(value);
        if (a[0].equalsIgnoreCase("Basic")) {
            String s = Text.base64(a[1]);
            int colon = s == null ? -1 : s.indexOf(':');
            if (colon < 0) {
                found.malformed();
            } else if (s.length() > 1) {
                found.found(BASIC, s.substring(0, colon), s.substring(colon + 1), "");
            }
        } else if (a[0].equalsIgnoreCase("Digest") && !a[1].isEmpty()) {
            found.found(BASIC, Text.utf8(a[1]), "", "");
        }
    }

    private static long contentLength(String v) {
        if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Long.parseLong(v);
    }

    @Override
    void body(byte[] b, int off, int len) {
        if (!form) {
            return;
        }
        int n = Math.min(len, MAX_FORM - bodyLen);
        if (n <= 0) {
            return;
        }
        if (body == null) {
            body = new byte[(int) Math.min(MAX_FORM, length)];
        }
        System.arraycopy(b, off, body, bodyLen, n);
        bodyLen += n;
    }

    @Override
    void bodyEnd(Found found) {
        if (!form || bodyLen == 0) {
            return;
        }
        List<String> users = new ArrayList<>();
        List<String> passwords = new ArrayList<>();
        for (String pair : new String(body, 0, bodyLen, java.nio.charset.StandardCharsets.ISO_8859_1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = Text.formDecode(pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = Text.formDecode(pair.substring(eq + 1));
            if (USER_FIELDS.contains(key)) {
                users.add(value);
            } else if (PASSWORD_FIELDS.contains(key)) {
                passwords.add(value);
            }
        }
        body = null;
        bodyLen = 0;
        if (!users.isEmpty() && !passwords.isEmpty()) {
            found.found(FORM, String.join("; ", users), String.join("; ", passwords), FORM_NOTES);
        }
    }

    @Override
    void gap(Direction d) {
        if (d == Direction.CLIENT_TO_SERVER) {
            inHead = false;
            body = null;
            bodyLen = 0;
        }
    }
}
