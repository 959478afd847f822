package io.netcap.decoder.stream.ftp;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.StreamParser;
import io.netcap.decoder.stream.TextLines;
import io.netcap.decoder.stream.files.FileExtraction.BodySink;
import io.netcap.types.FTP;
import io.netcap.types.FTPCommand;
import io.netcap.types.FTPTransfer;
import io.netcap.types.RecordType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An FTP control connection (RFC 959): the client's commands paired in order with the server's replies
 * (multi-line replies joined), the login, the transfers and their data addresses, written as one {@code FTP}
 * record when the connection ends (docs/streams.md, "FTP"). Announced data connections go to the capture's
 * {@link FtpDataChannels}, where {@link FtpData} finds them. After {@code AUTH} accepted with 234 (RFC 4217) the
 * connection is encrypted: the record says so and the rest is not read.
 */
public final class Ftp implements StreamParser {
    /** Error kinds, counted through {@link StreamEnv#errors()}. */
    public static final String MALFORMED = "MALFORMED_FTP";
    public static final String ENCRYPTED = "ftp";
    public static final String COMMAND_CAP = "FTP_COMMAND_CAP";

    /** Longest line read; RFC 959 sets none, RFC 2640 servers accept a few KiB. */
    public static final int MAX_LINE = 8192;
    /** Commands kept per record. */
    static final int MAX_COMMANDS = 10_000;
    /** Commands awaiting their reply. */
    static final int MAX_PENDING = 64;
    /** Characters of a reply's text kept. */
    static final int MAX_REPLY_TEXT = 4096;

    private final Conversation conv;
    private final StreamEnv env;
    private final List<FTPCommand.Builder> commands = new ArrayList<>();
    private final List<FTPTransfer.Builder> transfers = new ArrayList<>();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private String greeting;
    private boolean greeted;
    private String user = "";
    private String password = "";
    private boolean loggedIn;
    private boolean encrypted;
    /** The announced data connection not yet used by a transfer command. */
    private FtpDataChannels.Transfer announced;
    /** Inside a multi-line reply: its code, else -1. */
    private int multiCode = -1;
    private final StringBuilder replyText = new StringBuilder();
    private final boolean[] skipping = new boolean[2];

    private record Pending(FTPCommand.Builder command, FTPTransfer.Builder transfer) {}

    public Ftp(Conversation conv, StreamEnv env) {
        this.conv = conv;
        this.env = env;
        env.ftpData().control(conv.clientIp(), conv.serverIp());
    }

    @Override
    public int parse(Direction d, byte[] b, int off, int len, long tsNanos) {
        int pos = off;
        int to = off + len;
        int side = d.ordinal();
        while (pos < to && !encrypted) {
            int e = TextLines.end(b, pos, to - pos);
            if (e < 0) {
                if (to - pos > MAX_LINE) {
                    if (!skipping[side]) {
                        env.errors().error(MALFORMED, conv, "line longer than " + MAX_LINE + " bytes");
                    }
                    skipping[side] = true;
                    pos = to;
                }
                break;
            }
            if (skipping[side]) {
                skipping[side] = false; // the end of a line too long to read
            } else if (e - pos > MAX_LINE) {
                env.errors().error(MALFORMED, conv, "line longer than " + MAX_LINE + " bytes");
            } else if (d == Direction.CLIENT_TO_SERVER) {
                command(TextLines.text(b, pos, e), tsNanos);
            } else {
                reply(TextLines.text(b, pos, e));
            }
            pos = e;
        }
        return encrypted ? len : pos - off;
    }

    private void command(String line, long tsNanos) {
        line = stripTelnet(line);
        if (line.isEmpty()) {
            return;
        }
        int sp = line.indexOf(' ');
        String name = (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
        String arg = sp < 0 ? "" : line.substring(sp + 1);
        FTPCommand.Builder c = FTPCommand.newBuilder().setTimestamp(tsNanos).setCommand(name).setArgument(arg);
        if (commands.size() < MAX_COMMANDS) {
            commands.add(c);
        } else if (commands.size() == MAX_COMMANDS) {
            env.errors().error(COMMAND_CAP, conv, "more than " + MAX_COMMANDS + " commands");
        }
        FTPTransfer.Builder transfer = null;
        switch (name) {
            case "USER" -> {
                if (!loggedIn) {
                    user = arg;
                    password = "";
                }
            }
            case "PASS" -> {
                if (!loggedIn) {
                    password = arg;
                }
            }
            case "PORT" -> announce(conv.clientIp(), FtpAddresses.port(arg), false);
            case "EPRT" -> announce(conv.clientIp(), FtpAddresses.extendedPort(arg), false);
            default -> {
                if (FtpCommands.isTransfer(name)) {
                    transfer = transfer(name, arg, tsNanos);
                }
            }
        }
        if (pending.size() == MAX_PENDING) {
            pending.removeFirst(); // a server that never answers: the oldest stays without reply
        }
        pending.addLast(new Pending(c, transfer));
    }

    /** Telnet IP and Synch (RFC 959 section 4.1.3, before ABOR) are not part of the command. */
    private static String stripTelnet(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) < 'A' || line.charAt(i) > 'z')) {
            i++;
        }
        return line.substring(i);
    }

    private void announce(String ip, int port, boolean passive) {
        if (port <= 0) {
            env.errors().error(MALFORMED, conv, "data address without a port");
            return;
        }
        announced = env.ftpData().announce(ip, port, passive);
    }

    private FTPTransfer.Builder transfer(String name, String arg, long tsNanos) {
        FTPTransfer.Builder t = FTPTransfer.newBuilder().setTimestamp(tsNanos).setCommand(name).setName(arg);
        if (announced != null) {
            t.setDataAddress(announced.address).setPassive(announced.passive);
            FtpDataChannels.Parked p = env.ftpData().name(announced, name, arg);
            announced = null; // one data connection per transfer (RFC 959 section 3.2 in passive use)
            if (p != null && FtpCommands.isFileTransfer(name)) {
                store(p, arg);
            }
        }
        if (transfers.size() < MAX_COMMANDS) {
            transfers.add(t);
        }
        return t;
    }

    /** A data connection that ended before this command named it. */
    private void store(FtpDataChannels.Parked p, String path) {
        BodySink sink = env.files().open(FtpData.origin(p.conversation(), path));
        if (sink != null) {
            sink.write(p.bytes(), 0, p.length());
            sink.close(p.complete());
        }
    }

    private void reply(String line) {
        if (multiCode >= 0) {
            if (line.length() >= 4 && line.charAt(3) == ' ' && code(line) == multiCode) {
                text(line.substring(4));
                int c = multiCode;
                multiCode = -1;
                completed(c, replyText.toString());
            } else {
                // intermediate lines are free text; most servers start them with the code and a hyphen
                text(line.length() >= 4 && line.charAt(3) == '-' && code(line) == multiCode ? line.substring(4) : line);
            }
            return;
        }
        int c = code(line);
        if (c < 0 || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
            env.errors().error(MALFORMED, conv, "reply without a code");
            return;
        }
        replyText.setLength(0);
        if (line.length() > 3 && line.charAt(3) == '-') {
            multiCode = c; // RFC 959 section 4.2: lines up to one starting with the same code and a space
            text(line.substring(4));
            return;
        }
        completed(c, line.length() > 4 ? line.substring(4) : "");
    }

    private void text(String s) {
        if (replyText.length() > 0 && replyText.length() < MAX_REPLY_TEXT) {
            replyText.append('\n');
        }
        int room = MAX_REPLY_TEXT - replyText.length();
        replyText.append(s, 0, Math.max(0, Math.min(room, s.length())));
    }

    /** The reply's three digits, or -1. */
    private static int code(String line) {
        if (line.length() < 3) {
            return -1;
        }
        int c = 0;
        for (int i = 0; i < 3; i++) {
            char x = line.charAt(i);
            if (x < '0' || x > '9') {
                return -1;
            }
            c = c * 10 + x - '0';
        }
        return c;
    }

    private void completed(int code, String text) {
        if (!greeted && (pending.isEmpty() || code == 220 || code == 120)) {
            // the server greets first (RFC 959 section 5.4); the client's first command may be read before it
            greeted = code != 120;
            greeting = text;
            return;
        }
        if (code < 200 || pending.isEmpty()) {
            return; // preliminary (150 opening the data connection), or unsolicited
        }
        Pending p = pending.removeFirst();
        p.command().setReplyCode(code).setReplyText(text);
        if (p.transfer() != null) {
            p.transfer().setReplyCode(code);
        }
        switch (p.command().getCommand()) {
            case "PASV" -> {
                if (code == 227) {
                    announce(conv.serverIp(), FtpAddresses.passivePort(text), true);
                }
            }
            case "EPSV" -> {
                if (code == 229) {
                    announce(conv.serverIp(), FtpAddresses.extendedPassivePort(text), true);
                }
            }
            case "USER", "PASS" -> loggedIn |= code == 230;
            case "AUTH" -> {
                if (code == 234) {
                    encrypted = true; // RFC 4217 section 4: the TLS handshake follows
                    env.encrypted(ENCRYPTED);
                }
            }
            default -> { }
        }
    }

    @Override
    public void end(EndReason reason, long unconsumedClient, long unconsumedServer) {
        FTP.Builder r = FTP.newBuilder()
                .setTimestamp(conv.firstSeenNanos())
                .setClientIP(conv.clientIp())
                .setServerIP(conv.serverIp())
                .setClientPort(conv.clientPort())
                .setServerPort(conv.serverPort())
                .setFlow(conv.ident())
                .setGreeting(greeting == null ? "" : greeting)
                .setUser(user)
                .setPassword(password)
                .setIsEncrypted(encrypted);
        commands.forEach(r::addCommands);
        transfers.forEach(r::addTransfers);
        env.records().accept(RecordType.FTP, r.build());
    }
}
