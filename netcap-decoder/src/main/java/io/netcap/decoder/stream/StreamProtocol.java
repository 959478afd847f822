package io.netcap.decoder.stream;

import io.netcap.types.RecordType;
import java.util.Set;

/**
 * One row of the stream decoder registry ({@link StreamProtocols}): a protocol's name, the record types it
 * writes, its transports, the server ports that suggest it, its content probe and its parser factory.
 * Selection tests content first and ports second (docs/streams.md).
 */
public record StreamProtocol(
        String name,
        Set<RecordType> records,
        Set<Conversation.Transport> transports,
        int[] ports,
        StreamProbe probe,
        Factory factory) {

    @FunctionalInterface
    public interface Factory {
        StreamParser create(Conversation conversation, StreamEnv env);
    }

    public boolean onPort(int port) {
        for (int p : ports) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }
}
