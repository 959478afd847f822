package io.netcap.decoder.stream.mail;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.StreamProbe;
import io.netcap.types.POP3;
import io.netcap.types.RecordType;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Set;

/**
 * A streaming POP3 parser (RFC 1939, RFC 2449, RFC 5034) of one conversation, writing a {@code POP3} record at
 * its end and a {@code Mail} record per message retrieved with {@code RETR} or {@code TOP} (docs/mail.md).
 * Commands may be pipelined; responses are paired with them in order. {@code USER} and {@code PASS} answered
 * {@code +OK} fill User and Pass, {@code APOP} User and AuthToken, {@code AUTH} the first SASL response as
 * AuthToken. After {@code STLS} and its {@code +OK} the conversation is TLS: parsing stops.
 */
public final class Pop3 extends MailDialogue {
    public static final String MALFORMED = "MALFORMED_POP3";
    static final String ORIGIN = "POP3";

    /** RFC 1939 section 9, RFC 2449 section 5, RFC 2595 section 4, RFC 5034 section 4, RFC 6856 section 2. */
    private static final Set<String> COMMANDS = Set.of("USER", "PASS", "APOP", "AUTH", "CAPA", "STAT", "LIST",
            "RETR", "TOP", "UIDL", "DELE", "NOOP", "RSET", "QUIT", "STLS", "UTF8", "LANG");

    private enum Client { COMMAND, AUTH_RESPONSE }

    /** What a SASL response line is listed as while it awaits the server's answer. */
    private static final String SASL_RESPONSE = " sasl";

    private Client client = Client.COMMAND;
    /** Commands sent and not yet answered, in order, with their argument count. */
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private final ArrayDeque<String> arguments = new ArrayDeque<>();
    private String user = "";
    private String pass = "";
    private String authToken = "";
    /** The server's multi-line response being read; null in response-line mode. */
    private DotStuffed lines;
    private MailReader reader;
    private boolean greeted;

    public Pop3(Conversation conv, StreamEnv env) {
        super(conv, env);
    }

    /**
     * Content test (docs/mail.md): the server answers {@code +OK} and the client's first line is a POP3
     * command; or the server's first line is {@code +OK} naming POP. A greeting alone is not enough (IMAP and
     * other protocols have none like it, but proprietary ones might).
     */
    public static StreamProbe.Verdict probe(byte[] client, int clientLength, byte[] server, int serverLength) {
        StreamProbe.Verdict s = ProbeText.firstWord(server, serverLength, "+OK");
        if (s == StreamProbe.Verdict.NO) {
            return s;
        }
        String greeting = ProbeText.firstLine(server, serverLength);
        if (s == StreamProbe.Verdict.MATCH && greeting != null && greeting.toUpperCase(Locale.ROOT).contains("POP")) {
            return StreamProbe.Verdict.MATCH;
        }
        String first = ProbeText.firstLine(client, clientLength);
        if (first == null) {
            return clientLength < ProbeText.MAX_FIRST_LINE ? StreamProbe.Verdict.MORE : StreamProbe.Verdict.NO;
        }
        int sp = first.indexOf(' ');
        String verb = (sp < 0 ? first : first.substring(0, sp)).toUpperCase(Locale.ROOT);
        if (!COMMANDS.contains(verb)) {
            return StreamProbe.Verdict.NO;
        }
        return s == StreamProbe.Verdict.MATCH ? StreamProbe.Verdict.MATCH : StreamProbe.Verdict.MORE;
    }

    @Override
    String malformed() {
        return MALFORMED;
    }

    @Override
    String protocol() {
        return "pop3";
    }

    @Override
    int clientData(byte[] b, int off, int len) {
        return -1;
    }

    @Override
    int serverData(byte[] b, int off, int len) {
        if (lines == null) {
            return -1;
        }
        int c = lines.read(b, off, len);
        if (lines.done()) {
            lines = null;
            endMessage(true);
        }
        return c;
    }

    @Override
    void clientLine(String line) {
        if (client == Client.AUTH_RESPONSE) {
            if (authToken.isEmpty() && !line.equals("*")) {
                authToken = text(line); // RFC 5034 section 4: one base64 response per challenge; "*" cancels
            }
            pending.add(SASL_RESPONSE);
            arguments.add("");
            awaiting = true;
            return;
        }
        int sp = line.indexOf(' ');
        String verb = (sp < 0 ? line : line.substring(0, sp)).strip().toUpperCase(Locale.ROOT);
        String arg = sp < 0 ? "" : text(line.substring(sp + 1));
        if (verb.isEmpty()) {
            return;
        }
        command(verb.length() > 32 ? verb.substring(0, 32) : text(verb));
        switch (verb) {
            case "AUTH" -> {
                int sp2 = arg.indexOf(' ');
                if (sp2 > 0 && authToken.isEmpty()) {
                    authToken = arg.substring(sp2 + 1).strip(); // the initial response (RFC 5034 section 4)
                }
                awaiting = !arg.isEmpty();
            }
            case "STLS" -> awaiting = true;
            default -> { }
        }
        pending.add(verb);
        arguments.add(arg);
    }

    @Override
    void serverLine(String line) {
        if (!greeted) {
            greeted = true;
            if (serverSpokeFirst()) {
                return; // RFC 1939 section 4: the greeting
            }
        }
        String cmd = pending.poll();
        String arg = arguments.poll();
        boolean ok = line.startsWith("+OK");
        if (cmd == null) {
            if (!ok && !line.startsWith("-ERR")) {
                env.errors().error(MALFORMED, conv, "response line without +OK or -ERR");
            }
            return; // unsolicited
        }
        switch (cmd) {
            case "USER" -> user = ok ? arg : user;
            case "PASS" -> pass = ok ? arg : pass;
            case "APOP" -> {
                if (ok) {
                    int sp = arg.indexOf(' ');
                    user = sp < 0 ? arg : arg.substring(0, sp);
                    authToken = sp < 0 ? authToken : arg.substring(sp + 1).strip();
                }
            }
            case "AUTH", SASL_RESPONSE -> {
                // RFC 5034: "+ challenge" asks for a response; AUTH without a mechanism lists them (RFC 1734 use)
                client = line.startsWith("+ ") || line.equals("+") ? Client.AUTH_RESPONSE : Client.COMMAND;
                if (ok && cmd.equals("AUTH") && arg.isBlank()) {
                    lines = new DotStuffed(null);
                }
                resolved();
            }
            case "STLS" -> {
                if (ok) {
                    startTls();
                }
                resolved();
            }
            case "RETR", "TOP" -> {
                if (ok) {
                    startMessage();
                    MailReader r = reader;
                    lines = new DotStuffed(r == null ? null : r::feed);
                }
            }
            case "CAPA" -> lines = ok ? new DotStuffed(null) : null;
            case "LIST", "UIDL" -> lines = ok && arg.isBlank() ? new DotStuffed(null) : null;
            default -> { }
        }
    }

    @Override
    void heldOverflow() {
        client = Client.COMMAND;
    }

    private void startMessage() {
        reader = mailIds.size() < MAX_MAILS ? new MailReader(conv, env, ORIGIN) : null;
    }

    private void endMessage(boolean complete) {
        MailReader r = reader;
        reader = null;
        if (r != null) {
            r.end(lastTs, complete);
            mailIds.add(r.id());
        }
    }

    @Override
    void lost(boolean clientSide, long skipped) {
        if (!clientSide && lines != null) {
            endMessage(false);
            lines = new DotStuffed(null); // to the end of the response
        }
    }

    @Override
    void finish(boolean cut) {
        endMessage(false);
        env.records().accept(RecordType.POP3, POP3.newBuilder()
                .setTimestamp(firstClient())
                .setClientIP(conv.clientIp())
                .setServerIP(conv.serverIp())
                .setUser(user)
                .setPass(pass)
                .setAuthToken(authToken)
                .addAllMailIDs(mailIds)
                .addAllCommands(commands)
                .build());
    }
}
