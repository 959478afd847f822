package io.netcap.decoder.stream.imap;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.StreamParser;
import io.netcap.decoder.stream.mail.MailReader;
import io.netcap.types.IMAP;
import io.netcap.types.IMAPCommand;
import io.netcap.types.RecordType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An IMAP connection (RFC 9051): tagged commands paired with their tagged status responses, the greeting, the
 * login ({@code LOGIN}, {@code AUTHENTICATE PLAIN}), written as one {@code IMAP} record when the connection
 * ends (docs/streams.md, "IMAP"). Messages in literals, {@code APPEND}ed by the client or fetched whole
 * ({@code RFC822}, {@code BODY[]}, {@code BINARY[]}) from the server, are streamed to a {@link MailReader}.
 * After {@code STARTTLS} accepted the connection is encrypted: the record says so and the rest is not read.
 */
public final class Imap implements StreamParser {
    /** Error kinds, counted through {@link StreamEnv#errors()}. */
    public static final String MALFORMED = "MALFORMED_IMAP";
    public static final String ENCRYPTED = "imap";
    public static final String COMMAND_CAP = "IMAP_COMMAND_CAP";

    /** Commands kept per record. */
    static final int MAX_COMMANDS = 10_000;
    /** Commands awaiting their tagged response. */
    static final int MAX_PENDING = 64;
    /** A FETCH item that carries a whole message, just before its literal. */
    private static final Pattern WHOLE_MESSAGE = Pattern.compile(
            "(?i).*(?:RFC822|BODY\\[\\]|BINARY\\[\\])(?:<\\d+>)? ~?$");

    private final Conversation conv;
    private final StreamEnv env;
    private final ImapLines client;
    private final ImapLines server;
    private final List<IMAPCommand.Builder> commands = new ArrayList<>();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private String greeting;
    private String user = "";
    private String password = "";
    private boolean authenticated;
    private boolean encrypted;
    private int messages;
    /** The tag of an AUTHENTICATE whose client lines are SASL responses, its mechanism, and the responses seen. */
    private String authenticating;
    private String mechanism;
    private int saslStep;
    private String idling;
    private long now;

    /** A command awaiting its response, with the user and password it tries. */
    private static final class Pending {
        final IMAPCommand.Builder command;
        String user;
        String password;

        Pending(IMAPCommand.Builder command) {
            this.command = command;
        }
    }

    public Imap(Conversation conv, StreamEnv env) {
        this.conv = conv;
        this.env = env;
        this.client = new ImapLines(new Side(true));
        this.server = new ImapLines(new Side(false));
    }

    /**
     * Each direction's listener: its lines, and its message literals. Each has its own reader: the directions are
     * read independently, so a client's APPEND and a server's FETCH may stream at the same time.
     */
    private final class Side implements ImapLines.Listener {
        private final boolean fromClient;
        private MailReader mail;

        Side(boolean fromClient) {
            this.fromClient = fromClient;
        }

        @Override
        public boolean literalStart(String lineSoFar, long n) {
            if (fromClient ? !isAppend(lineSoFar) : !isFetchedMessage(lineSoFar)) {
                return false;
            }
            mail = new MailReader(conv, env, "IMAP");
            messages++;
            return true;
        }

        @Override
        public void literal(byte[] b, int off, int len) {
            mail.feed(b, off, len);
        }

        @Override
        public void literalEnd(boolean complete) {
            mail.end(now, complete);
            mail = null;
        }

        @Override
        public void line(String line) {
            if (fromClient) {
                command(line);
            } else {
                response(line);
            }
        }

        @Override
        public void malformed(String message) {
            env.errors().error(MALFORMED, conv, message);
        }
    }

    /** {@code tag APPEND mailbox [flags] [date] {n}}: the literal after the mailbox is the message. */
    static boolean isAppend(String lineSoFar) {
        String[] w = lineSoFar.strip().split(" +", 4);
        return w.length >= 3 && w[1].equalsIgnoreCase("APPEND");
    }

    /** {@code * n FETCH (... BODY[] {n}}: a whole message. */
    static boolean isFetchedMessage(String lineSoFar) {
        if (!lineSoFar.startsWith("* ")) {
            return false;
        }
        String[] w = lineSoFar.split(" ", 4);
        if (w.length < 4 || !w[2].equalsIgnoreCase("FETCH")) {
            return false;
        }
        String tail = lineSoFar.substring(Math.max(0, lineSoFar.length() - 32));
        return WHOLE_MESSAGE.matcher(tail).matches();
    }

    @Override
    public int parse(Direction d, byte[] b, int off, int len, long tsNanos) {
        if (encrypted) {
            return len;
        }
        now = tsNanos;
        int n = (d == Direction.CLIENT_TO_SERVER ? client : server).parse(b, off, len);
        return encrypted ? len : n;
    }

    @Override
    public void gap(Direction d, long skipped) {
        (d == Direction.CLIENT_TO_SERVER ? client : server).gap();
    }

    private void command(String line) {
        if (authenticating != null) {
            sasl(line);
            return;
        }
        if (idling != null && line.equalsIgnoreCase("DONE")) {
            return; // ends IDLE (RFC 9051 section 6.3.13)
        }
        Word tagged = Word.first(line);
        if (tagged.word().isEmpty() || tagged.rest() == null) {
            if (!line.isEmpty()) {
                env.errors().error(MALFORMED, conv, "command without tag");
            }
            return;
        }
        String tag = tagged.word();
        Word command = Word.first(tagged.rest());
        String name = command.word().toUpperCase(Locale.ROOT);
        String arg = command.restOrEmpty();
        IMAPCommand.Builder c = IMAPCommand.newBuilder().setTimestamp(now).setTag(tag).setCommand(name).setArgument(arg);
        if (commands.size() < MAX_COMMANDS) {
            commands.add(c);
        } else if (commands.size() == MAX_COMMANDS) {
            env.errors().error(COMMAND_CAP, conv, "more than " + MAX_COMMANDS + " commands");
        }
        Pending p = new Pending(c);
        if (pending.size() == MAX_PENDING) {
            pending.remove(pending.keySet().iterator().next());
        }
        pending.put(tag, p);
        switch (name) {
            case "LOGIN" -> {
                List<String> a = ImapStrings.astrings(arg, 2);
                if (a.size() == 2) {
                    p.user = a.get(0);
                    p.password = a.get(1);
                    attempt(p);
                }
            }
            case "AUTHENTICATE" -> {
                authenticating = tag;
                saslStep = 0;
                // the argument's first word; an argument of spaces alone names none
                String[] w = arg.strip().split(" +", 2);
                mechanism = w[0].toUpperCase(Locale.ROOT);
                if (w.length > 1 && !w[1].equals("=")) {
                    sasl(w[1]); // SASL-IR, RFC 4959
                }
            }
            case "IDLE" -> idling = tag;
            default -> { }
        }
    }

    /** A SASL response of AUTHENTICATE: PLAIN (RFC 4616) and LOGIN give user and password. */
    private void sasl(String line) {
        Pending p = pending.get(authenticating);
        if (p == null || line.equals("*")) {
            return;
        }
        byte[] raw;
        try {
            raw = Base64.getMimeDecoder().decode(line.strip());
        } catch (IllegalArgumentException e) {
            env.errors().error(MALFORMED, conv, "SASL response not base64");
            return;
        }
        String s = new String(raw, StandardCharsets.UTF_8);
        if (mechanism.equals("PLAIN")) {
            String[] f = s.split("\0", -1);
            if (f.length == 3) {
                p.user = f[1];
                p.password = f[2];
                attempt(p);
            }
        } else if (mechanism.equals("LOGIN")) {
            if (saslStep == 0) {
                p.user = s;
            } else if (saslStep == 1) {
                p.password = s;
                attempt(p);
            }
        }
        saslStep++;
    }

    /** A login tried: the record's user until one succeeds. */
    private void attempt(Pending p) {
        if (!authenticated) {
            user = p.user;
            password = p.password == null ? "" : p.password;
        }
    }

    private void response(String line) {
        if (line.startsWith("* ")) {
            if (greeting == null) {
                greeting = line.substring(2);
            }
            return;
        }
        if (line.startsWith("+")) {
            return; // continuation request
        }
        Word tagged = Word.first(line);
        if (tagged.word().isEmpty() || tagged.rest() == null) {
            env.errors().error(MALFORMED, conv, "response without tag");
            return;
        }
        String tag = tagged.word();
        Pending p = pending.remove(tag);
        if (p == null) {
            return; // its command was not seen (capture started later) or given up
        }
        Word result = Word.first(tagged.rest());
        String status = result.word().toUpperCase(Locale.ROOT);
        p.command.setStatus(status).setStatusText(result.restOrEmpty());
        if (tag.equals(authenticating)) {
            authenticating = null;
        }
        if (tag.equals(idling)) {
            idling = null;
        }
        if (!status.equals("OK")) {
            return;
        }
        switch (p.command.getCommand()) {
            case "LOGIN", "AUTHENTICATE" -> {
                if (p.user != null) {
                    attempt(p);
                    authenticated = true;
                }
            }
            case "STARTTLS" -> {
                encrypted = true; // RFC 9051 section 6.2.1: the TLS negotiation follows
                env.encrypted(ENCRYPTED);
            }
            default -> { }
        }
    }

    @Override
    public void end(EndReason reason, long unconsumedClient, long unconsumedServer) {
        client.end();
        server.end();
        IMAP.Builder r = IMAP.newBuilder()
                .setTimestamp(conv.firstSeenNanos())
                .setClientIP(conv.clientIp())
                .setServerIP(conv.serverIp())
                .setClientPort(conv.clientPort())
                .setServerPort(conv.serverPort())
                .setFlow(conv.ident())
                .setGreeting(greeting == null ? "" : greeting)
                .setUser(user)
                .setPassword(password)
                .setMessages(messages)
                .setIsEncrypted(encrypted);
        commands.forEach(r::addCommands);
        env.records().accept(RecordType.IMAP, r.build());
    }

    /** A line's first word up to the first space, and what follows that space (null without one). */
    private record Word(String word, String rest) {
        static Word first(String s) {
            int sp = s.indexOf(' ');
            return sp < 0 ? new Word(s, null) : new Word(s.substring(0, sp), s.substring(sp + 1));
        }

        String restOrEmpty() {
            return rest == null ? "" : rest;
        }
    }
}
