package io.netcap.decoder.stream.mail;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.StreamEnv;

/**
 * One mail message (RFC 5322) read from a stream as it arrives, for a {@code Mail} record. This minimal form
 * counts the bytes it is fed and writes nothing.
 */
public final class MailReader {
    private final Conversation conversation;
    private final StreamEnv env;
    private final String origin;
    private long bytes;

    /** @param origin the protocol that carried the message, e.g. {@code IMAP} */
    public MailReader(Conversation c, StreamEnv env, String origin) {
        this.conversation = c;
        this.env = env;
        this.origin = origin;
    }

    public void feed(byte[] b, int off, int len) {
        bytes += len;
    }

    /** The message ended ({@code complete} false when cut). */
    public void end(long tsNanos, boolean complete) {
    }

    /** The SMTP envelope of the message, when it has one. */
    public void envelope(String returnPath, String envelopeTo) {
    }
}
