package io.netcap.decoder.stream;

import io.netcap.decoder.app.AppDecoder;
import io.netcap.decoder.stream.ftp.Ftp;
import io.netcap.decoder.stream.ftp.FtpData;
import io.netcap.decoder.stream.ftp.FtpProbe;
import io.netcap.decoder.stream.http.Http;
import io.netcap.decoder.stream.http.HttpProbe;
import io.netcap.decoder.stream.imap.Imap;
import io.netcap.decoder.stream.imap.ImapProbe;
import io.netcap.decoder.stream.mail.Pop3;
import io.netcap.decoder.stream.mail.Smtp;
import io.netcap.decoder.stream.mail.Smtps;
import io.netcap.decoder.stream.ssh.Ssh;
import io.netcap.decoder.tls.TlsStream;
import io.netcap.types.RecordType;
import java.util.List;
import java.util.Set;

/**
 * The stream decoder registry: one {@link StreamProtocol} row per protocol. Adding a stream protocol is one
 * parser class and one row here (docs/adding-a-protocol.md). Order matters only among rows whose probes
 * accept the same bytes: the first wins.
 */
public final class StreamProtocols {
    private static final Set<Conversation.Transport> TCP = Set.of(Conversation.Transport.TCP);

    private static final List<StreamProtocol> ALL = List.of(
            new StreamProtocol("HTTP", Set.of(RecordType.HTTP, RecordType.Software),
                    Set.of(Conversation.Transport.TCP, Conversation.Transport.UDP), new int[] {80},
                    new HttpProbe(), Http::new),
            new StreamProtocol("TLS", Set.of(RecordType.TLSClientHello, RecordType.TLSServerHello), TCP,
                    new int[] {443, 636, 989, 990, 992, 993, 994, 995, 5061}, TlsStream::probe, TlsStream::new),
            // SMTP and POP3 hand a conversation to TLS after STARTTLS/STLS: they write its hellos too; mail
            // User-Agent and X-Mailer fields give Software
            new StreamProtocol("SMTP", Set.of(RecordType.SMTP, RecordType.Mail, RecordType.Software,
                    RecordType.TLSClientHello, RecordType.TLSServerHello), TCP, new int[] {25, 587}, Smtp::probe, Smtp::new),
            // after TLS: on other ports a TLS handshake is TLS; on 465 it is SMTP submission (docs/mail.md)
            new StreamProtocol("SMTPS", Set.of(RecordType.SMTP, RecordType.TLSClientHello, RecordType.TLSServerHello),
                    TCP, new int[] {465}, TlsStream::probe, Smtps::new),
            new StreamProtocol("POP3", Set.of(RecordType.POP3, RecordType.Mail, RecordType.Software,
                    RecordType.TLSClientHello, RecordType.TLSServerHello), TCP, new int[] {110}, Pop3::probe, Pop3::new),
            new StreamProtocol("SSH", Set.of(RecordType.SSH, RecordType.Software), TCP, new int[] {22}, Ssh::probe,
                    Ssh::new),
            framed("DNS", Set.of(RecordType.DNS), 53, FramedStream::dnsProbe, FramedStream::dnsLength,
                    FramedStream.DNS),
            framed("Modbus", Set.of(RecordType.Modbus), 502, FramedStream::modbusProbe, FramedStream::modbusLength,
                    FramedStream.MODBUS),
            framed("ENIP", Set.of(RecordType.ENIP, RecordType.CIP), 44818, FramedStream::enipProbe,
                    FramedStream::enipLength, FramedStream::enip),
            new StreamProtocol("FTP", Set.of(RecordType.FTP), TCP, new int[] {21}, new FtpProbe(), Ftp::new),
            new StreamProtocol("IMAP", Set.of(RecordType.IMAP, RecordType.Mail, RecordType.Software), TCP, new int[] {143}, new ImapProbe(), Imap::new),
            // last: a connection another row recognises is not FTP data
            new StreamProtocol("FTP-DATA", Set.of(RecordType.FTP), TCP, new int[0], FtpData.PROBE, FtpData::new));

    /** The protocols whose TCP messages the packet decoders also read under {@code -opts datagrams}. */
    public static final Set<String> ALSO_PER_PACKET = Set.of("DNS", "Modbus", "ENIP");

    private StreamProtocols() {}

    private static StreamProtocol framed(String name, Set<RecordType> records, int port, StreamProbe probe,
                                         FramedStream.Framing framing, AppDecoder decoder) {
        return new StreamProtocol(name, records, TCP, new int[] {port}, probe,
                (c, env) -> new FramedStream(c, env, name.toUpperCase(java.util.Locale.ROOT), framing, decoder));
    }

    /** A framed protocol whose records are written in wire format. */
    private static StreamProtocol framed(String name, Set<RecordType> records, int port, StreamProbe probe,
                                         FramedStream.Framing framing, FramedStream.Wire wire) {
        return new StreamProtocol(name, records, TCP, new int[] {port}, probe,
                (c, env) -> new FramedStream(c, env, name.toUpperCase(java.util.Locale.ROOT), framing, wire));
    }

    public static List<StreamProtocol> all() {
        return ALL;
    }

    /** The registry as the stream decoder table of {@code docs/protocols.md} (checked by a test). */
    public static String markdown() {
        StringBuilder sb = new StringBuilder("| stream decoder | transports | server ports (second to content) | records |\n");
        sb.append("|---|---|---|---|\n");
        for (StreamProtocol p : ALL) {
            sb.append("| ").append(p.name()).append(" | ")
                    .append(String.join(", ", p.transports().stream().map(Enum::name).sorted().toList())).append(" | ")
                    .append(String.join(", ", java.util.Arrays.stream(p.ports()).mapToObj(Integer::toString).toList()))
                    .append(" | ").append(String.join(", ", p.records().stream().map(Enum::name).sorted().toList()))
                    .append(" |\n");
        }
        return sb.toString();
    }
}
