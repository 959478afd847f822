package io.netcap.packet.layer;

import io.netcap.packet.Packet;

/**
 * The ordered layers of the packet most recently given to {@link LayerParser#parse}. One instance per
 * parser, reused for every packet: valid until the next {@code parse} call, like the views.
 *
 * <p>Offsets are indexes into {@link #buffer()} (the packet's own array, not copied). A layer spans
 * {@code [offset, offset + length)}: its header plus its payload, where the payload is what the
 * layer's length field (if any) leaves after the header, cut to the captured bytes. Application
 * kinds span their whole message and have an empty payload.
 */
public final class Layers {
    /** Enough for deep tunnel stacks; a packet needing more is reported as {@link ParseError.Kind#TOO_MANY_LAYERS}. */
    public static final int MAX_LAYERS = 48;

    private static final LayerKind[] KINDS = LayerKind.values();
    // One row of five ints per layer: a packet's table fills a cache line or two.
    private static final int KIND = 0;
    private static final int OFFSET = 1;
    private static final int LENGTH = 2;
    private static final int PAYLOAD_OFFSET = 3;
    private static final int PAYLOAD_LENGTH = 4;
    private static final int ROW = 5;
    private final int[] table = new int[MAX_LAYERS * ROW];
    private int count;
    private int network;
    private int transport;
    private boolean truncated;
    private ParseError error;
    private Packet packet;
    private byte[] buffer;

    void reset(Packet p) {
        packet = p;
        buffer = p.buffer();
        count = 0;
        network = -1;
        transport = -1;
        truncated = false;
        error = null;
    }

    /** Appends a layer; false (and a TOO_MANY_LAYERS error) when the table is full. */
    boolean add(LayerKind kind, int offset, int length, int payloadOffset, int payloadLength) {
        if (count == MAX_LAYERS) {
            fail(ParseError.Kind.TOO_MANY_LAYERS, kind, offset, "more than " + MAX_LAYERS + " layers");
            return false;
        }
        int r = count * ROW;
        table[r + KIND] = kind.ordinal();
        table[r + OFFSET] = offset;
        table[r + LENGTH] = length;
        table[r + PAYLOAD_OFFSET] = payloadOffset;
        table[r + PAYLOAD_LENGTH] = payloadLength;
        if (network < 0 && kind.role() == LayerKind.Role.NETWORK) {
            network = count;
        }
        if (transport < 0 && kind.role() == LayerKind.Role.TRANSPORT) {
            transport = count;
        }
        count++;
        return true;
    }

    void fail(ParseError.Kind kind, LayerKind layer, int absoluteOffset, String detail) {
        if (error == null) {
            error = new ParseError(kind, layer, absoluteOffset - packet.offset(), detail);
        }
    }

    void markTruncated() {
        truncated = true;
    }

    public int count() {
        return count;
    }

    public LayerKind kind(int i) {
        return KINDS[table[i * ROW + KIND]];
    }

    public int offset(int i) {
        return table[i * ROW + OFFSET];
    }

    public int length(int i) {
        return table[i * ROW + LENGTH];
    }

    /** Offset of the bytes after the header (end of the layer's span for application kinds). */
    public int payloadOffset(int i) {
        return table[i * ROW + PAYLOAD_OFFSET];
    }

    public int payloadLength(int i) {
        return table[i * ROW + PAYLOAD_LENGTH];
    }

    /** Header length: the span before the payload. */
    public int headerLength(int i) {
        return payloadOffset(i) - offset(i);
    }

    /** Index of the first network layer (IPv4/IPv6), or -1. */
    public int firstNetwork() {
        return network;
    }

    /** Index of the first transport layer (TCP/UDP/SCTP), or -1. */
    public int firstTransport() {
        return transport;
    }

    /** Index of the first layer of the kind, or -1. */
    public int indexOf(LayerKind kind) {
        for (int i = 0; i < count; i++) {
            if (table[i * ROW + KIND] == kind.ordinal()) {
                return i;
            }
        }
        return -1;
    }

    /** Whether some length field promised more bytes than were captured (short snap length). */
    public boolean truncated() {
        return truncated;
    }

    /** The first defect found in this packet, or null for a well-formed one. */
    public ParseError error() {
        return error;
    }

    public Packet packet() {
        return packet;
    }

    public byte[] buffer() {
        return buffer;
    }

    /** End (exclusive) of the captured bytes in {@link #buffer()}. */
    public int end() {
        return packet.offset() + packet.capturedLength();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Layers[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(kind(i).layerName()).append('@').append(offset(i) - packet.offset())
                    .append('+').append(length(i));
        }
        if (error != null) {
            sb.append("; ").append(error);
        }
        return sb.append(']').toString();
    }
}
