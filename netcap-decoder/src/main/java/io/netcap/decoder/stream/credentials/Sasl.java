package io.netcap.decoder.stream.credentials;

import java.util.Locale;

/**
 * A SASL exchange after SMTP's {@code AUTH} (RFC 4954) or IMAP's {@code AUTHENTICATE} (RFC 3501 6.2.2): the
 * server's continuation lines ({@code 334 ...} resp. {@code + ...}) carry base64 challenges, the client answers
 * each with one base64 line. Mechanisms PLAIN (RFC 4616), LOGIN (prompts "Username:" and "Password:") and
 * CRAM-MD5 (RFC 2195: the answer is the user name and the hex HMAC-MD5 of the challenge) and Google's XOAUTH2
 * ({@code user=<user>^Aauth=Bearer <token>^A^A}, the token taken as the password). Any other server
 * line ends the exchange, a {@code *} from the client cancels it.
 */
final class Sasl {
    /** The services of one protocol's mechanisms, as the original names them. */
    record Services(String plain, String login, String cramMd5, String xoauth2) {}

    private enum Mechanism { PLAIN, LOGIN, CRAM_MD5, XOAUTH2 }

    private enum Expect { NOTHING, PLAIN_TOKEN, USER, PASSWORD, CRAM_RESPONSE, XOAUTH2_TOKEN }

    private final String continuation;
    private final Services services;
    private Mechanism mechanism;
    private Expect expect = Expect.NOTHING;
    private String user;
    private String challenge;

    Sasl(String continuation, Services services) {
        this.continuation = continuation;
        this.services = services;
    }

    /** An exchange is under way: the server's lines matter. */
    boolean active() {
        return mechanism != null;
    }

    /** The client line is an answer of this exchange, for {@link #client}. */
    boolean expecting() {
        return expect != Expect.NOTHING;
    }

    /** The client named {@code mechanism}, with an initial response or null (RFC 4954 "AUTH PLAIN <token>"). */
    void start(String mechanism, String initial, Harvester.Found found) {
        reset();
        switch (mechanism.toUpperCase(Locale.ROOT)) {
            case "PLAIN" -> {
                if (initial != null && !initial.isEmpty() && !initial.equals("=")) {
                    plain(initial, found);
                } else {
                    this.mechanism = Mechanism.PLAIN;
                }
            }
            case "LOGIN" -> {
                this.mechanism = Mechanism.LOGIN;
                if (initial != null && !initial.isEmpty()) {
                    user = decode(initial, found);
                }
            }
            case "CRAM-MD5" -> this.mechanism = Mechanism.CRAM_MD5;
            case "XOAUTH2" -> {
                if (initial != null && !initial.isEmpty()) {
                    xoauth2(initial, found);
                } else {
                    this.mechanism = Mechanism.XOAUTH2;
                }
            }
            default -> { }
        }
    }

    /** The same flow without a command: IMAP's {@code LOGIN} with no arguments prompts like SASL LOGIN. */
    void startLogin() {
        reset();
        mechanism = Mechanism.LOGIN;
    }

    /** A server line; its text is only made during an exchange, so the lines of other sessions cost nothing. */
    void server(Line l) {
        if (mechanism == null) {
            return;
        }
        String line = l.text();
        if (line.startsWith("*")) {
            return; // IMAP's untagged data may come between
        }
        if (!line.startsWith(continuation)
                || line.length() > continuation.length() && line.charAt(continuation.length()) != ' ') {
            reset(); // the final reply
            return;
        }
        String text = line.substring(continuation.length()).strip();
        switch (mechanism) {
            case PLAIN -> expect = Expect.PLAIN_TOKEN;
            case LOGIN -> {
                String prompt = Text.base64(text);
                boolean password = prompt != null ? prompt.toLowerCase(Locale.ROOT).contains("pass") : user != null;
                expect = password ? Expect.PASSWORD : Expect.USER;
            }
            case CRAM_MD5 -> {
                challenge = Text.base64(text);
                expect = Expect.CRAM_RESPONSE;
            }
            case XOAUTH2 -> expect = Expect.XOAUTH2_TOKEN;
        }
    }

    void client(String line, Harvester.Found found) {
        Expect e = expect;
        expect = Expect.NOTHING;
        if (line.strip().equals("*")) {
            reset();
            return;
        }
        switch (e) {
            case PLAIN_TOKEN -> {
                plain(line, found);
                reset();
            }
            case XOAUTH2_TOKEN -> {
                xoauth2(line, found);
                reset();
            }
            case USER -> user = decode(line, found);
            case PASSWORD -> {
                String password = decode(line, found);
                if (password != null) {
                    found.found(services.login(), user == null ? "" : user, password, "");
                }
                reset();
            }
            case CRAM_RESPONSE -> {
                String answer = decode(line, found);
                int sp = answer == null ? -1 : answer.lastIndexOf(' ');
                if (sp > 0) {
                    found.found(services.cramMd5(), answer.substring(0, sp), answer.substring(sp + 1),
                            challenge == null ? "" : "challenge " + challenge);
                } else if (answer != null) {
                    found.malformed();
                }
                reset();
            }
            default -> { }
        }
    }

    /** authzid NUL authcid NUL passwd (RFC 4616); the user is the authentication identity. */
    private void plain(String token, Harvester.Found found) {
        String s = decode(token, found);
        if (s == null) {
            return;
        }
        String[] parts = s.split("\0", -1);
        if (parts.length == 3) {
            found.found(services.plain(), parts[1], parts[2], parts[0].isEmpty() ? "" : "authzid " + parts[0]);
        } else if (parts.length == 2) {
            found.found(services.plain(), parts[0], parts[1], "");
        } else {
            found.malformed();
        }
    }

    /** {@code user=<user>^Aauth=<scheme> <token>^A^A}: the token is what grants access. */
    private void xoauth2(String token, Harvester.Found found) {
        String s = decode(token, found);
        if (s == null) {
            return;
        }
        String user = null;
        String auth = null;
        for (String kv : s.split("\u0001")) {
            if (kv.startsWith("user=")) {
                user = kv.substring(5);
            } else if (kv.startsWith("auth=")) {
                auth = kv.substring(5);
            }
        }
        if (user == null || auth == null) {
            found.malformed();
            return;
        }
        int sp = auth.indexOf(' ');
        found.found(services.xoauth2(), user, sp < 0 ? auth : auth.substring(sp + 1), "XOAUTH2");
    }

    private static String decode(String b64, Harvester.Found found) {
        String s = Text.base64(b64);
        if (s == null) {
            found.malformed();
        }
        return s;
    }

    void reset() {
        mechanism = null;
        expect = Expect.NOTHING;
        user = null;
        challenge = null;
    }
}
