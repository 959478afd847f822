package io.netcap.packet;

import java.util.Arrays;

/**
 * One captured frame: capture metadata plus its bytes, {@code buffer[offset .. offset+capturedLength)}.
 *
 * <p>Aliasing contract: a source may hand out packets that slice a buffer it reuses; such a packet
 * is valid until the source's next call. Callers that keep a packet past that point take {@link #copy()}.
 *
 * @param timestampNanos capture time, nanoseconds since the Unix epoch (UTC)
 * @param capturedLength bytes present in the capture
 * @param wireLength     length of the frame on the wire (may exceed the captured length)
 * @param linkType       LINKTYPE_* value of the interface the frame came from
 * @param interfaceId    pcapng interface index (0 for classic pcap and live capture)
 */
public record Packet(long timestampNanos, int capturedLength, int wireLength, int linkType, int interfaceId,
                     byte[] buffer, int offset) {

    public Packet {
        if (offset < 0 || capturedLength < 0 || offset + capturedLength > buffer.length) {
            throw new IllegalArgumentException("packet slice out of bounds");
        }
    }

    /** A packet that owns exactly its bytes. */
    public static Packet of(long timestampNanos, int wireLength, int linkType, byte[] data) {
        return new Packet(timestampNanos, data.length, wireLength, linkType, 0, data, 0);
    }

    /** The captured bytes as a fresh array. */
    public byte[] bytes() {
        return Arrays.copyOfRange(buffer, offset, offset + capturedLength);
    }

    /** A packet that no longer aliases the source's buffer. */
    public Packet copy() {
        return new Packet(timestampNanos, capturedLength, wireLength, linkType, interfaceId, bytes(), 0);
    }
}
