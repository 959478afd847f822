package io.netcap.decoder.stream.credentials;

import static io.netcap.decoder.stream.credentials.Script.b64;
import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.types.Credentials;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each login form of docs/streams.md ("Credentials") in a hand-built conversation, found once with the
 * expected values however the bytes are cut into segments: whole, split in two at every byte of every segment,
 * and one byte per segment. Encoded values are made here with the JDK's base64 encoder from the plain text
 * expected; CRAM-MD5 uses the example of RFC 2195 section 2.
 */
class HarvestersTest {
    private static void assertFinds(Script s, String service, String user, String password, String notes) {
        check(s.run(), s, service, user, password, notes);
        for (int i = 0; i < s.segments.size(); i++) {
            for (int at = 1; at < s.segments.get(i).bytes().length; at++) {
                check(s.run(HarvestConfig.defaults(), i, at), s, service, user, password, notes);
            }
        }
        check(s.runBytewise(), s, service, user, password, notes);
    }

    private static void check(List<Credentials> found, Script s, String service, String user, String password,
                              String notes) {
        assertThat(found).hasSize(1);
        Credentials c = found.getFirst();
        assertThat(c.getService()).isEqualTo(service);
        assertThat(c.getUser()).isEqualTo(user);
        assertThat(c.getPassword()).isEqualTo(password);
        assertThat(c.getNotes()).isEqualTo(notes);
        assertThat(c.getTimestamp()).isEqualTo(1_000L);
        assertThat(c.getFlow()).isEqualTo("10.0.0.1:40000->10.0.0.2:" + s.serverPort);
    }

    @Test
    void smtpAuthPlainOneLine() {
        assertFinds(new Script(25).server("220 mail ESMTP\r\n").client("EHLO x\r\n").server("250 AUTH PLAIN\r\n")
                .client("AUTH PLAIN " + b64("\0alice\0s3cret") + "\r\n").server("235 ok\r\n"),
                "SMTP Auth Plain", "alice", "s3cret", "");
    }

    @Test
    void smtpAuthPlainAfterPromptWithAuthorizationIdentity() {
        assertFinds(new Script(587).client("AUTH PLAIN\r\n").server("334 \r\n")
                .client(b64("admin\0alice\0s3cret") + "\r\n").server("235 ok\r\n"),
                "SMTP Auth Plain", "alice", "s3cret", "authzid admin");
    }

    @Test
    void smtpAuthLogin() {
        assertFinds(new Script(25).server("220 mail ESMTP\r\n").client("AUTH LOGIN\r\n")
                .server("334 " + b64("Username:") + "\r\n").client(b64("alice") + "\r\n")
                .server("334 " + b64("Password:") + "\r\n").client(b64("pa ss") + "\r\n").server("235 ok\r\n"),
                "SMTP Auth Login", "alice", "pa ss", "");
    }

    @Test
    void smtpAuthLoginWithUserOnTheCommand() {
        assertFinds(new Script(25).client("auth login " + b64("alice") + "\r\n")
                .server("334 " + b64("Password:") + "\r\n").client(b64("pw") + "\r\n"),
                "SMTP Auth Login", "alice", "pw", "");
    }

    @Test
    void smtpCramMd5() {
        String challenge = "<1896.697170952@postoffice.reston.mci.net>";
        assertFinds(new Script(25).client("AUTH CRAM-MD5\r\n").server("334 " + b64(challenge) + "\r\n")
                .client(b64("tim b913a602c7eda7a495b4e6e7334d3890") + "\r\n").server("235 ok\r\n"),
                "SMTP Auth CRAM-MD5", "tim", "b913a602c7eda7a495b4e6e7334d3890", "challenge " + challenge);
    }

    @Test
    void imapLoginOneLine() {
        assertFinds(new Script(143).server("* OK IMAP4rev1 ready\r\n").client("a001 LOGIN alice \"s3 c\\\"ret\"\r\n")
                .server("a001 OK done\r\n"), "IMAP Plain Single Line", "alice", "s3 c\"ret", "");
    }

    @Test
    void imapLoginWithPrompts() {
        assertFinds(new Script(143).client("a1 LOGIN\r\n").server("+ " + b64("Username:") + "\r\n")
                .client(b64("alice") + "\r\n").server("+ " + b64("Password:") + "\r\n").client(b64("pw") + "\r\n")
                .server("a1 OK\r\n"), "IMAP Plain Separate Line", "alice", "pw", "");
    }

    @Test
    void imapAuthenticatePlain() {
        assertFinds(new Script(143).client("a2 AUTHENTICATE PLAIN\r\n").server("+\r\n")
                .client(b64("\0bob\0hunter2") + "\r\n").server("a2 OK\r\n"), "IMAP Login", "bob", "hunter2", "");
    }

    @Test
    void imapCramMd5() {
        String challenge = "<1896.697170952@postoffice.reston.mci.net>";
        assertFinds(new Script(143).client("x AUTHENTICATE CRAM-MD5\r\n").server("+ " + b64(challenge) + "\r\n")
                .client(b64("tim b913a602c7eda7a495b4e6e7334d3890") + "\r\n").server("x OK\r\n"),
                "IMAP CRAM-MD5", "tim", "b913a602c7eda7a495b4e6e7334d3890", "challenge " + challenge);
    }

    @Test
    void httpBasic() {
        // RFC 7617 section 2's example
        assertFinds(new Script(80).client("GET /private HTTP/1.1\r\nHost: example.org\r\n"
                        + "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n\r\n").server("HTTP/1.1 200 OK\r\n\r\n"),
                "HTTP Basic Auth", "Aladdin", "open sesame", "");
    }

    @Test
    void httpDigestParametersAreTheUser() {
        String params = "username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\", "
                + "response=\"8ca523f5e9506fed4657c9700eebdbec\"";
        assertFinds(new Script(8080).client("GET /dir/index.html HTTP/1.1\r\nAuthorization: Digest " + params + "\r\n\r\n"),
                "HTTP Basic Auth", params, "", "");
    }

    @Test
    void httpLoginFormThenNextRequest() {
        String body = "username=joe&password=p%40ss+word&submit=Login";
        assertFinds(new Script(80).client("POST /login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body
                        + "GET /next HTTP/1.1\r\nHost: x\r\n\r\n"),
                "HTTP", "joe", "p@ss word", "Login Parameters");
    }

    @Test
    void telnetWithEchoAndOptionNegotiation() {
        byte[] iacServer = {(byte) 255, (byte) 253, 24, (byte) 255, (byte) 251, 1};
        byte[] iacClient = {(byte) 255, (byte) 251, 24, (byte) 255, (byte) 250, 24, 0, 'x', 'y', (byte) 255, (byte) 240};
        Script s = new Script(23).server(iacServer).client(iacClient).server("\r\nUbuntu\r\nlogin: ");
        for (char ch : "root".toCharArray()) {
            s.client(String.valueOf(ch)).server(String.valueOf(ch)); // typed, then echoed
        }
        s.client("\r\0").server("\r\nPassword: ").client("to").client("or\r\n").server("\r\nLast login\r\n$ ")
                .client("ls\r\n").server("ls\r\nfile\r\n$ ");
        assertFinds(s, "Telnet", "root", "toor", "");
    }

    @Test
    void telnetPasswordPromptOnTheLoginPromptsLine() {
        // as in suricata-verify's telnet capture: no line end between the prompts, the echo switched off
        byte[] willEcho = {(byte) 255, (byte) 251, 1};
        assertFinds(new Script(23).server("\r\nlogin: ").client("fake\r\n").server(willEcho).server("Password:")
                .client("user\r\n").server("\r\nLast login: Sat Nov 27\r\n$ ").client("ls\r\n"),
                "Telnet", "fake", "user", "");
    }

    @Test
    void ftp() {
        assertFinds(new Script(21).server("220 FTP ready\r\n").client("USER salesxfer\r\n")
                .server("331 Password required\r\n").client("PASS p@ssw0rd\r\n").server("230 in\r\n"),
                "FTP", "salesxfer", "p@ssw0rd", "");
    }

    @Test
    void ftpMultiLineGreetingInOneSegmentThenTheReplyToUser() {
        // RFC 959 section 4.2: a multi-line reply; the lines after the first are read by nobody until USER
        assertFinds(new Script(21).server("220-Welcome\r\n220-to the\r\n220 FTP service\r\n")
                .client("USER anna\r\n").server("331 Password required\r\n").client("PASS kiwi\r\n"),
                "FTP", "anna", "kiwi", "");
        // a reply other than 331 to USER drops the name, however the greeting's last line was cut
        assertThat(new Script(21).server("220-Welcome\r\n220 ready\r\n").client("USER anna\r\n")
                .server("530 no\r\n").client("PASS kiwi\r\n").run()).isEmpty();
    }

    @Test
    void pop3UserPass() {
        assertFinds(new Script(110).server("+OK POP3 server ready\r\n").client("USER joe\r\n").server("+OK\r\n")
                .client("PASS secret\r\n").server("+OK\r\n"), "POP3", "joe", "secret", "");
    }

    @Test
    void pop3Apop() {
        // RFC 1939 section 7's example
        assertFinds(new Script(110).server("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n")
                .client("APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n"),
                "POP3", "mrose", "c4c9334bac560ecc979e58001b3e22fb", "APOP digest");
    }

    @Test
    void pop3Xoauth2() {
        assertFinds(new Script(110).server("+OK ready\r\n").client("AUTH XOAUTH2\r\n").server("+ \r\n")
                .client(b64("user=joe@example.com\u0001auth=Bearer ya29.token\u0001\u0001") + "\r\n")
                .server("+OK Welcome.\r\n"), "POP3", "joe@example.com", "ya29.token", "XOAUTH2");
    }

    @Test
    void loginOnAnotherPortIsFoundByTheHarvestersInOrder() {
        assertFinds(new Script(2121).server("220 FTP ready\r\n").client("USER u\r\n").client("PASS p\r\n"),
                "FTP", "u", "p", "");
    }

    @Test
    void noLoginNoRecord() {
        assertThat(new Script(80).client("GET / HTTP/1.1\r\nHost: x\r\n\r\n").server("HTTP/1.1 200 OK\r\n\r\nhi").run())
                .isEmpty();
        assertThat(new Script(25).server("220 smtp\r\n").client("USER x\r\n").server("502 unknown\r\n")
                .client("PASS y\r\n").run()).isEmpty();
        assertThat(new Script(143).client("a LOGIN {5}\r\n").run()).isEmpty();
    }
}
