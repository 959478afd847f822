package io.netcap.decoder.stream.imap;

import static io.netcap.decoder.stream.TextSession.client;
import static io.netcap.decoder.stream.TextSession.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.StreamProbe.Verdict;
import io.netcap.decoder.stream.TextSession;
import io.netcap.decoder.stream.TextSession.Turn;
import io.netcap.decoder.stream.ftp.FtpDataChannels;
import io.netcap.types.IMAP;
import io.netcap.types.IMAPCommand;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImapTest {
    private static final String FETCHED = "From: a@example.com\r\nSubject: hi\r\n\r\nHello {5}\r\n.\r\n";
    private static final String APPENDED = "From: b@example.com\r\nSubject: sent\r\n\r\nBye\r\n";

    private static final List<Turn> SESSION = List.of(
            server("* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"),
            client("a1 CAPABILITY\r\n"),
            server("* CAPABILITY IMAP4rev1 LITERAL+\r\na1 OK done\r\n"),
            client("a2 LOGIN {5}\r\n"),
            server("+ go ahead\r\n"),
            client("alice \"pa ss\\\"\"\r\n"),
            server("a2 OK LOGIN completed\r\n"),
            client("a3 SELECT INBOX\r\n"),
            server("* 1 EXISTS\r\na3 OK [READ-WRITE] SELECT completed\r\n"),
            client("a4 FETCH 1 (FLAGS BODY[])\r\n"),
            server("* 1 FETCH (FLAGS (\\Seen) BODY[] {" + FETCHED.length() + "}\r\n" + FETCHED + ")\r\na4 OK\r\n"),
            client("a5 APPEND Sent (\\Seen) {" + APPENDED.length() + "+}\r\n" + APPENDED + "\r\n"),
            server("a5 OK APPEND completed\r\n"),
            client("a6 FETCH 1 BODY[HEADER.FIELDS (SUBJECT)]\r\n"),
            server("* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {13}\r\nSubject: hi\r\n)\r\na6 OK\r\n"),
            client("a7 LOGOUT\r\n"),
            server("* BYE\r\na7 OK\r\n"));

    private static Conversation conversation() {
        return new Conversation(Conversation.Transport.TCP, "10.0.0.1", 40000, "10.0.0.2", 143, 5000);
    }

    private static IMAP record(TextSession s) {
        List<IMAP> imap = s.records.stream().filter(IMAP.class::isInstance).map(IMAP.class::cast).toList();
        assertThat(imap).hasSize(1);
        return imap.get(0);
    }

    /** The whole messages of FETCH BODY[] and APPEND become Mail records; a header-fields FETCH does not. */
    @Test
    void wholeMessagesBecomeMailRecords() {
        TextSession s = new TextSession(new FtpDataChannels(), false);
        s.feed(conversation(), Imap::new, SESSION, Integer.MAX_VALUE, -1);
        List<io.netcap.types.Mail> mails = s.records.stream().filter(io.netcap.types.Mail.class::isInstance)
                .map(io.netcap.types.Mail.class::cast).toList();
        assertThat(mails).extracting(io.netcap.types.Mail::getFrom, io.netcap.types.Mail::getSubject, io.netcap.types.Mail::getOrigin)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a@example.com", "hi", "IMAP"),
                        org.assertj.core.groups.Tuple.tuple("b@example.com", "sent", "IMAP"));
        assertThat(mails.get(0).getBody(0).getContent()).isEqualTo("Hello {5}\r\n.\r\n");
    }

    /**
     * The directions are read independently: a server's FETCH literal that arrives while the client's APPEND
     * literal is still streaming is a message of its own, and neither cuts the other (found by the fuzzer: one
     * reader shared by both directions was replaced, then ended twice).
     */
    @Test
    void appendAndFetchLiteralsOpenAtOnceAreTwoMessages() {
        int half = APPENDED.length() / 2;
        TextSession s = new TextSession(new FtpDataChannels(), false);
        s.feed(conversation(), Imap::new, List.of(
                server("* OK ready\r\n"),
                client("a1 APPEND Sent {" + APPENDED.length() + "+}\r\n" + APPENDED.substring(0, half)),
                server("* 1 FETCH (BODY[] {" + FETCHED.length() + "}\r\n" + FETCHED + ")\r\n"),
                client(APPENDED.substring(half) + "\r\n"),
                server("a1 OK APPEND completed\r\n")), Integer.MAX_VALUE, -1);
        assertThat(s.errors).isEmpty();
        List<io.netcap.types.Mail> mails = s.records.stream().filter(io.netcap.types.Mail.class::isInstance)
                .map(io.netcap.types.Mail.class::cast).toList();
        assertThat(mails).extracting(io.netcap.types.Mail::getFrom, io.netcap.types.Mail::getSubject)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a@example.com", "hi"),
                        org.assertj.core.groups.Tuple.tuple("b@example.com", "sent"));
        assertThat(mails).filteredOn(m -> m.getSubject().equals("sent")).singleElement()
                .satisfies(m -> assertThat(m.getBody(0).getContent()).isEqualTo("Bye\r\n"));
    }

    private static IMAP run(List<Turn> turns) {
        TextSession s = new TextSession(new FtpDataChannels(), false);
        s.feed(conversation(), Imap::new, turns, Integer.MAX_VALUE, -1);
        assertThat(s.errors).isEmpty();
        return record(s);
    }

    @Test
    void commandsStatusLoginAndMessages() {
        IMAP r = run(SESSION);
        assertThat(r.getTimestamp()).isEqualTo(5000);
        assertThat(r.getFlow()).isEqualTo("10.0.0.1:40000->10.0.0.2:143");
        assertThat(r.getGreeting()).isEqualTo("OK [CAPABILITY IMAP4rev1 LITERAL+] ready");
        assertThat(r.getUser()).isEqualTo("alice");
        assertThat(r.getPassword()).isEqualTo("pa ss\"");
        assertThat(r.getMessages()).isEqualTo(2);
        assertThat(r.getIsEncrypted()).isFalse();
        assertThat(r.getCommandsList()).extracting(IMAPCommand::getTag)
                .containsExactly("a1", "a2", "a3", "a4", "a5", "a6", "a7");
        assertThat(r.getCommandsList()).extracting(IMAPCommand::getCommand)
                .containsExactly("CAPABILITY", "LOGIN", "SELECT", "FETCH", "APPEND", "FETCH", "LOGOUT");
        assertThat(r.getCommandsList()).extracting(IMAPCommand::getStatus).containsOnly("OK");
        assertThat(r.getCommands(1).getArgument()).isEqualTo("\"alice\" \"pa ss\\\"\"");
        assertThat(r.getCommands(2).getStatusText()).isEqualTo("[READ-WRITE] SELECT completed");
        assertThat(r.getCommands(4).getArgument()).isEqualTo("Sent (\\Seen) {" + APPENDED.length() + "+}");
        assertThat(r.getCommands(4).getTimestamp()).isEqualTo(12);
    }

    @Test
    void cutAtEveryByteAndFedByteByByteGivesTheSameRecord() {
        IMAP expected = run(SESSION);
        for (int cut = 1; cut < TextSession.length(SESSION); cut++) {
            TextSession s = new TextSession(new FtpDataChannels(), false);
            s.feed(conversation(), Imap::new, SESSION, Integer.MAX_VALUE, cut);
            assertThat(record(s)).as("cut at %d", cut).isEqualTo(expected);
        }
        TextSession bytes = new TextSession(new FtpDataChannels(), false);
        bytes.feed(conversation(), Imap::new, SESSION, 1, -1);
        assertThat(record(bytes)).isEqualTo(expected);
    }

    /** Keeps what the splitter gives: lines, and the bytes of the literals it was asked to stream. */
    private static final class Splits implements ImapLines.Listener {
        final List<String> lines = new ArrayList<>();
        final List<ByteArrayOutputStream> literals = new ArrayList<>();
        final List<Boolean> complete = new ArrayList<>();

        @Override
        public boolean literalStart(String lineSoFar, long n) {
            boolean message = Imap.isFetchedMessage(lineSoFar) || Imap.isAppend(lineSoFar);
            if (message) {
                literals.add(new ByteArrayOutputStream());
            }
            return message;
        }

        @Override
        public void literal(byte[] b, int off, int len) {
            literals.get(literals.size() - 1).write(b, off, len);
        }

        @Override
        public void literalEnd(boolean done) {
            complete.add(done);
        }

        @Override
        public void line(String line) {
            lines.add(line);
        }

        @Override
        public void malformed(String message) {
            lines.add("malformed");
        }
    }

    @Test
    void messageLiteralsReachTheMailReaderVerbatimWhereverTheyAreCut() {
        byte[] server = String.join("", SESSION.stream().filter(t -> t.direction()
                == io.netcap.decoder.stream.Direction.SERVER_TO_CLIENT).map(t -> new String(t.bytes(),
                StandardCharsets.UTF_8)).toList()).getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= server.length; cut++) {
            Splits s = new Splits();
            ImapLines lines = new ImapLines(s);
            byte[] rest = feed(lines, server, 0, cut, new byte[0]);
            rest = feed(lines, server, cut, server.length - cut, rest);
            assertThat(rest).isEmpty();
            assertThat(s.literals).hasSize(1);
            assertThat(s.literals.get(0).toString(StandardCharsets.UTF_8)).as("cut at %d", cut).isEqualTo(FETCHED);
            assertThat(s.complete).containsExactly(true);
            assertThat(s.lines).contains("* 1 FETCH (FLAGS (\\Seen) BODY[] {" + FETCHED.length() + "})",
                    "* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT)] \"Subject: hi\r\n\")");
        }
    }

    /** Offers {@code rest} and the new bytes as the framework does; returns what stays unconsumed. */
    private static byte[] feed(ImapLines lines, byte[] b, int off, int len, byte[] rest) {
        byte[] all = new byte[rest.length + len];
        System.arraycopy(rest, 0, all, 0, rest.length);
        System.arraycopy(b, off, all, rest.length, len);
        int used = lines.parse(all, 0, all.length);
        return java.util.Arrays.copyOfRange(all, used, all.length);
    }

    @Test
    void authenticatePlainWithContinuationAndInitialResponse() {
        String plain = java.util.Base64.getEncoder().encodeToString("\0bob\0hunter2".getBytes(StandardCharsets.UTF_8));
        IMAP r = run(List.of(server("* OK hi\r\n"), client("x AUTHENTICATE PLAIN\r\n"), server("+ \r\n"),
                client(plain + "\r\n"), server("x OK authenticated\r\n")));
        assertThat(r.getUser()).isEqualTo("bob");
        assertThat(r.getPassword()).isEqualTo("hunter2");
        assertThat(r.getCommandsCount()).isEqualTo(1);
        IMAP ir = run(List.of(server("* OK hi\r\n"), client("y AUTHENTICATE PLAIN " + plain + "\r\n"),
                server("y OK\r\n")));
        assertThat(ir.getUser()).isEqualTo("bob");
        IMAP failed = run(List.of(server("* OK hi\r\n"), client("z LOGIN eve wrong\r\n"), server("z NO nope\r\n")));
        assertThat(failed.getUser()).isEqualTo("eve"); // tried, not authenticated
        assertThat(failed.getCommands(0).getStatus()).isEqualTo("NO");
    }

    /**
     * An AUTHENTICATE whose argument is only spaces names no mechanism: its responses give no login, and reading
     * goes on (found by the fuzzer: the mechanism was the first element of an empty split). Spaces before a
     * mechanism or an initial response hide neither.
     */
    @Test
    void authenticateWithoutMechanismGivesNoLogin() {
        String plain = java.util.Base64.getEncoder().encodeToString("\0bob\0hunter2".getBytes(StandardCharsets.UTF_8));
        IMAP none = run(List.of(server("* OK hi\r\n"), client("x AUTHENTICATE  \r\n"), server("+ \r\n"),
                client(plain + "\r\n"), server("x NO which mechanism\r\n"), client("y LOGOUT\r\n"),
                server("y OK\r\n")));
        assertThat(none.getUser()).isEmpty();
        assertThat(none.getCommandsList()).extracting(IMAPCommand::getCommand).containsExactly("AUTHENTICATE", "LOGOUT");
        IMAP spaced = run(List.of(server("* OK hi\r\n"), client("x AUTHENTICATE   PLAIN\r\n"), server("+ \r\n"),
                client(plain + "\r\n"), server("x OK\r\n")));
        assertThat(spaced.getUser()).isEqualTo("bob");
        IMAP spacedIr = run(List.of(server("* OK hi\r\n"), client("y AUTHENTICATE  PLAIN   " + plain + "\r\n"),
                server("y OK\r\n")));
        assertThat(spacedIr.getUser()).isEqualTo("bob");
        assertThat(spacedIr.getPassword()).isEqualTo("hunter2");
    }

    @Test
    void starttlsEndsReadingAndIsCounted() {
        TextSession s = new TextSession(new FtpDataChannels(), false);
        s.feed(conversation(), Imap::new, List.of(server("* OK ready\r\n"), client("t1 STARTTLS\r\n"),
                server("t1 OK Begin TLS\r\n"), client("\u0016\u0003\u0001 hello\r\nt2 LOGIN a b\r\n")),
                Integer.MAX_VALUE, -1);
        IMAP r = record(s);
        assertThat(r.getIsEncrypted()).isTrue();
        assertThat(r.getCommandsCount()).isEqualTo(1);
        assertThat(s.errors).isEmpty(); // encrypted is no error: it is counted apart
        assertThat(s.env.shared().encrypted().stats()).containsExactly(java.util.Map.entry("encrypted_imap", 1L));
    }

    @Test
    void probe() {
        ImapProbe p = new ImapProbe();
        byte[] ok = "* OK IMAP4rev1 ready\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] pop = "+OK POP3 ready\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] smtp = "220 mail ESMTP\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] login = "a001 LOGIN x y\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(p.test(new byte[0], 0, ok, ok.length)).isEqualTo(Verdict.MATCH);
        assertThat(p.test(new byte[0], 0, ok, 3)).isEqualTo(Verdict.MORE);
        assertThat(p.test(new byte[0], 0, pop, pop.length)).isEqualTo(Verdict.NO);
        assertThat(p.test(new byte[0], 0, smtp, smtp.length)).isEqualTo(Verdict.NO);
        assertThat(p.test(login, login.length, new byte[0], 0)).isEqualTo(Verdict.MATCH);
    }
}
