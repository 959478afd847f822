package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.engine.config.StreamConfig;
import io.netcap.testing.Corpus;
import io.netcap.testing.Tshark;
import io.netcap.types.File;
import io.netcap.types.Mail;
import io.netcap.types.POP3;
import io.netcap.types.RecordType;
import io.netcap.types.SMTP;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SMTP and POP3 of the corpus through the engine against TShark run at test time: the commands of each SMTP
 * conversation equal TShark's {@code smtp.req.command} (corrected where TShark misses a refused DATA); each message's From, To and Subject equal TShark's
 * {@code imf} fields; every attachment stored under {@code -fileStorage} has the MD5 of the attachment decoded
 * here, independently, from the whole message TShark exports ({@code --export-objects imf}); the POP3 record's
 * User and Pass are TShark's USER and PASS parameters and its commands TShark's.
 */
class MailCorpusTest {
    private static final List<String> SMTP_CAPTURES = List.of(
            "chrissanders-packets__mail_sender_attachment.pcapng",
            "chrissanders-packets__mail_sender_client_1.pcapng",
            "suricata-verify__10.7.29.101_49898-178.63.41.150_25.pcap");

    @TempDir
    Path tmp;

    private Map<RecordType, List<Message>> run(String capture, Path out) throws IOException {
        Runs.capture(TestConfig.of(Corpus.pcaps().resolve(capture), out)
                .streams(StreamConfig.defaults().withFiles("files", false)));
        return Runs.records(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "chrissanders-packets__mail_sender_attachment.pcapng",
        "chrissanders-packets__mail_sender_client_1.pcapng",
        "suricata-verify__10.7.29.101_49898-178.63.41.150_25.pcap"})
    void smtpCommandsAndMessagesEqualTshark(String capture) throws IOException {
        Corpus.require();
        Tshark.require();
        String pcap = Corpus.pcaps().resolve(capture).toString();
        Map<RecordType, List<Message>> records = run(capture, tmp.resolve("out"));

        List<String> commands = tsharkCommands(pcap);
        List<SMTP> smtp = records.getOrDefault(RecordType.SMTP, List.of()).stream().map(SMTP.class::cast).toList();
        assertThat(smtp).as(capture + ": one SMTP record per conversation").hasSize(1);
        // TShark names MAIL FROM and RCPT TO by their verbs
        assertThat(smtp.getFirst().getCommandsList()).as(capture + ": commands")
                .extracting(c -> c.split(" ")[0]).isEqualTo(commands);

        List<String> expected = lines(Tshark.run("-r", pcap, "-Y", "imf", "-T", "fields",
                "-e", "imf.from", "-e", "imf.to", "-e", "imf.subject"));
        List<Mail> mails = records.getOrDefault(RecordType.Mail, List.of()).stream().map(Mail.class::cast).toList();
        List<String> actual = mails.stream().map(m -> m.getFrom() + "\t" + m.getTo() + "\t" + m.getSubject()).toList();
        if (expected.isEmpty()) {
            // the capture ends inside the message (suricata-verify keeps a cut file): TShark shows no message
            System.out.printf("%s: TShark shows no complete message; ours: %s%n", capture, actual);
        } else {
            assertThat(actual).as(capture + ": From, To, Subject").containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(smtp.getFirst().getMailIDsList()).containsExactlyInAnyOrderElementsOf(
                mails.stream().map(Mail::getID).toList());
    }

    @Test
    void theEnvelopeSenderIsTsharksMailFromParameter() throws IOException {
        Corpus.require();
        Tshark.require();
        String capture = "chrissanders-packets__mail_sender_client_1.pcapng";
        String pcap = Corpus.pcaps().resolve(capture).toString();
        Matcher from = Pattern.compile("<([^>]*)>").matcher(Tshark.run("-r", pcap, "-Y", "smtp.req.command == \"MAIL\"",
                "-T", "fields", "-e", "smtp.req.parameter"));
        Matcher to = Pattern.compile("<([^>]*)>").matcher(Tshark.run("-r", pcap, "-Y", "smtp.req.command == \"RCPT\"",
                "-T", "fields", "-e", "smtp.req.parameter"));
        assertThat(from.find()).isTrue();
        assertThat(to.find()).isTrue();
        Mail m = (Mail) run(capture, tmp.resolve("out")).get(RecordType.Mail).getFirst();
        assertThat(m.getReturnPath()).isEqualTo(from.group(1));
        assertThat(m.getEnvelopeTo()).isEqualTo(to.group(1));
        assertThat(m.getOrigin()).isEqualTo("SMTP");
    }

    @Test
    void attachmentsEqualThoseDecodedFromTsharksExportedMessages() throws IOException {
        Corpus.require();
        Tshark.require();
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (String capture : SMTP_CAPTURES) {
            Path exported = Files.createDirectories(tmp.resolve("tshark-" + capture));
            Tshark.run("-r", Corpus.pcaps().resolve(capture).toString(), "-q", "--export-objects", "imf," + exported);
            try (Stream<Path> s = Files.list(exported)) {
                for (Path eml : s.toList()) {
                    attachments(Files.readString(eml, StandardCharsets.ISO_8859_1)).forEach(a -> expected.add(md5(a)));
                }
            }
            Path out = tmp.resolve("out-" + capture);
            for (Message r : run(capture, out).getOrDefault(RecordType.File, List.of())) {
                File f = (File) r;
                assertThat(f.getSource()).isEqualTo("SMTP");
                assertThat(f.getHash()).isEqualTo(md5(Files.readAllBytes(Path.of(f.getLocation()))));
                actual.add(f.getHash());
            }
        }
        System.out.printf("mail attachments vs tshark --export-objects imf: %d attachments%n", expected.size());
        assertThat(expected).as("attachments in the corpus's messages").isNotEmpty();
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void pop3UserPassAndCommandsEqualTshark() throws IOException {
        Corpus.require();
        Tshark.require();
        String capture = "suricata-verify__pop3-auth-01_input.pcap";
        String pcap = Corpus.pcaps().resolve(capture).toString();
        String user = "";
        String pass = "";
        List<String> commands = new ArrayList<>();
        String previous = "";
        String saslResponse = "";
        for (String line : lines(Tshark.run("-r", pcap, "-Y", "pop.request", "-T", "fields",
                "-e", "pop.request.command", "-e", "pop.request.parameter"))) {
            String[] f = line.split("\t", -1);
            switch (f[0].toUpperCase(Locale.ROOT)) {
                case "USER" -> user = f[1];
                case "PASS" -> pass = f[1];
                default -> { }
            }
            if (previous.equals("AUTH") && saslResponse.isEmpty()) {
                saslResponse = f[0]; // TShark reads the SASL response line as a command
            } else {
                commands.add(f[0].toUpperCase(Locale.ROOT));
            }
            previous = f[0].toUpperCase(Locale.ROOT);
        }
        List<Message> records = run(capture, tmp.resolve("out")).getOrDefault(RecordType.POP3, List.of());
        assertThat(records).hasSize(1);
        POP3 pop = (POP3) records.getFirst();
        assertThat(pop.getUser()).isEqualTo(user);
        assertThat(pop.getPass()).isEqualTo(pass);
        assertThat(pop.getAuthToken()).isEqualTo(saslResponse).isNotEmpty();
        assertThat(pop.getCommandsList()).isEqualTo(commands);
        assertThat(pop.getClientIP()).isEqualTo("1.1.1.1");
        assertThat(pop.getServerIP()).isEqualTo("2.2.2.2");
    }

    /**
     * The client's commands as TShark shows them ({@code smtp.req.command}), with one correction: TShark takes
     * every client packet after a {@code DATA} command for message data, also when the server refused the
     * {@code DATA} (suricata-verify's capture: 503, then {@code RSET} and a second transaction). By RFC 5321
     * section 4.1.1.4 data follows only a 354 reply, so the lines of such a "DATA fragment" sent before any
     * 354 are commands; their verbs are taken from the packet's payload.
     */
    private static List<String> tsharkCommands(String pcap) {
        List<String> commands = new ArrayList<>();
        boolean dataAccepted = false;
        for (String line : lines(Tshark.run("-r", pcap, "-Y", "smtp", "-T", "fields", "-e", "tcp.dstport",
                "-e", "smtp.req.command", "-e", "smtp.response.code", "-e", "tcp.payload"))) {
            String[] f = line.split("\t", -1);
            if (!f[2].isEmpty()) {
                dataAccepted |= List.of(f[2].split(",")).contains("354");
            } else if (!f[1].isEmpty()) {
                commands.addAll(List.of(f[1].split(",")));
                dataAccepted = false;
            } else if (f[0].equals("25") && !dataAccepted) {
                String payload = new String(HexFormat.of().parseHex(f[3].replace(":", "")), StandardCharsets.ISO_8859_1);
                payload.lines().filter(l -> !l.isBlank()).forEach(l -> commands.add(l.split(" ")[0].toUpperCase(Locale.ROOT)));
            }
        }
        return commands;
    }

    /**
     * The decoded base64 attachments of a message: a minimal MIME split for the test, independent of the code
     * under test (boundary from the top Content-Type, parts with a disposition {@code attachment} or a file name).
     */
    static List<byte[]> attachments(String eml) {
        Matcher b = Pattern.compile("boundary=\"?([^\"\\r\\n;]+)\"?", Pattern.CASE_INSENSITIVE).matcher(eml);
        if (!b.find()) {
            return List.of();
        }
        List<byte[]> out = new ArrayList<>();
        for (String part : eml.split("\r?\n--" + Pattern.quote(b.group(1)))) {
            int blank = part.indexOf("\r\n\r\n");
            int sep = 4;
            if (blank < 0) {
                blank = part.indexOf("\n\n");
                sep = 2;
            }
            if (blank < 0) {
                continue;
            }
            String head = part.substring(0, blank).toLowerCase(Locale.ROOT);
            if ((head.contains("attachment") || head.contains("filename=")) && head.contains("base64")) {
                out.add(Base64.getMimeDecoder().decode(part.substring(blank + sep).strip()));
            }
        }
        return out;
    }

    private static List<String> lines(String s) {
        return s.lines().filter(l -> !l.isBlank()).toList();
    }

    private static String md5(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
