package io.netcap.decoder.stream;

/**
 * The raw endpoints of a conversation, for the packet context of the records its decoders write (SrcIP,
 * DstIP, SrcPort, DstPort by direction), and where the link addresses come from.
 *
 * @param ipLength 4 or 16
 * @param link     fills the link addresses of a record sent in a direction (the packet that completed it,
 *                 when known: link addresses differ per direction behind routers); may be null
 */
public record Endpoints(byte[] clientIp, byte[] serverIp, int ipLength, int clientPort, int serverPort,
                        LinkAddresses link) {

    /** Sets {@code srcMac}/{@code dstMac}/{@code hasMac} of {@code into} for direction {@code d}, if known. */
    @FunctionalInterface
    public interface LinkAddresses {
        void fill(Endpoints e, Direction d, io.netcap.decoder.flow.PacketFacts into);
    }
}
