package io.netcap.decoder.stream;

/**
 * A content test of a stream protocol on the first bytes of each direction of a conversation (the original's
 * tests on the first chunks, docs/streams.md). Either side may still be empty.
 */
@FunctionalInterface
public interface StreamProbe {
    enum Verdict {
        /** These bytes are this protocol. */
        MATCH,
        /** These bytes are not this protocol, whatever follows. */
        NO,
        /** Undecided until more bytes arrive. */
        MORE
    }

    Verdict test(byte[] client, int clientLength, byte[] server, int serverLength);

    /**
     * The test with the conversation and its environment, for a protocol whose connections another connection
     * announces (FTP data: docs/streams.md, "FTP"); by default the content test alone.
     */
    default Verdict test(Conversation c, StreamEnv env, byte[] client, int clientLength, byte[] server,
                         int serverLength) {
        return test(client, clientLength, server, serverLength);
    }
}
