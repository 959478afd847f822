package io.netcap.decoder.stream.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.stream.StreamProbe.Verdict;
import io.netcap.types.Mail;
import io.netcap.types.POP3;
import org.junit.jupiter.api.Test;

/**
 * Hand-built POP3 conversations (RFC 1939, RFC 2449 CAPA, RFC 5034 AUTH, RFC 2595 STLS) through {@link Pop3};
 * every conversation is also replayed in pieces of every size and client-first.
 */
class Pop3Test {
    static Dialogue session() {
        return new Dialogue()
                .s("+OK Dovecot ready.\r\n")
                .c("CAPA\r\n").s("+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nUSER\r\n.\r\n")
                .c("USER bob\r\n").s("+OK\r\n")
                .c("PASS s3cret pass\r\n").s("+OK Logged in.\r\n")
                .c("STAT\r\n").s("+OK 1 120\r\n")
                .c("LIST\r\n").s("+OK 1 messages:\r\n1 120\r\n.\r\n")
                .c("RETR 1\r\n").s("+OK 120 octets\r\nFrom: Alice <alice@example.org>\r\nSubject: Hello\r\n\r\n"
                        + "..dot line\r\nlast\r\n.\r\n")
                .c("QUIT\r\n").s("+OK Logging out.\r\n");
    }

    static MailEnv run(Dialogue d, int piece) {
        return d.run(110, (c, e) -> new Pop3(c, e.env), piece);
    }

    @Test
    void loginAndOneRetrievedMessage() {
        MailEnv env = run(session(), 0);
        POP3 pop = env.pop3();
        assertThat(pop.getUser()).isEqualTo("bob");
        assertThat(pop.getPass()).isEqualTo("s3cret pass");
        assertThat(pop.getCommandsList()).containsExactly("CAPA", "USER", "PASS", "STAT", "LIST", "RETR", "QUIT");
        assertThat(pop.getClientIP()).isEqualTo("10.0.0.1");
        assertThat(pop.getServerIP()).isEqualTo("10.0.0.2");
        Mail m = env.mails().getFirst();
        assertThat(pop.getMailIDsList()).containsExactly(m.getID());
        assertThat(m.getOrigin()).isEqualTo("POP3");
        assertThat(m.getSubject()).isEqualTo("Hello");
        assertThat(m.getBody(0).getContent()).isEqualTo(".dot line\r\nlast\r\n");
        assertThat(env.errors).isEmpty();
    }

    @Test
    void everySplitAndTheClientFirstReplayGiveTheSameRecords() {
        MailEnv[] runs = session().splits(110, (c, e) -> new Pop3(c, e.env), 40);
        assertThat(runs[1].mails().getFirst().getBodyList()).isEqualTo(runs[0].mails().getFirst().getBodyList());
        assertThat(runs[1].pop3().getUser()).isEqualTo("bob");
    }

    @Test
    void refusedLoginsLeaveUserAndPassEmpty() {
        MailEnv env = run(new Dialogue().s("+OK ready\r\n").c("USER eve\r\n").s("-ERR no\r\n")
                .c("PASS x\r\n").s("-ERR no\r\n").c("QUIT\r\n").s("+OK\r\n"), 0);
        assertThat(env.pop3().getUser()).isEmpty();
        assertThat(env.pop3().getPass()).isEmpty();
    }

    @Test
    void saslAuthenticationGivesTheTokenAsInSuricataVerifysCapture() {
        MailEnv env = run(new Dialogue()
                .c("CAPA\r\n").s("+OK Capability list follows\r\nUSER\r\nSASL PLAIN XOAUTH2\r\n.\r\n")
                .c("AUTH XOAUTH2\r\n").s("+ \r\n")
                .c("dG9rZW4=\r\n").s("+OK Welcome.\r\n")
                .c("STAT\r\n").s("+OK 1 10\r\n")
                .c("UIDL\r\n").s("+OK\r\n1 GmailId1\r\n.\r\n")
                .c("QUIT\r\n"), 1);
        assertThat(env.pop3().getAuthToken()).isEqualTo("dG9rZW4=");
        assertThat(env.pop3().getCommandsList()).containsExactly("CAPA", "AUTH", "STAT", "UIDL", "QUIT");
        assertThat(env.errors).isEmpty();
    }

    @Test
    void apopAndStls() {
        MailEnv env = run(new Dialogue().s("+OK POP3 <1896.697170952@dbc.mtview.ca.us>\r\n")
                .c("APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n").s("+OK maildrop has 1 message\r\n")
                .c("STLS\r\n").s("+OK Begin TLS\r\n").c("\u0016\u0003\u0001RETR 1\r\n"), 0);
        assertThat(env.pop3().getUser()).isEqualTo("mrose"); // RFC 1939 section 7 example
        assertThat(env.pop3().getAuthToken()).isEqualTo("c4c9334bac560ecc979e58001b3e22fb");
        assertThat(env.pop3().getCommandsList()).containsExactly("APOP", "STLS");
    }

    @Test
    void topIsAMessageToo() {
        MailEnv env = run(new Dialogue().s("+OK\r\n").c("TOP 1 0\r\n").s("+OK\r\nSubject: head only\r\n\r\n.\r\n"), 0);
        assertThat(env.mails()).singleElement().satisfies(m -> assertThat(m.getSubject()).isEqualTo("head only"));
    }

    private static Verdict probe(String client, String server) {
        return Dialogue.probe(Pop3::probe, client, server);
    }

    @Test
    void probe() {
        assertThat(probe("", "+OK Dovecot ready.\r\n")).isEqualTo(Verdict.MORE);
        assertThat(probe("CAPA\r\n", "+OK Dovecot ready.\r\n")).isEqualTo(Verdict.MATCH);
        assertThat(probe("", "+OK POP3 server ready\r\n")).isEqualTo(Verdict.MATCH);
        assertThat(probe("CAPA\r\n", "+OK Capability list follows\r\n")).isEqualTo(Verdict.MATCH);
        assertThat(probe("a001 CAPABILITY\r\n", "+OK x\r\n")).isEqualTo(Verdict.NO);
        assertThat(probe("", "* OK IMAP4rev1 ready\r\n")).isEqualTo(Verdict.NO);
        assertThat(probe("", "+O")).isEqualTo(Verdict.MORE);
    }
}
