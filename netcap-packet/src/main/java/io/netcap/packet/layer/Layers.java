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

    private final LayerKind[] kinds = new LayerKind[MAX_LAYERS];
    private final int[] offsets = new int[MAX_LAYERS];
    private final int[] lengths = new int[MAX_LAYERS];
    private final int[] payloadOffsets = new int[MAX_LAYERS];
    private final int[] payloadLengths = new int[MAX_LAYERS];
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
        kinds[count] = kind;
        offsets[count] = offset;
        lengths[count] = length;
        payloadOffsets[count] = payloadOffset;
        payloadLengths[count] = payloadLength;
        if (network < 0 && kind.role() == LayerKind.Role.NETWORK) {
            network = count;
        }
        if (transport < 0 && kind.role() == LayerKind.Role.TRANSPORT) {
            transport = count;
        }
        count++;
        return true;
    }

    /**
     * The packet's captured bytes were copied to {@code copy}: points these layers at the copy (offsets
     * move with the bytes, the layer table and the error stay).
     */
    public void relocate(Packet copy) {
        int delta = copy.offset() - packet.offset();
        for (int i = 0; i < count; i++) {
            offsets[i] += delta;
            payloadOffsets[i] += delta;
        }
        packet = copy;
        buffer = copy.buffer();
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
        return kinds[i];
    }

    public int offset(int i) {
        return offsets[i];
    }

    public int length(int i) {
        return lengths[i];
    }

    /** Offset of the bytes after the header (end of the layer's span for application kinds). */
    public int payloadOffset(int i) {
        return payloadOffsets[i];
    }

    public int payloadLength(int i) {
        return payloadLengths[i];
    }

    /** Header length: the span before the payload. */
    public int headerLength(int i) {
        return payloadOffsets[i] - offsets[i];
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
            if (kinds[i] == kind) {
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
            sb.append(kinds[i].layerName()).append('@').append(offsets[i] - packet.offset())
                    .append('+').append(lengths[i]);
        }
        if (error != null) {
            sb.append("; ").append(error);
        }
        return sb.append(']').toString();
    }
}
