package io.netcap.decoder.stream;

import io.netcap.decoder.stream.http.Http;
import io.netcap.decoder.stream.http.HttpProbe;
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
            new StreamProtocol("HTTP", Set.of(RecordType.HTTP),
                    Set.of(Conversation.Transport.TCP, Conversation.Transport.UDP), new int[] {80},
                    new HttpProbe(), Http::new),
            new StreamProtocol("TLS", Set.of(RecordType.TLSClientHello, RecordType.TLSServerHello), TCP,
                    new int[] {443, 636, 989, 990, 992, 993, 994, 995, 5061}, TlsStream::probe, TlsStream::new));

    private StreamProtocols() {}

    public static List<StreamProtocol> all() {
        return ALL;
    }
}
