package io.netcap.decoder.stream.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.stream.files.FileCounters;
import io.netcap.decoder.stream.files.FileStore;
import io.netcap.types.File;
import io.netcap.types.Mail;
import io.netcap.types.MailPart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages through {@link MailReader}. Expected values are written out from the messages themselves and the RFCs
 * (RFC 2045 transfer encodings, RFC 2046 multipart, RFC 2047 encoded words); encoded content is produced with
 * {@link java.util.Base64}, not with the reader's decoder.
 */
class MailReaderTest {
    private static final long TS = 5_000_000_000L;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Reads one message fed in pieces of {@code piece} bytes (0: whole). */
    private static Mail read(MailEnv env, byte[] message, int piece, boolean complete) {
        MailReader r = new MailReader(MailEnv.conversation(), env.env, "SMTP");
        int n = piece == 0 ? Math.max(1, message.length) : piece;
        for (int i = 0; i < message.length; i += n) {
            byte[] copy = java.util.Arrays.copyOfRange(message, i, Math.min(message.length, i + n));
            r.feed(copy, 0, copy.length);
        }
        r.end(TS, complete);
        assertThat(env.mails()).hasSize(1);
        return env.mails().getFirst();
    }

    private static Mail read(String message) {
        return read(new MailEnv(), bytes(message), 0, true);
    }

    @Test
    void headerFieldsOfASinglePartMessage() {
        Mail m = read("""
                Return-Path: <bounce@example.org>\r
                From: Alice <alice@example.org>\r
                To: bob@example.net\r
                Cc: carol@example.net\r
                Subject: Lunch\r
                 on Friday\r
                Date: Fri, 3 Jan 2020 10:00:00 +0100\r
                Message-ID: <1@example.org>\r
                In-Reply-To: <0@example.org>\r
                References: <0@example.org>\r
                Content-Language: en\r
                x-originating-ip: 192.0.2.7\r
                Delivery-Date: Fri, 3 Jan 2020 10:00:05 +0100\r
                Content-Type: text/plain; charset=utf-8\r
                \r
                Hello Bob,\r
                see you.\r
                """);
        assertThat(m.getFrom()).isEqualTo("Alice <alice@example.org>");
        assertThat(m.getTo()).isEqualTo("bob@example.net");
        assertThat(m.getCC()).isEqualTo("carol@example.net");
        assertThat(m.getSubject()).isEqualTo("Lunch on Friday"); // RFC 5322 section 2.2.3 unfolding
        assertThat(m.getReturnPath()).isEqualTo("<bounce@example.org>");
        assertThat(m.getDate()).isEqualTo("Fri, 3 Jan 2020 10:00:00 +0100");
        assertThat(m.getMessageID()).isEqualTo("<1@example.org>");
        assertThat(m.getInReplyTo()).isEqualTo("<0@example.org>");
        assertThat(m.getReferences()).isEqualTo("<0@example.org>");
        assertThat(m.getContentLanguage()).isEqualTo("en");
        assertThat(m.getXOriginatingIP()).isEqualTo("192.0.2.7");
        assertThat(m.getContentType()).isEqualTo("text/plain; charset=utf-8");
        // 2020-01-03T09:00:05Z
        assertThat(m.getTimestamp()).isEqualTo(1_578_042_005_000_000_000L);
        assertThat(m.getDeliveryDate()).isEqualTo("Fri, 3 Jan 2020 10:00:05 +0100");
        assertThat(m.getOrigin()).isEqualTo("SMTP");
        assertThat(m.getClientIP()).isEqualTo("10.0.0.1");
        assertThat(m.getServerIP()).isEqualTo("10.0.0.2");
        assertThat(m.getID()).hasSize(28);
        assertThat(m.getHasAttachments()).isFalse();
        assertThat(m.getBodyList()).singleElement().satisfies(p -> {
            assertThat(p.getID()).isEqualTo("none");
            assertThat(p.getHeaderMap()).containsEntry("Content-Type", "text/plain; charset=utf-8")
                    .containsEntry("Content-Language", "en").hasSize(2); // the message's Content-* fields
            assertThat(p.getContent()).isEqualTo("Hello Bob,\r\nsee you.\r\n");
        });
    }

    @Test
    void withoutDeliveryDateTheTimestampIsTheMessageEnd() {
        assertThat(read("Subject: x\r\n\r\nbody\r\n").getTimestamp()).isEqualTo(TS);
    }

    @Test
    void encodedWordsAreDecodedInSubjectFromAndTo() {
        // "äöü" in UTF-8 is c3 a4 c3 b6 c3 bc, base64 w6TDtsO8; "é" in ISO-8859-1 is e9
        Mail m = read("""
                Subject: =?UTF-8?B?w6TDtsO8?= =?ISO-8859-1?Q?_caf=E9?= done\r
                From: =?utf-8?q?J=C3=BCrgen?= <j@example.org>\r
                To: =?x-unknown?Q?plain?= <p@example.org>, =?UTF-8?B?not base64!?=\r
                \r
                """);
        assertThat(m.getSubject()).isEqualTo("äöü café done"); // whitespace between encoded words dropped
        assertThat(m.getFrom()).isEqualTo("Jürgen <j@example.org>");
        // an unknown charset falls back to UTF-8-or-Latin-1; a word that does not decode stays as sent
        assertThat(m.getTo()).isEqualTo("plain <p@example.org>, =?UTF-8?B?not base64!?=");
    }

    /** A message with a nested multipart, quoted-printable text and a base64 attachment. */
    static String nested(byte[] attachment, String filenameParam) {
        return "From: a@example.org\r\n"
                + "Subject: report\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed;\r\n boundary=\"outer-boundary\"\r\n"
                + "\r\n"
                + "This is the preamble.\r\n"
                + "--outer-boundary\r\n"
                + "Content-Type: multipart/alternative; boundary=inner\r\n"
                + "\r\n"
                + "--inner\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n"
                + "\r\n"
                + "caf=C3=A9 and a soft =\r\nbreak, a=3Db\r\n"
                + "--inner\r\n"
                + "Content-Type: text/html\r\n"
                + "\r\n"
                + "<p>caf&eacute;</p>\r\n"
                + "--inner--\r\n"
                + "--outer-boundary\r\n"
                + "Content-Type: application/pdf; name=\"ignored.pdf\"\r\n"
                + "Content-Disposition: attachment; " + filenameParam + "\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + Base64.getMimeEncoder().encodeToString(attachment) + "\r\n"
                + "--outer-boundary--\r\n"
                + "epilogue\r\n";
    }

    static byte[] pdfLike(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    @Test
    void nestedMultipartWithQuotedPrintableAndABase64Attachment() {
        byte[] pdf = pdfLike(5000);
        MailEnv env = new MailEnv();
        Mail m = read(env, bytes(nested(pdf, "filename=\"report.pdf\"")), 0, true);
        assertThat(m.getHasAttachments()).isTrue();
        List<MailPart> parts = m.getBodyList();
        assertThat(parts).extracting(MailPart::getID).containsExactly("inner", "inner", "outer-boundary");
        assertThat(parts.get(0).getContent()).isEqualTo("café and a soft break, a=b");
        assertThat(parts.get(1).getContent()).isEqualTo("<p>caf&eacute;</p>");
        assertThat(parts.get(2).getFilename()).isEqualTo("report.pdf"); // the disposition's filename wins
        assertThat(parts.get(2).getContent()).isEmpty();
        assertThat(parts.get(2).getHeaderMap()).containsEntry("Content-Transfer-Encoding", "base64");
        assertThat(env.attachments).singleElement().satisfies(a -> {
            assertThat(a.bytes.toByteArray()).isEqualTo(pdf);
            assertThat(a.complete).isTrue();
            assertThat(a.closes).isEqualTo(1);
            assertThat(a.origin.source()).isEqualTo("SMTP");
            assertThat(a.origin.name()).isEqualTo("report.pdf");
            assertThat(a.origin.contentType()).isEqualTo("application/pdf; name=\"ignored.pdf\"");
        });
        assertThat(env.errors).isEmpty();
    }

    @Test
    void everySplitOfTheMessageGivesTheSameRecord() {
        byte[] message = bytes(nested(pdfLike(300), "filename=a.bin"));
        Mail whole = read(new MailEnv(), message, 0, true);
        for (int piece = 1; piece <= 80; piece++) {
            MailEnv env = new MailEnv();
            assertThat(read(env, message, piece, true)).as("pieces of " + piece).isEqualTo(whole);
            assertThat(env.attachments.getFirst().bytes.toByteArray()).isEqualTo(pdfLike(300));
        }
    }

    @Test
    void everyAttachmentIsExtractedNotOnlyTheFirst() {
        StringBuilder sb = new StringBuilder("Content-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (int i = 0; i < 3; i++) {
            sb.append("--b\r\nContent-Disposition: attachment; filename=\"f").append(i).append(".txt\"\r\n\r\n")
                    .append("file ").append(i).append("\r\n");
        }
        sb.append("--b--\r\n");
        MailEnv env = new MailEnv();
        read(env, bytes(sb.toString()), 0, true);
        assertThat(env.attachments).extracting(a -> a.origin.name()).containsExactly("f0.txt", "f1.txt", "f2.txt");
        // the line break before a delimiter belongs to the delimiter (RFC 2046 section 5.1.1)
        assertThat(env.attachments).extracting(a -> a.bytes.toString(StandardCharsets.UTF_8))
                .containsExactly("file 0", "file 1", "file 2");
    }

    @Test
    void rfc2231AndEncodedWordFileNames() {
        MailEnv env = new MailEnv();
        read(env, bytes("Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Disposition: attachment; filename*0*=UTF-8''%C3%A4%20; filename*1=part.txt\r\n\r\nx\r\n"
                + "--b\r\nContent-Type: application/octet-stream; name=\"=?UTF-8?B?w7Yuemlw?=\"\r\n\r\ny\r\n"
                + "--b--\r\n"), 0, true);
        assertThat(env.attachments).extracting(a -> a.origin.name()).containsExactly("ä part.txt", "ö.zip");
    }

    @Test
    void aMissingCloseDelimiterEndsThePartsWithTheMessage() {
        MailEnv env = new MailEnv();
        Mail m = read(env, bytes("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                + "Content-Disposition: attachment; filename=cut.bin\r\n\r\nfirst\r\nsecond"), 0, false);
        assertThat(m.getBodyList()).hasSize(1);
        assertThat(env.attachments).singleElement().satisfies(a -> {
            assertThat(a.bytes.toString(StandardCharsets.UTF_8)).isEqualTo("first\r\nsecond");
            assertThat(a.complete).isFalse();
        });
    }

    @Test
    void aDelimiterInAPartsHeaderEndsThatPart() {
        Mail m = read("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n--b\r\n"
                + "\r\nsecond\r\n--b--\r\n");
        assertThat(m.getBodyList()).singleElement().satisfies(p -> assertThat(p.getContent()).isEqualTo("second"));
    }

    @Test
    void aMultipartWithoutBoundaryIsOnePart() {
        Mail m = read("Content-Type: multipart/mixed\r\n\r\n--x\r\ntext\r\n");
        assertThat(m.getBodyList()).singleElement().satisfies(p -> assertThat(p.getID()).isEqualTo("none"));
    }

    @Test
    void endlessHeadersAreCappedAndCountedOnce() {
        StringBuilder sb = new StringBuilder("Subject: first\r\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append("X-Filler-").append(i).append(": ").append("v".repeat(20)).append("\r\n");
        }
        MailEnv env = new MailEnv();
        Mail m = read(env, bytes(sb.toString()), 4096, false);
        assertThat(m.getSubject()).isEqualTo("first");
        assertThat(env.errors).containsExactly(MailReader.HEADER_CAP);
        assertThat(m.getBodyList()).isEmpty();
    }

    @Test
    void deepNestingAndManyPartsAreCapped() {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < 40; d++) {
            sb.append("Content-Type: multipart/mixed; boundary=b").append(d).append("\r\n\r\n--b").append(d).append("\r\n");
        }
        sb.append("\r\ninnermost\r\n");
        MailEnv env = new MailEnv();
        Mail m = read(env, bytes(sb.toString()), 0, true);
        assertThat(env.errors).containsExactly(MailReader.DEPTH_CAP);
        assertThat(m.getBodyList()).singleElement().satisfies(p -> assertThat(p.getID()).isEqualTo("b15"));

        StringBuilder many = new StringBuilder("Content-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (int i = 0; i < 300; i++) {
            many.append("--b\r\n\r\npart ").append(i).append("\r\n");
        }
        MailEnv env2 = new MailEnv();
        Mail m2 = read(env2, bytes(many + "--b--\r\n"), 0, true);
        assertThat(m2.getBodyList()).hasSize(MailReader.MAX_PARTS);
        assertThat(env2.errors).containsExactly(MailReader.PART_CAP);
    }

    @Test
    void aLargeBase64BodyStreamsAndTheKeptTextIsBounded() {
        MailEnv env = new MailEnv();
        MailReader r = new MailReader(MailEnv.conversation(), env.env, "POP3");
        byte[] head = bytes("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                + "Content-Disposition: attachment; filename=zeros\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        r.feed(head, 0, head.length);
        // 64 MiB of zeros: "AAAA" per 3 bytes, as 76-character lines
        byte[] line = bytes("A".repeat(76) + "\r\n");
        for (int i = 0; i < (64 << 20) / 57; i++) {
            r.feed(line, 0, line.length);
        }
        byte[] text = bytes("--b\r\nContent-Type: text/plain\r\n\r\n" + "t".repeat(200_000) + "\r\n--b--\r\n");
        r.feed(text, 0, text.length);
        r.end(TS, true);
        assertThat(env.attachments.getFirst().length).isEqualTo((64L << 20) / 57 * 57);
        assertThat(env.mails().getFirst().getBody(1).getContent()).hasSize(MailReader.MAX_PART_TEXT);
    }

    @Test
    void aLineLongerThanTheBufferIsContentAndTheNextDelimiterStillCounts() {
        String longLine = "y".repeat(3 * MailReader.MAX_LINE + 5);
        MailEnv env = new MailEnv();
        Mail m = read(env, bytes("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                + "Content-Disposition: attachment; filename=long\r\n\r\n" + longLine + "\r\n--b\r\n\r\nafter\r\n--b--\r\n"), 1000, true);
        assertThat(env.attachments.getFirst().bytes.toString(StandardCharsets.UTF_8)).isEqualTo(longLine);
        assertThat(m.getBody(1).getContent()).isEqualTo("after");
    }

    @Test
    void theEnvelopeFillsReturnPathAndEnvelopeToWhenTheHeaderHasNone() {
        MailEnv env = new MailEnv();
        MailReader r = new MailReader(MailEnv.conversation(), env.env, "SMTP");
        byte[] msg = bytes("From: x@example.org\r\n\r\nhi\r\n");
        r.feed(msg, 0, msg.length);
        r.envelope("sender@example.org", "a@example.net, b@example.net");
        r.end(TS, true);
        Mail m = env.mails().getFirst();
        assertThat(m.getReturnPath()).isEqualTo("sender@example.org");
        assertThat(m.getEnvelopeTo()).isEqualTo("a@example.net, b@example.net");
        assertThat(m.getFrom()).isEqualTo("x@example.org");
        assertThat(r.id()).isEqualTo(m.getID());
    }

    @Test
    void attachmentNamesCannotLeaveTheStore(@TempDir Path tmp) throws IOException {
        List<File> files = new ArrayList<>();
        FileStore store = new FileStore(tmp, "files", true, (type, msg) -> files.add((File) msg), new FileCounters(),
                head -> "application/octet-stream");
        MailEnv env = new MailEnv(store);
        StringBuilder sb = new StringBuilder("Content-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (String name : List.of("../../../etc/passwd", "/etc/shadow", "..", "C:\\\\Windows\\\\x.exe", "a/../../b")) {
            sb.append("--b\r\nContent-Disposition: attachment; filename=\"").append(name).append("\"\r\n\r\ndata\r\n");
        }
        read(env, bytes(sb + "--b--\r\n"), 0, true);
        assertThat(files).hasSize(5);
        Path root = tmp.resolve("files").toAbsolutePath().normalize();
        try (Stream<Path> all = Files.walk(tmp)) {
            assertThat(all.filter(Files::isRegularFile).toList()).hasSize(5)
                    .allSatisfy(p -> assertThat(p.toAbsolutePath().normalize().getParent().getParent().getParent())
                            .isEqualTo(root)); // <root>/<type>/<subtype>/<name>
        }
        assertThat(files).allSatisfy(f -> {
            assertThat(f.getName()).doesNotContain("/").doesNotContain("\\");
            assertThat(f.getSource()).isEqualTo("SMTP");
            assertThat(f.getLength()).isEqualTo(4);
        });
    }

    @Test
    void datesInObsoleteForms() {
        // 2019-07-29T17:01:45Z = 1564419705
        assertThat(MailDates.parse("Mon, 29 Jul 2019 17:01:45 +0000")).isEqualTo(1_564_419_705_000_000_000L);
        assertThat(MailDates.parse("29 Jul 2019 19:01:45 +0200 (CEST)")).isEqualTo(1_564_419_705_000_000_000L);
        assertThat(MailDates.parse("Mon, 29 Jul 19 17:01:45 GMT")).isEqualTo(1_564_419_705_000_000_000L);
        assertThat(MailDates.parse("yesterday")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void transferDecodersByTheRfcExamples() {
        // RFC 2045 section 6.7: "=" before a line break is a soft break, "=3D" is "="; malformed escapes stay
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransferDecoder qp = TransferDecoder.of("Quoted-Printable", out::write);
        for (String line : List.of("Now's the time =", "for all folk to come=3D=", "=ZZ x=4", "end")) {
            byte[] b = bytes(line);
            qp.data(b, 0, b.length);
            if (!line.equals("end")) {
                qp.lineBreak(true);
            }
        }
        qp.end();
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("Now's the time for all folk to come==ZZ x=4\r\nend");
        ByteArrayOutputStream b64 = new ByteArrayOutputStream();
        TransferDecoder d = TransferDecoder.of("BASE64", b64::write);
        byte[] enc = bytes("aGVs\r\nbG8=\r\n!!ignored");
        d.data(enc, 0, enc.length);
        d.end();
        assertThat(b64.toString(StandardCharsets.ISO_8859_1)).isEqualTo("hello");
    }

    @Test
    void partsKeepTheirCharset() {
        Mail m = read("Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nsch=F6n\r\n");
        assertThat(m.getBody(0).getContent()).isEqualTo("schön\r\n");
    }

    /** The X-Mailer field of a message gives Software, stamped as the Mail record, under the mail's origin. */
    @Test
    void xMailerGivesSoftware() {
        io.netcap.decoder.stream.software.SoftwareStore store =
                new io.netcap.decoder.stream.software.SoftwareStore(100, () -> null);
        List<com.google.protobuf.Message> records = new java.util.ArrayList<>();
        io.netcap.decoder.stream.StreamEnv env = new io.netcap.decoder.stream.StreamEnv((t, m) -> records.add(m),
                io.netcap.decoder.stream.files.FileExtraction.OFF, (k, c, m) -> { },
                io.netcap.decoder.stream.StreamShared.standalone().withSoftware(store));
        MailReader r = new MailReader(MailEnv.conversation(), env, "SMTP");
        byte[] m = bytes("From: a@example.org\r\nX-Mailer: Microsoft Outlook Express 6.00.2900.5512\r\n\r\nHi\r\n");
        r.feed(m, 0, m.length);
        r.end(TS, true);
        List<io.netcap.types.Software> software = new java.util.ArrayList<>();
        store.emit(software::add);
        assertThat(software).singleElement().satisfies(s -> {
            assertThat(s.getProduct()).isEqualTo("Microsoft Outlook Express");
            assertThat(s.getVendor()).isEqualTo("Microsoft");
            assertThat(s.getVersion()).isEqualTo("6.00.2900.5512");
            assertThat(s.getService()).isEqualTo("SMTP");
            assertThat(s.getTimestamp()).isEqualTo(((Mail) records.getFirst()).getTimestamp());
            assertThat(s.getFlowsList()).containsExactly(MailEnv.conversation().ident());
        });
    }
}
