package io.netcap.decoder.flow;

import io.netcap.packet.layer.Addresses;
import io.netcap.types.Connection;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Connection record of a connection built with the generated builder: the oracle that the decoder's
 * wire writer is compared against, byte for byte, by {@link FlowWireEncodingTest}.
 */
final class ConnectionOracle {
    private ConnectionOracle() {}

    /** The record of {@code s}, whose UID digest the decoder has computed before writing it. */
    static Connection record(ConnectionDecoder.State s, int seed) {
        assert s.hasUid;
        boolean swap = s.swapped();
        byte[] src = address(s.srcHi, s.srcLo, s.ipLength);
        byte[] dst = address(s.dstHi, s.dstLo, s.ipLength);
        byte[] uid = new byte[32];
        int uidLength = FlowHash.uidHex(s.uidHi, s.uidLo, uid, 0);
        return Connection.newBuilder()
                .setTimestampFirst(s.first)
                .setLinkProto(s.linkProto)
                .setNetworkProto(s.networkProto)
                .setTransportProto(s.transportProto)
                .setApplicationProto(s.applicationProto)
                .setSrcMAC(s.hasMac ? Addresses.mac(mac(s.srcMac), 0) : "")
                .setDstMAC(s.hasMac ? Addresses.mac(mac(s.dstMac), 0) : "")
                .setSrcIP(s.ipLength != 0 ? Addresses.ip(src, 0, s.ipLength) : "")
                .setSrcPort(s.hasPorts ? Integer.toString(s.srcPort) : "")
                .setDstIP(s.ipLength != 0 ? Addresses.ip(dst, 0, s.ipLength) : "")
                .setDstPort(s.hasPorts ? Integer.toString(s.dstPort) : "")
                .setTotalSize(s.totalSize)
                .setAppPayloadSize(0)
                .setNumPackets(s.numPackets)
                .setUID(new String(uid, 0, uidLength, StandardCharsets.US_ASCII))
                .setTimestampLast(s.last)
                .setDuration(s.last - s.first)
                .setBytesClientToServer(swap ? s.bytesServerToClient : s.bytesClientToServer)
                .setBytesServerToClient(swap ? s.bytesClientToServer : s.bytesServerToClient)
                .setNumFINFlags(s.fin)
                .setNumRSTFlags(s.rst)
                .setNumACKFlags(s.ack)
                .setNumSYNFlags(s.syn)
                .setNumURGFlags(s.urg)
                .setNumECEFlags(s.ece)
                .setNumPSHFlags(s.psh)
                .setNumCWRFlags(s.cwr)
                .setNumNSFlags(s.ns)
                .setMeanWindowSize(s.meanWindowSize)
                .setCommunityID(s.communityIdUsable()
                        ? CommunityId.v1(seed, src, dst, s.cidProto, s.cidSport, s.cidDport) : "")
                .setPayloadClientToServer(s.endpointSwapped() ? s.payloadOther : s.payloadCreator)
                .setPayloadServerToClient(s.endpointSwapped() ? s.payloadCreator : s.payloadOther)
                .setStreamBytesClientToServer(s.endpointSwapped() ? s.streamOther : s.streamCreator)
                .setStreamBytesServerToClient(s.endpointSwapped() ? s.streamCreator : s.streamOther)
                .setStreamMissedClientToServer(s.endpointSwapped() ? s.missedOther : s.missedCreator)
                .setStreamMissedServerToClient(s.endpointSwapped() ? s.missedCreator : s.missedOther)
                .setApplicationCategory(s.applicationCategory)
                .build();
    }

    /** The {@code length} bytes of an address kept as two longs (IPv4 in the low 32 bits of {@code lo}). */
    private static byte[] address(long hi, long lo, int length) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return length == 4 ? Arrays.copyOfRange(b, 12, 16) : b;
    }

    private static byte[] mac(long v) {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (v >>> (40 - 8 * i));
        }
        return b;
    }
}
