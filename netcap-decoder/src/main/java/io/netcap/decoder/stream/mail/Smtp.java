package io.netcap.decoder.stream.mail;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.StreamProbe;
import io.netcap.types.RecordType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A streaming SMTP parser (RFC 5321) of one conversation, writing an {@code SMTP} record at its end and a
 * {@code Mail} record per message (docs/mail.md). Commands may be pipelined (RFC 2920): replies are paired with
 * commands in order. A message follows {@code DATA} once the server answered 354, ends at a line {@code .} and is
 * dot-unstuffed; {@code BDAT} chunks (RFC 3030) are read by their sizes. After {@code STARTTLS} and its 220 reply
 * the conversation is TLS: parsing stops and the record says {@code IsEncrypted}.
 */
public final class Smtp extends MailDialogue {
    public static final String MALFORMED = "MALFORMED_SMTP";
    static final String ORIGIN = "SMTP";

    private enum Client {
        COMMAND,
        /** Lines of a SASL exchange after AUTH (RFC 4954), answered by 334 replies. */
        AUTH_RESPONSE,
        DATA,
        BDAT
    }

    private Client client = Client.COMMAND;
    /** Commands sent and not yet answered, in order. */
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private String mailFrom = "";
    private String candidateFrom = "";
    private final ArrayDeque<String> candidateTo = new ArrayDeque<>();
    private final List<String> recipients = new ArrayList<>();
    private MailReader reader;
    private DotStuffed data;
    private long bdatLeft;
    private boolean bdatLast;
    private boolean greeted;

    public Smtp(Conversation conv, StreamEnv env) {
        super(conv, env);
    }

    /**
     * Content test (docs/mail.md): a server greeting {@code 220} naming SMTP or ESMTP in its first line, or a
     * client opening with {@code EHLO}, {@code HELO}, {@code MAIL FROM:} or {@code RCPT TO:}.
     */
    public static StreamProbe.Verdict probe(byte[] client, int clientLength, byte[] server, int serverLength) {
        StreamProbe.Verdict s = greeting(server, serverLength);
        if (s == StreamProbe.Verdict.MATCH) {
            return s;
        }
        StreamProbe.Verdict c = ProbeText.firstWord(client, clientLength, "EHLO ", "HELO ", "MAIL FROM:", "RCPT TO:");
        if (c == StreamProbe.Verdict.MATCH) {
            return c;
        }
        return s == StreamProbe.Verdict.NO && c == StreamProbe.Verdict.NO ? StreamProbe.Verdict.NO : StreamProbe.Verdict.MORE;
    }

    private static StreamProbe.Verdict greeting(byte[] server, int n) {
        StreamProbe.Verdict start = ProbeText.firstWord(server, n, "220 ", "220-");
        if (start != StreamProbe.Verdict.MATCH) {
            return start;
        }
        String first = ProbeText.firstLine(server, n);
        if (first == null) {
            return n < ProbeText.MAX_FIRST_LINE ? StreamProbe.Verdict.MORE : StreamProbe.Verdict.NO;
        }
        return first.toUpperCase(Locale.ROOT).contains("SMTP") ? StreamProbe.Verdict.MATCH : StreamProbe.Verdict.NO;
    }

    @Override
    String malformed() {
        return MALFORMED;
    }

    @Override
    String protocol() {
        return "smtp";
    }

    @Override
    int clientData(byte[] b, int off, int len) {
        switch (client) {
            case DATA -> {
                int c = data.read(b, off, len);
                if (data.done()) {
                    endMessage(true);
                    pending.add(".");
                    client = Client.COMMAND;
                }
                return c;
            }
            case BDAT -> {
                int c = (int) Math.min(len, bdatLeft);
                if (reader != null) {
                    reader.feed(b, off, c);
                }
                bdatLeft -= c;
                if (bdatLeft == 0) {
                    if (bdatLast) {
                        endMessage(true);
                    }
                    client = Client.COMMAND;
                }
                return c;
            }
            default -> {
                return -1;
            }
        }
    }

    @Override
    int serverData(byte[] b, int off, int len) {
        return -1;
    }

    @Override
    void clientLine(String line) {
        if (client == Client.AUTH_RESPONSE) {
            pending.add("AUTH"); // a SASL response (credentials are the harvester's), answered like AUTH
            awaiting = true;
            return;
        }
        String upper = line.toUpperCase(Locale.ROOT);
        int sp = upper.indexOf(' ');
        String verb = (sp < 0 ? upper : upper.substring(0, sp)).strip();
        if (verb.isEmpty()) {
            return;
        }
        switch (verb) {
            case "MAIL" -> {
                command("MAIL FROM");
                candidateFrom = address(line);
            }
            case "RCPT" -> {
                command("RCPT TO");
                candidateTo.add(address(line));
            }
            case "DATA" -> {
                command("DATA");
                awaiting = true;
            }
            case "BDAT" -> {
                command("BDAT");
                bdat(upper, sp);
            }
            case "AUTH", "STARTTLS" -> {
                command(verb);
                awaiting = true;
            }
            default -> command(verb.length() > 32 ? verb.substring(0, 32) : text(verb));
        }
        pending.add(verb);
    }

    /** {@code BDAT <size> [LAST]}: the chunk follows at once, without waiting for a reply (RFC 3030 section 2). */
    private void bdat(String upper, int sp) {
        String[] args = sp < 0 ? new String[0] : upper.substring(sp + 1).strip().split("\\s+");
        long size;
        try {
            size = args.length == 0 ? -1 : Long.parseLong(args[0]);
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 0) {
            env.errors().error(MALFORMED, conv, "BDAT without a size");
            return;
        }
        if (reader == null) {
            startMessage();
        }
        bdatLast = args.length > 1 && args[1].equals("LAST");
        bdatLeft = size;
        if (size > 0) {
            client = Client.BDAT;
        } else if (bdatLast) {
            endMessage(true);
        }
    }

    /** The path of {@code MAIL FROM:<path> params} or {@code RCPT TO:<path> params}, without the brackets. */
    static String address(String line) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            return "";
        }
        String rest = line.substring(colon + 1).strip();
        if (rest.startsWith("<")) {
            int close = rest.indexOf('>');
            return text(close < 0 ? rest.substring(1) : rest.substring(1, close));
        }
        int sp = rest.indexOf(' ');
        return text(sp < 0 ? rest : rest.substring(0, sp));
    }

    @Override
    void serverLine(String line) {
        // RFC 5321 section 4.2: "NNN-text" continues a reply, "NNN text" or "NNN" ends it
        if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                || !Character.isDigit(line.charAt(2)) || line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-') {
            env.errors().error(MALFORMED, conv, "reply line without code");
            return;
        }
        if (line.length() > 3 && line.charAt(3) == '-') {
            return;
        }
        reply(Integer.parseInt(line.substring(0, 3)));
    }

    private void reply(int code) {
        if (!greeted) {
            greeted = true;
            if (serverSpokeFirst() || code == 220 && !"STARTTLS".equals(pending.peek())) {
                return; // RFC 5321 section 4.3.1: the greeting
            }
        }
        String cmd = pending.poll();
        if (cmd == null) {
            return; // the greeting, or a 421 closing the connection
        }
        boolean ok = code >= 200 && code < 300;
        switch (cmd) {
            case "MAIL" -> {
                if (ok) {
                    mailFrom = candidateFrom;
                    recipients.clear();
                }
            }
            case "RCPT" -> {
                String to = candidateTo.poll();
                if (ok && to != null) {
                    recipients.add(to);
                }
            }
            case "DATA" -> {
                if (code == 354) {
                    dataMode();
                }
                resolved();
            }
            case "AUTH" -> {
                client = code == 334 ? Client.AUTH_RESPONSE : Client.COMMAND;
                resolved();
            }
            case "STARTTLS" -> {
                if (code == 220) {
                    startTls(); // counted by the record's IsEncrypted, not as an error
                }
                resolved();
            }
            case "RSET", "EHLO", "HELO", "." -> {
                mailFrom = "";
                recipients.clear();
            }
            default -> { }
        }
    }

    @Override
    void heldOverflow() {
        String cmd = pending.peekLast();
        if ("DATA".equals(cmd)) {
            pending.pollLast();
            dataMode(); // a client sending this much after DATA sends the message
        } else if ("STARTTLS".equals(cmd)) {
            startTls();
        } else {
            client = Client.COMMAND;
        }
    }

    private void dataMode() {
        startMessage();
        MailReader r = reader;
        data = new DotStuffed(r == null ? null : r::feed);
        client = Client.DATA;
    }

    private void startMessage() {
        if (mailIds.size() + 1 > MAX_MAILS) {
            reader = null;
            return;
        }
        reader = new MailReader(conv, env, ORIGIN);
    }

    private void endMessage(boolean complete) {
        MailReader r = reader;
        reader = null;
        if (r == null) {
            return;
        }
        r.envelope(mailFrom, String.join(", ", recipients));
        r.end(lastTs, complete);
        mailIds.add(r.id());
    }

    @Override
    void lost(boolean clientSide, long skipped) {
        if (!clientSide) {
            return;
        }
        switch (client) {
            case DATA -> {
                endMessage(false);
                data = new DotStuffed(null); // to the end of the message
            }
            case BDAT -> {
                endMessage(false);
                bdatLeft = Math.max(0, bdatLeft - skipped);
                if (bdatLeft == 0) {
                    client = Client.COMMAND;
                }
            }
            default -> { }
        }
    }

    @Override
    void finish(boolean cut) {
        endMessage(false);
        env.records().accept(RecordType.SMTP, SmtpRecord.of(conv, firstClient(), encrypted, mailIds, commands));
    }
}
