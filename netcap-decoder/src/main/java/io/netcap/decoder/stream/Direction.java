package io.netcap.decoder.stream;

/**
 * The two halves of a TCP connection. The client is the sender of the first segment the reassembler saw for
 * the connection, as in the original (docs/streams.md), except when that segment is a SYN+ACK: its sender is
 * the server of a connection whose SYN was not captured.
 */
public enum Direction {
    CLIENT_TO_SERVER,
    SERVER_TO_CLIENT;

    public Direction reverse() {
        return this == CLIENT_TO_SERVER ? SERVER_TO_CLIENT : CLIENT_TO_SERVER;
    }
}
