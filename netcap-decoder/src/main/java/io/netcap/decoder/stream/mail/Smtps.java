package io.netcap.decoder.stream.mail;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.StreamParser;
import io.netcap.decoder.tls.TlsStream;
import io.netcap.types.RecordType;
import java.util.List;

/**
 * SMTP submission over implicit TLS (RFC 8314 section 3.3, port 465): the TLS handshake records as on any TLS
 * conversation, and an {@code SMTP} record with {@code IsEncrypted}, so encrypted mail is counted with the rest.
 */
public final class Smtps implements StreamParser {
    private final Conversation conv;
    private final StreamEnv env;
    private final TlsStream tls;

    public Smtps(Conversation conv, StreamEnv env) {
        this.conv = conv;
        this.env = env;
        this.tls = new TlsStream(conv, env);
        env.encrypted("smtps");
    }

    @Override
    public int parse(Direction d, byte[] b, int off, int len, long tsNanos) {
        return tls.parse(d, b, off, len, tsNanos);
    }

    @Override
    public void gap(Direction d, long skipped) {
        tls.gap(d, skipped);
    }

    @Override
    public void end(EndReason reason, long unconsumedClient, long unconsumedServer) {
        tls.end(reason, unconsumedClient, unconsumedServer);
        long ts = conv.firstClientNanos() >= 0 ? conv.firstClientNanos() : conv.firstSeenNanos();
        env.records().accept(RecordType.SMTP, SmtpRecord.of(conv, ts, true, List.of(), List.of()));
    }
}
