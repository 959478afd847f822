package io.netcap.decoder.stream.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.StreamFeeder;
import io.netcap.decoder.stream.StreamParser;
import io.netcap.types.Mail;
import io.netcap.types.MailPart;
import java.util.function.BiFunction;

/**
 * Arbitrary input through the SMTP and POP3 parsers and the MIME reader: nothing escapes, every call consumes
 * between 0 and the bytes offered ({@link StreamFeeder} checks it), what the framework must keep unconsumed stays
 * within a line, every attachment is closed exactly once, and the records respect the reader's caps. Conversation
 * input: records of one control byte (bit 7: server, bits 0-6: length; 0xff/0xfe: a gap of the next byte's value
 * in the server/client direction) and that many payload bytes. MIME input: the first byte is the piece size.
 * Seeds: {@code MailFuzzTestInputs/<method>/}.
 */
class MailFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void smtp(byte[] data) {
        conversation(data, 25, (c, e) -> new Smtp(c, e.env));
    }

    @FuzzTest(maxDuration = "30s")
    void pop3(byte[] data) {
        conversation(data, 110, (c, e) -> new Pop3(c, e.env));
    }

    @FuzzTest(maxDuration = "30s")
    void mime(byte[] data) {
        MailEnv env = new MailEnv();
        MailReader r = new MailReader(MailEnv.conversation(), env.env, "IMAP");
        int piece = data.length == 0 ? 1 : Math.max(1, data[0] & 0xff);
        for (int i = 1; i < data.length; i += piece) {
            r.feed(data, i, Math.min(piece, data.length - i));
        }
        r.end(1, data.length % 2 == 0);
        assertThat(env.mails()).hasSize(1);
        bounded(env);
    }

    private static void conversation(byte[] data, int port, BiFunction<Conversation, MailEnv, StreamParser> parser) {
        MailEnv env = new MailEnv();
        Conversation conv = new Conversation(Conversation.Transport.TCP, "1.1.1.1", 1, "2.2.2.2", port, 0);
        StreamFeeder feed = new StreamFeeder(conv, parser.apply(conv, env));
        feed.replay(data, () -> {
            for (Direction x : Direction.values()) {
                assertThat(feed.pending(x)).isLessThanOrEqualTo(MailDialogue.MAX_LINE + 127);
            }
        });
        feed.end(EndReason.SHUTDOWN);
        bounded(env);
    }

    private static void bounded(MailEnv env) {
        assertThat(env.attachments).allSatisfy(a -> assertThat(a.closes).isEqualTo(1));
        for (Mail m : env.mails()) {
            assertThat(m.getBodyCount()).isLessThanOrEqualTo(MailReader.MAX_PARTS);
            assertThat(m.getID()).hasSize(28);
            for (MailPart p : m.getBodyList()) {
                assertThat(p.getContent().length()).isLessThanOrEqualTo(MailReader.MAX_PART_TEXT);
                assertThat(p.getHeaderCount()).isLessThanOrEqualTo(MimeHeader.MAX_FIELDS);
            }
        }
    }
}
