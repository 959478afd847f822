package io.netcap.decoder.stream.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.stream.StreamProbe.Verdict;
import io.netcap.decoder.tls.TlsStreamTest;
import io.netcap.types.TLSClientHello;
import io.netcap.types.Mail;
import io.netcap.types.SMTP;
import org.junit.jupiter.api.Test;

/**
 * Hand-built SMTP conversations (RFC 5321 dialogue, RFC 2920 pipelining, RFC 3030 BDAT, RFC 3207 STARTTLS)
 * through {@link Smtp}; every conversation is also replayed in pieces of every size and client-first.
 */
class SmtpTest {
    static final String GREETING = "220 mx.example.net ESMTP Postfix\r\n";
    static final String EHLO_REPLY = "250-mx.example.net\r\n250-PIPELINING\r\n250-CHUNKING\r\n250 STARTTLS\r\n";

    static Dialogue session() {
        return new Dialogue()
                .s(GREETING)
                .c("EHLO client.example.org\r\n")
                .s(EHLO_REPLY)
                .c("MAIL FROM:<alice@example.org> SIZE=100\r\n")
                .s("250 2.1.0 Ok\r\n")
                .c("RCPT TO:<bob@example.net>\r\n")
                .s("250 2.1.5 Ok\r\n")
                .c("rcpt to:<nobody@example.net>\r\n")
                .s("550 5.1.1 unknown\r\n")
                .c("DATA\r\n")
                .s("354 End data with <CR><LF>.<CR><LF>\r\n")
                .c("From: Alice <alice@example.org>\r\nTo: Bob <bob@example.net>\r\nSubject: Hi\r\n\r\n")
                .c("..a line starting with a dot\r\nbye\r\n.\r\n")
                .s("250 2.0.0 Ok: queued\r\n")
                .c("QUIT\r\n")
                .s("221 2.0.0 Bye\r\n");
    }

    static MailEnv run(Dialogue d, int piece) {
        return d.run(25, (c, e) -> new Smtp(c, e.env), piece);
    }

    @Test
    void oneMessage() {
        MailEnv env = run(session(), 0);
        SMTP smtp = env.smtp();
        assertThat(smtp.getCommandsList()).containsExactly("EHLO", "MAIL FROM", "RCPT TO", "RCPT TO", "DATA", "QUIT");
        assertThat(smtp.getSrcIP()).isEqualTo("10.0.0.1");
        assertThat(smtp.getDstIP()).isEqualTo("10.0.0.2");
        assertThat(smtp.getSrcPort()).isEqualTo(40000);
        assertThat(smtp.getDstPort()).isEqualTo(25);
        assertThat(smtp.getIsEncrypted()).isFalse();
        assertThat(smtp.getTimestamp()).isEqualTo(1_000_002_000L); // the first client byte
        Mail m = env.mails().getFirst();
        assertThat(smtp.getMailIDsList()).containsExactly(m.getID());
        assertThat(m.getFrom()).isEqualTo("Alice <alice@example.org>");
        assertThat(m.getSubject()).isEqualTo("Hi");
        assertThat(m.getReturnPath()).isEqualTo("alice@example.org");
        assertThat(m.getEnvelopeTo()).isEqualTo("bob@example.net"); // the refused recipient is not one
        assertThat(m.getBody(0).getContent()).isEqualTo(".a line starting with a dot\r\nbye\r\n");
        assertThat(env.errors).isEmpty();
    }

    @Test
    void everySplitAndTheClientFirstReplayGiveTheSameRecords() {
        MailEnv[] runs = session().splits(25, (c, e) -> new Smtp(c, e.env), 40);
        assertThat(runs[1].mails().getFirst().getBodyList()).isEqualTo(runs[0].mails().getFirst().getBodyList());
        assertThat(runs[1].smtp().getCommandsList()).isEqualTo(runs[0].smtp().getCommandsList());
    }

    @Test
    void aMessageSentBeforeTheReplyToDataIsHeldInPiecesAndReadWhole() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; body.length() < 40_000; i++) {
            body.append("line ").append(i).append("\r\n");
        }
        Dialogue d = new Dialogue()
                .s(GREETING)
                .c("EHLO client.example.org\r\n")
                .s(EHLO_REPLY)
                .c("MAIL FROM:<alice@example.org>\r\n")
                .s("250 2.1.0 Ok\r\n")
                .c("RCPT TO:<bob@example.net>\r\n")
                .s("250 2.1.5 Ok\r\n")
                .c("DATA\r\n")
                .c("Subject: Held\r\n\r\n" + body + ".\r\nQUIT\r\n") // 28 segments while the reply is awaited
                .s("354 End data with <CR><LF>.<CR><LF>\r\n")
                .s("250 2.0.0 Ok: queued\r\n")
                .s("221 2.0.0 Bye\r\n");
        MailEnv env = run(d, 1448);
        assertThat(env.smtp().getCommandsList()).containsExactly("EHLO", "MAIL FROM", "RCPT TO", "DATA", "QUIT");
        assertThat(env.mails().getFirst().getSubject()).isEqualTo("Held");
        assertThat(env.mails().getFirst().getBody(0).getContent()).isEqualTo(body.toString());
        assertThat(env.errors).isEmpty();
    }

    @Test
    void pipelinedCommandsAndARefusedDataAsInSuricataVerifysCapture() {
        MailEnv env = run(new Dialogue()
                .s("220 tux ESMTP Sendmail\r\n")
                .c("EHLO x\r\n").s("250-tux\r\n250 PIPELINING\r\n")
                .c("MAIL FROM: <bad@example.org>\r\nRCPT TO:<m@example.ch>\r\nDATA\r\n")
                .s("553 5.1.8 no domain\r\n503 5.0.0 Need MAIL before RCPT\r\n503 5.0.0 Need MAIL command\r\n")
                .c("RSET\r\n").s("250 2.0.0 Reset state\r\n")
                .c("MAIL FROM: <ok@example.org>\r\nRCPT TO:<m@example.ch>\r\nDATA\r\n")
                .s("250 ok\r\n250 ok\r\n354 go\r\n")
                .c("Subject: second\r\n\r\nx\r\n.\r\n").s("250 queued\r\n"), 0);
        assertThat(env.smtp().getCommandsList()).containsExactly("EHLO", "MAIL FROM", "RCPT TO", "DATA", "RSET",
                "MAIL FROM", "RCPT TO", "DATA");
        assertThat(env.mails()).singleElement().satisfies(m -> {
            assertThat(m.getSubject()).isEqualTo("second");
            assertThat(m.getReturnPath()).isEqualTo("ok@example.org");
            assertThat(m.getEnvelopeTo()).isEqualTo("m@example.ch");
        });
    }

    @Test
    void bdatChunks() {
        String part1 = "Subject: chunked\r\n\r\nfirst ";
        String part2 = "second\r\n.not stuffed\r\n";
        MailEnv env = run(new Dialogue()
                .s(GREETING).c("EHLO x\r\n").s(EHLO_REPLY)
                .c("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\n").s("250 ok\r\n250 ok\r\n")
                .c("BDAT " + part1.length() + "\r\n" + part1 + "BDAT " + part2.length() + " LAST\r\n" + part2)
                .s("250 ok\r\n250 ok\r\n")
                .c("QUIT\r\n").s("221 bye\r\n"), 0);
        assertThat(env.mails()).singleElement().satisfies(m -> {
            assertThat(m.getSubject()).isEqualTo("chunked");
            assertThat(m.getBody(0).getContent()).isEqualTo("first second\r\n.not stuffed\r\n"); // RFC 3030: no dot-stuffing
        });
        assertThat(env.smtp().getCommandsList()).containsExactly("EHLO", "MAIL FROM", "RCPT TO", "BDAT", "BDAT", "QUIT");
    }

    @Test
    void startTlsHandsTheConversationToTls() throws Exception {
        byte[] clientHello = TlsStreamTest.jdkClientHello(1);
        MailEnv env = run(new Dialogue()
                .s(GREETING).c("EHLO x\r\n").s(EHLO_REPLY)
                .c("STARTTLS\r\n").c(clientHello).s("220 2.0.0 Ready to start TLS\r\n"), 7);
        assertThat(env.smtp().getIsEncrypted()).isTrue();
        assertThat(env.smtp().getCommandsList()).containsExactly("EHLO", "STARTTLS");
        assertThat(env.errors).isEmpty();
        assertThat(env.mails()).isEmpty();
        // the hello the client sent after STARTTLS, held until the 220 came, is TLS's
        assertThat(env.records).filteredOn(TLSClientHello.class::isInstance).singleElement()
                .satisfies(m -> assertThat(((TLSClientHello) m).getSNI()).isEqualTo("www.example.com"));
    }

    @Test
    void aRefusedStartTlsContinuesInClear() {
        MailEnv env = run(new Dialogue()
                .s(GREETING).c("STARTTLS\r\n").s("454 4.7.0 TLS not available\r\n").c("QUIT\r\n").s("221 bye\r\n"), 0);
        assertThat(env.smtp().getIsEncrypted()).isFalse();
        assertThat(env.smtp().getCommandsList()).containsExactly("STARTTLS", "QUIT");
    }

    @Test
    void authExchangeLinesAreNotCommands() {
        MailEnv env = run(new Dialogue()
                .s(GREETING).c("EHLO x\r\n").s(EHLO_REPLY)
                .c("AUTH LOGIN\r\n").s("334 VXNlcm5hbWU6\r\n").c("dXNlcg==\r\n").s("334 UGFzc3dvcmQ6\r\n")
                .c("cGFzcw==\r\n").s("235 2.7.0 Authentication successful\r\n")
                .c("QUIT\r\n").s("221 bye\r\n"), 1);
        assertThat(env.smtp().getCommandsList()).containsExactly("EHLO", "AUTH", "QUIT");
    }

    @Test
    void aClientOnlyCaptureStillGivesTheMessage() {
        MailEnv env = run(new Dialogue().c("EHLO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n")
                .c("Subject: one-sided\r\n\r\nx\r\n.\r\nQUIT\r\n"), 0);
        assertThat(env.mails()).singleElement().satisfies(m -> assertThat(m.getSubject()).isEqualTo("one-sided"));
        assertThat(env.smtp().getCommandsList()).containsExactly("EHLO", "MAIL FROM", "RCPT TO", "DATA", "QUIT");
    }

    @Test
    void aMessageCutByTheConnectionsEndIsWrittenIncomplete() {
        MailEnv env = run(new Dialogue()
                .s(GREETING).c("MAIL FROM:<a@b>\r\n").s("250 ok\r\n").c("DATA\r\n").s("354 go\r\n")
                .c("Subject: cut\r\n\r\nno end"), 0);
        assertThat(env.mails()).singleElement().satisfies(m -> assertThat(m.getSubject()).isEqualTo("cut"));
        assertThat(env.smtp().getMailIDsCount()).isEqualTo(1);
    }

    private static Verdict probe(String client, String server) {
        return Dialogue.probe(Smtp::probe, client, server);
    }

    @Test
    void probe() {
        assertThat(probe("", GREETING)).isEqualTo(Verdict.MATCH);
        assertThat(probe("", "220-mx.example.net ESMTP\r\n")).isEqualTo(Verdict.MATCH);
        assertThat(probe("", "220 mx.example.net ES")).isEqualTo(Verdict.MORE);
        assertThat(probe("ehlo x\r\n", "")).isEqualTo(Verdict.MATCH);
        assertThat(probe("EH", "")).isEqualTo(Verdict.MORE);
        assertThat(probe("", "220 ProFTPD Server ready\r\n")).isEqualTo(Verdict.MORE); // the client decides
        assertThat(probe("USER anonymous\r\n", "220 ProFTPD Server ready\r\n")).isEqualTo(Verdict.NO);
        assertThat(probe("GET / HTTP/1.1\r\n", "HTTP/1.1 200 OK\r\n")).isEqualTo(Verdict.NO);
    }
}
