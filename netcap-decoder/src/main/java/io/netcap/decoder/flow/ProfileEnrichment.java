package io.netcap.decoder.flow;

/**
 * The resolver results that profiles carry (docs/enrichment.md): asked once per profile when the profiles
 * are written at shutdown, never per packet.
 */
public interface ProfileEnrichment {
    /** No resolver: every enrichment field stays empty. */
    ProfileEnrichment NONE = new ProfileEnrichment() {};

    /** {@code DeviceProfile.DeviceManufacturer} of a MAC given as its 48 bits. */
    default String manufacturer(long mac48) {
        return "";
    }

    /** {@code IPProfile.Geolocation} of an address (4 or 16 bytes) whose text is {@code text}. */
    default String geolocation(byte[] address, String text) {
        return "";
    }

    /** The one {@code IPProfile.DNSNames} entry of an address from the local hosts file, or "". */
    default String localName(String text) {
        return "";
    }

    /** The {@code IPProfile.Protocols} key of a DPI protocol id ({@link PacketFacts#dpiProtocol}). */
    default String protocolName(long protocol) {
        return "";
    }

    /** The {@code IPProfile.Ja3Hashes} value of a JA3 or JA3S hash: its description in the JA3 databases, or "". */
    default String ja3Description(String hash) {
        return "";
    }

    /** The {@code Protocol.Category} of a DPI protocol id. */
    default String categoryName(long protocol) {
        return "";
    }
}
