package io.netcap.packet.layer;

/**
 * Why the parser stopped trusting a packet. The layers parsed before the error stay valid and still
 * produce records; the error is counted by {@link Kind} and reported with the layer and byte offset
 * (relative to the start of the frame).
 *
 * @param kind   the class of defect, the unit of error counting
 * @param layer  the layer whose header was bad ({@code null} for link-type problems)
 * @param offset byte offset of the bad header within the frame
 * @param detail a short human-readable explanation
 */
public record ParseError(Kind kind, LayerKind layer, int offset, String detail) {

    /** Named classes of malformed input. */
    public enum Kind {
        /** The capture's link type is not one the parser handles. */
        UNSUPPORTED_LINK_TYPE,
        /** Fewer bytes than the fixed part of a header needs. */
        TRUNCATED_HEADER,
        /** A length field claims more bytes than the frame holds although the frame was not cut by the snap length. */
        LENGTH_BEYOND_CAPTURE,
        /** IPv4 IHL below 5 or larger than the total length; IPv4 total length below 20. */
        BAD_IHL,
        /** A length field smaller than its own header (UDP length below 8, IPv6 jumbo without option, ...). */
        BAD_LENGTH,
        /** TCP data offset below 5 or past the end of the segment. */
        BAD_DATA_OFFSET,
        /** An IPv4/TCP/ICMPv6 option whose length is 0, too small, or runs past its header. */
        BAD_OPTION_LENGTH,
        /** More IPv6 extension headers than any sane packet carries (loops or endless chains). */
        EXTENSION_HEADER_LIMIT,
        /** More stacked 802.1Q tags than any sane network uses. */
        VLAN_DEPTH,
        /** Tunnels nested deeper than the layer table holds. */
        TOO_MANY_LAYERS,
        /** A version field with a value the header format does not allow. */
        BAD_VERSION
    }

    @Override
    public String toString() {
        return kind + (layer == null ? "" : " in " + layer.layerName()) + " at offset " + offset + ": " + detail;
    }
}
