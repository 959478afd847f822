package io.netcap.decoder.stream.mail;

import com.google.protobuf.Message;
import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.decoder.stream.files.FileOrigin;
import io.netcap.types.Mail;
import io.netcap.types.POP3;
import io.netcap.types.SMTP;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** A {@link StreamEnv} for mail tests: the records by type, the attachments handed to extraction, the errors. */
final class MailEnv {
    static Conversation conversation() {
        return new Conversation(Conversation.Transport.TCP, "10.0.0.1", 40000, "10.0.0.2", 25, 1_000_000_000L);
    }

    /** An attachment as extraction received it; {@code complete} is null until closed. */
    static final class Attachment implements FileExtraction.BodySink {
        final FileOrigin origin;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long length;
        Boolean complete;
        int closes;

        Attachment(FileOrigin origin) {
            this.origin = origin;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (complete != null) {
                throw new IllegalStateException("write after close");
            }
            length += len;
            if (bytes.size() < 1 << 20) { // large test bodies are checked by length
                bytes.write(b, off, Math.min(len, (1 << 20) - bytes.size()));
            }
        }

        @Override
        public void close(boolean complete) {
            closes++;
            this.complete = complete;
        }
    }

    final List<Message> records = new ArrayList<>();
    final List<Attachment> attachments = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final StreamEnv env;

    MailEnv() {
        env = new StreamEnv((type, m) -> records.add(m), origin -> {
            Attachment a = new Attachment(origin);
            attachments.add(a);
            return a;
        }, (kind, conv, message) -> errors.add(kind));
    }

    MailEnv(FileExtraction files) {
        env = new StreamEnv((type, m) -> records.add(m), files, (kind, conv, message) -> errors.add(kind));
    }

    List<Mail> mails() {
        return records.stream().filter(Mail.class::isInstance).map(Mail.class::cast).toList();
    }

    SMTP smtp() {
        return records.stream().filter(SMTP.class::isInstance).map(SMTP.class::cast).findFirst().orElseThrow();
    }

    POP3 pop3() {
        return records.stream().filter(POP3.class::isInstance).map(POP3.class::cast).findFirst().orElseThrow();
    }
}
