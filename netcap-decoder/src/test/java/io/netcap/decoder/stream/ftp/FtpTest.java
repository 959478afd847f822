package io.netcap.decoder.stream.ftp;

import static io.netcap.decoder.stream.TextSession.client;
import static io.netcap.decoder.stream.TextSession.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.StreamProbe.Verdict;
import io.netcap.decoder.stream.TextSession;
import io.netcap.decoder.stream.TextSession.Turn;
import io.netcap.types.FTP;
import io.netcap.types.FTPCommand;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FtpTest {
    private static final List<Turn> SESSION = List.of(
            server("220-Welcome to the\r\n220-example FTP service\r\n220 ready\r\n"),
            client("USER alice\r\n"),
            server("331 Password required for alice\r\n"),
            client("PASS s3cret pass\r\n"),
            server("230 Logged on\r\n"),
            client("SYST\r\n"),
            server("215 UNIX Type: L8\r\n"),
            client("PASV\r\n"),
            server("227 Entering Passive Mode (10,0,0,2,195,80)\r\n"),
            client("RETR /pub/docs/report.pdf\r\n"),
            server("150 Opening BINARY mode data connection\r\n226 Transfer complete\r\n"),
            client("EPSV\r\n"),
            server("229 Entering Extended Passive Mode (|||50001|)\r\n"),
            client("STOR upload.bin\r\n"),
            server("150 Ok to send data\r\n"),
            server("226 Transfer complete\r\n"),
            client("PORT 10,0,0,1,7,138\r\n"),
            server("200 PORT command successful\r\n"),
            client("LIST\r\n"),
            server("150 Here comes the directory listing\r\n226 Directory send OK\r\n"),
            client("QUIT\r\n"),
            server("221 Goodbye\r\n"));

    private static Conversation control() {
        return new Conversation(Conversation.Transport.TCP, "10.0.0.1", 40000, "10.0.0.2", 21, 1000);
    }

    private static FTP record(TextSession s) {
        assertThat(s.records).hasSize(1);
        return (FTP) s.records.get(0);
    }

    @Test
    void commandsRepliesLoginAndTransfers() {
        TextSession s = new TextSession(new FtpDataChannels(), false);
        s.feed(control(), Ftp::new, SESSION, Integer.MAX_VALUE, -1);
        FTP r = record(s);
        assertThat(r.getTimestamp()).isEqualTo(1000);
        assertThat(r.getFlow()).isEqualTo("10.0.0.1:40000->10.0.0.2:21");
        assertThat(r.getClientIP()).isEqualTo("10.0.0.1");
        assertThat(r.getServerPort()).isEqualTo(21);
        assertThat(r.getGreeting()).isEqualTo("Welcome to the\nexample FTP service\nready");
        assertThat(r.getUser()).isEqualTo("alice");
        assertThat(r.getPassword()).isEqualTo("s3cret pass");
        assertThat(r.getIsEncrypted()).isFalse();
        assertThat(r.getCommandsList()).extracting(FTPCommand::getCommand).containsExactly(
                "USER", "PASS", "SYST", "PASV", "RETR", "EPSV", "STOR", "PORT", "LIST", "QUIT");
        assertThat(r.getCommandsList()).extracting(FTPCommand::getReplyCode).containsExactly(
                331, 230, 215, 227, 226, 229, 226, 200, 226, 221);
        assertThat(r.getCommands(4).getArgument()).isEqualTo("/pub/docs/report.pdf");
        assertThat(r.getCommands(3).getReplyText()).isEqualTo("Entering Passive Mode (10,0,0,2,195,80)");
        assertThat(r.getTransfersList()).hasSize(3);
        assertThat(r.getTransfers(0).getName()).isEqualTo("/pub/docs/report.pdf");
        assertThat(r.getTransfers(0).getDataAddress()).isEqualTo("10.0.0.2:50000"); // 195 * 256 + 80
        assertThat(r.getTransfers(0).getPassive()).isTrue();
        assertThat(r.getTransfers(0).getReplyCode()).isEqualTo(226);
        assertThat(r.getTransfers(1).getDataAddress()).isEqualTo("10.0.0.2:50001");
        assertThat(r.getTransfers(2).getCommand()).isEqualTo("LIST");
        assertThat(r.getTransfers(2).getDataAddress()).isEqualTo("10.0.0.1:1930"); // 7 * 256 + 138
        assertThat(r.getTransfers(2).getPassive()).isFalse();
        assertThat(s.errors).isEmpty();
    }

    @Test
    void cutAtEveryByteAndFedByteByByteGivesTheSameRecord() {
        TextSession whole = new TextSession(new FtpDataChannels(), false);
        whole.feed(control(), Ftp::new, SESSION, Integer.MAX_VALUE, -1);
        FTP expected = record(whole);
        for (int cut = 1; cut < TextSession.length(SESSION); cut++) {
            TextSession s = new TextSession(new FtpDataChannels(), false);
            s.feed(control(), Ftp::new, SESSION, Integer.MAX_VALUE, cut);
            assertThat(record(s)).as("cut at %d", cut).isEqualTo(expected);
        }
        TextSession bytes = new TextSession(new FtpDataChannels(), false);
        bytes.feed(control(), Ftp::new, SESSION, 1, -1);
        assertThat(record(bytes)).isEqualTo(expected);
    }

    private static final byte[] REPORT = "%PDF-1.4 not really a pdf\n".repeat(300).getBytes(StandardCharsets.US_ASCII);

    private static Conversation passiveData() {
        return new Conversation(Conversation.Transport.TCP, "10.0.0.1", 40001, "10.0.0.2", 50000, 2000);
    }

    @Test
    void dataConnectionAfterItsCommandIsStoredUnderTheCommandsName() {
        FtpDataChannels channels = new FtpDataChannels();
        TextSession control = new TextSession(channels, true);
        control.feed(control(), Ftp::new, SESSION, Integer.MAX_VALUE, -1);
        TextSession data = new TextSession(channels, true);
        data.feed(passiveData(), FtpData::new, List.of(new Turn(io.netcap.decoder.stream.Direction.SERVER_TO_CLIENT,
                REPORT)), 1000, -1);
        assertThat(data.files).hasSize(1);
        TextSession.File f = data.files.get(0);
        assertThat(f.bytes.toByteArray()).isEqualTo(REPORT);
        assertThat(f.complete).isTrue();
        assertThat(f.origin.name()).isEqualTo("report.pdf");
        assertThat(f.origin.source()).isEqualTo("FTP");
        assertThat(f.origin.conversation().ident()).isEqualTo("10.0.0.1:40001->10.0.0.2:50000");
        assertThat(channels.heldBytes()).isZero();
    }

    @Test
    void dataConnectionBeforeItsControlConnectionIsHeldAndStoredByTheControlConnection() {
        // another worker decoded the data connection first: announced only, no name yet
        FtpDataChannels channels = new FtpDataChannels();
        TextSession control = new TextSession(channels, true);
        List<Turn> untilAnnouncement = SESSION.subList(0, 9);
        Conversation c = control();
        io.netcap.decoder.stream.StreamFeeder feeder = new io.netcap.decoder.stream.StreamFeeder(c, new Ftp(c, control.env));
        long ts = 1;
        for (Turn t : untilAnnouncement) {
            feeder.offer(t.direction(), t.bytes(), 0, t.bytes().length, ts++);
        }
        TextSession data = new TextSession(channels, true);
        data.feed(passiveData(), FtpData::new, List.of(new Turn(io.netcap.decoder.stream.Direction.SERVER_TO_CLIENT,
                REPORT)), 1000, -1);
        assertThat(data.files).isEmpty();
        assertThat(channels.heldBytes()).isEqualTo(REPORT.length);
        for (Turn t : SESSION.subList(9, SESSION.size())) {
            feeder.offer(t.direction(), t.bytes(), 0, t.bytes().length, ts++);
        }
        assertThat(control.files).hasSize(1);
        assertThat(control.files.get(0).bytes.toByteArray()).isEqualTo(REPORT);
        assertThat(control.files.get(0).origin.name()).isEqualTo("report.pdf");
        assertThat(control.files.get(0).complete).isTrue();
        assertThat(channels.heldBytes()).isZero();
    }

    @Test
    void activeModeListingsAreNotFilesAndUnannouncedConnectionsAreNotData() {
        FtpDataChannels channels = new FtpDataChannels();
        TextSession control = new TextSession(channels, true);
        control.feed(control(), Ftp::new, SESSION, Integer.MAX_VALUE, -1);
        // PORT 10,0,0,1,7,138: the server connects from port 20 to the client's port 1930
        Conversation active = new Conversation(Conversation.Transport.TCP, "10.0.0.2", 20, "10.0.0.1", 1930, 3000);
        assertThat(FtpData.PROBE.test(active, control.env, new byte[0], 0, new byte[0], 0)).isEqualTo(Verdict.MATCH);
        TextSession data = new TextSession(channels, true);
        data.feed(active, FtpData::new, List.of(new Turn(io.netcap.decoder.stream.Direction.CLIENT_TO_SERVER,
                "drwxr-xr-x 2 ftp ftp 4096 Jan 01 00:00 pub\r\n".getBytes(StandardCharsets.US_ASCII))), 7, -1);
        assertThat(data.files).isEmpty();
        assertThat(channels.heldBytes()).isZero();
        // other hosts: only held (with extraction on) when the ports fit a data connection
        Conversation other = new Conversation(Conversation.Transport.TCP, "10.9.9.9", 5555, "10.8.8.8", 6666, 0);
        Conversation low = new Conversation(Conversation.Transport.TCP, "10.9.9.9", 5555, "10.8.8.8", 25, 0);
        TextSession off = new TextSession(channels, false);
        assertThat(FtpData.PROBE.test(other, control.env, new byte[0], 0, new byte[0], 0)).isEqualTo(Verdict.MATCH);
        assertThat(FtpData.PROBE.test(low, control.env, new byte[0], 0, new byte[0], 0)).isEqualTo(Verdict.NO);
        assertThat(FtpData.PROBE.test(other, off.env, new byte[0], 0, new byte[0], 0)).isEqualTo(Verdict.NO);
    }

    @Test
    void dataConnectionBeforeAnyControlIsAdoptedByTheLaterAnnouncement() {
        FtpDataChannels channels = new FtpDataChannels();
        TextSession data = new TextSession(channels, true);
        data.feed(passiveData(), FtpData::new, List.of(new Turn(io.netcap.decoder.stream.Direction.SERVER_TO_CLIENT,
                REPORT)), 1000, -1);
        assertThat(data.files).isEmpty();
        assertThat(channels.heldBytes()).isEqualTo(REPORT.length);
        TextSession control = new TextSession(channels, true);
        control.feed(control(), Ftp::new, SESSION, Integer.MAX_VALUE, -1);
        assertThat(control.files).singleElement().satisfies(f -> {
            assertThat(f.bytes.toByteArray()).isEqualTo(REPORT);
            assertThat(f.origin.name()).isEqualTo("report.pdf");
        });
        assertThat(channels.heldBytes()).isZero();
    }

    @Test
    void orphansMakeRoomForBytesThatAreHeld() {
        FtpDataChannels channels = new FtpDataChannels(REPORT.length + 10);
        TextSession data = new TextSession(channels, true);
        data.feed(passiveData(), FtpData::new, List.of(new Turn(io.netcap.decoder.stream.Direction.SERVER_TO_CLIENT,
                REPORT)), 1000, -1);
        Conversation second = new Conversation(Conversation.Transport.TCP, "10.0.0.1", 40002, "10.0.0.2", 50002, 0);
        data.feed(second, FtpData::new, List.of(new Turn(io.netcap.decoder.stream.Direction.SERVER_TO_CLIENT,
                REPORT)), 1000, -1);
        assertThat(channels.orphansDropped()).isEqualTo(1);
        assertThat(channels.heldBytes()).isEqualTo(REPORT.length);
    }

    @Test
    void heldBytesStayWithinTheCapAndAnAnnouncedTransferIsStoredWithoutItsName() {
        FtpDataChannels channels = new FtpDataChannels(1000);
        TextSession control = new TextSession(channels, true);
        Conversation c = control();
        io.netcap.decoder.stream.StreamFeeder feeder = new io.netcap.decoder.stream.StreamFeeder(c, new Ftp(c, control.env));
        long ts = 1;
        for (Turn t : SESSION.subList(0, 9)) {
            feeder.offer(t.direction(), t.bytes(), 0, t.bytes().length, ts++);
        }
        TextSession data = new TextSession(channels, true);
        data.feed(passiveData(), FtpData::new, List.of(new Turn(io.netcap.decoder.stream.Direction.SERVER_TO_CLIENT,
                REPORT)), 300, -1);
        assertThat(data.errors).contains(FtpData.HELD_CAP);
        assertThat(data.files).hasSize(1);
        assertThat(data.files.get(0).origin.name()).isEqualTo("unknown");
        assertThat(data.files.get(0).bytes.toByteArray()).isEqualTo(REPORT);
        assertThat(channels.heldBytes()).isZero();
    }

    @Test
    void authTlsEndsReadingAndIsCounted() {
        TextSession s = new TextSession(new FtpDataChannels(), false);
        s.feed(control(), Ftp::new, List.of(
                server("220 FTP ready\r\n"), client("AUTH TLS\r\n"), server("234 AUTH TLS OK.\r\n"),
                client("\u0016\u0003\u0001\u0002\u0000\u0001 binary hello\r\nUSER x\r\n")), Integer.MAX_VALUE, -1);
        FTP r = record(s);
        assertThat(r.getIsEncrypted()).isTrue();
        assertThat(r.getCommandsCount()).isEqualTo(1);
        assertThat(r.getUser()).isEmpty();
        assertThat(s.errors).isEmpty(); // encrypted is no error: it is counted apart
        assertThat(s.env.shared().encrypted().stats()).containsExactly(java.util.Map.entry("encrypted_ftp", 1L));
    }

    @Test
    void malformedRepliesAndOverlongLinesAreCounted() {
        TextSession s = new TextSession(new FtpDataChannels(), false);
        s.feed(control(), Ftp::new, List.of(
                server("220 ready\r\n"), client("NOOP\r\n"), server("hello\r\n200 ok\r\n"),
                client("X".repeat(Ftp.MAX_LINE + 10) + "\r\nNOOP\r\n"), server("200 ok\r\n")), 4000, -1);
        FTP r = record(s);
        assertThat(s.errors).containsExactly(Ftp.MALFORMED, Ftp.MALFORMED);
        assertThat(r.getCommandsList()).extracting(FTPCommand::getReplyCode).containsExactly(200, 200);
    }

    @Test
    void probeTellsFtpFromSmtp() {
        FtpProbe p = new FtpProbe();
        byte[] greeting = "220 mail.example.com ESMTP ready\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] ftpGreeting = "220 ProFTPD Server ready\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] user = "USER bob\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] ehlo = "EHLO client\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(p.test(new byte[0], 0, ftpGreeting, ftpGreeting.length)).isEqualTo(Verdict.MATCH);
        assertThat(p.test(new byte[0], 0, greeting, greeting.length)).isEqualTo(Verdict.MORE);
        assertThat(p.test(user, user.length, greeting, greeting.length)).isEqualTo(Verdict.MATCH);
        assertThat(p.test(ehlo, ehlo.length, greeting, greeting.length)).isEqualTo(Verdict.NO);
        byte[] pop = "+OK POP3 ready\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(p.test(new byte[0], 0, pop, pop.length)).isEqualTo(Verdict.NO);
        assertThat(p.test(user, 3, new byte[0], 0)).isEqualTo(Verdict.MORE);
    }

    @Test
    void addressesOfPortPasvEprtAndEpsv() {
        assertThat(FtpAddresses.port("192,168,1,2,4,1")).isEqualTo(1025);
        assertThat(FtpAddresses.port("192,168,1,2,4")).isEqualTo(-1);
        assertThat(FtpAddresses.port("192,168,1,256,4,1")).isEqualTo(-1);
        assertThat(FtpAddresses.passivePort("Entering Passive Mode (172,16,16,121,192,14)")).isEqualTo(49166);
        assertThat(FtpAddresses.passivePort("Entering Passive Mode 172,16,16,121,192,14")).isEqualTo(49166);
        assertThat(FtpAddresses.extendedPort("|2|::1|5282|")).isEqualTo(5282);
        assertThat(FtpAddresses.extendedPort("|1|132.235.1.2|6275|")).isEqualTo(6275);
        assertThat(FtpAddresses.extendedPassivePort("Entering Extended Passive Mode (|||6446|)")).isEqualTo(6446);
        assertThat(FtpAddresses.extendedPassivePort("Entering Extended Passive Mode (!!!6446!)")).isEqualTo(6446);
        assertThat(FtpAddresses.extendedPassivePort("(|||99999|)")).isEqualTo(-1);
    }
}
