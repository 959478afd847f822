package io.netcap.decoder.stream;

import io.netcap.decoder.stream.http.Http;
import io.netcap.decoder.stream.http.HttpProbe;
import io.netcap.types.RecordType;
import java.util.List;
import java.util.Set;

/**
 * The stream decoder registry: one {@link StreamProtocol} row per protocol. Adding a stream protocol is one
 * parser class and one row here (docs/adding-a-protocol.md). Order matters only among rows whose probes
 * accept the same bytes: the first wins.
 */
public final class StreamProtocols {
    private static final List<StreamProtocol> ALL = List.of(
            new StreamProtocol("HTTP", Set.of(RecordType.HTTP),
                    Set.of(Conversation.Transport.TCP, Conversation.Transport.UDP), new int[] {80},
                    new HttpProbe(), Http::new));

    private StreamProtocols() {}

    public static List<StreamProtocol> all() {
        return ALL;
    }
}
