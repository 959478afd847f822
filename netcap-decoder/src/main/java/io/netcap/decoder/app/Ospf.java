package io.netcap.decoder.app;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.netcap.types.ASExternalLSA;
import io.netcap.types.ASExternalLSAV2;
import io.netcap.types.InterAreaPrefixLSA;
import io.netcap.types.InterAreaRouterLSA;
import io.netcap.types.IntraAreaPrefixLSA;
import io.netcap.types.LSAPrefix;
import io.netcap.types.LinkLSA;
import io.netcap.types.NetworkLSA;
import io.netcap.types.Router;
import io.netcap.types.RouterLSA;
import io.netcap.types.RouterLSAV2;
import io.netcap.types.RouterV2;
import io.netcap.types.DbDescPkg;
import io.netcap.types.HelloPkg;
import io.netcap.types.HelloPkgV2;
import io.netcap.types.LSA;
import io.netcap.types.LSAheader;
import io.netcap.types.LSReq;
import io.netcap.types.LSUpdate;
import io.netcap.types.OSPFv2;
import io.netcap.types.OSPFv3;

/**
 * OSPF packet to an {@link OSPFv2} (RFC 2328 A.3) or {@link OSPFv3} (RFC 5340 A.3) record; the record
 * type follows the version field (docs/original.md, "Value conventions"). Hello, Database Description, Link State Request,
 * Link State Update (with router, network, AS-external/NSSA, inter-area, link and intra-area-prefix
 * LSA bodies) and Link State Acknowledgment are decoded, with the original's field choices.
 * {@code PacketLength} bounds the packet; a length beyond the data rejects it. Prefixes in v3 LSAs are
 * walked with RFC 5340's 32-bit padding (the original advances by a wrong amount, see
 * docs/app-decoders.md).
 */
public final class Ospf {
    static final int HELLO = 1, DB_DESCRIPTION = 2, LS_REQUEST = 3, LS_UPDATE = 4, LS_ACK = 5;
    static final int V2_HEADER = 24, V3_HEADER = 16, LSA_HEADER = 20;

    private Ospf() {}

    /** An OSPFv2 or OSPFv3 record, or null. */
    public static Message decode(byte[] buf, int off, int len, long tsNanos) {
        try {
            ByteReader all = new ByteReader(buf, off, len);
            int version = all.u8(0);
            int plen = all.u16(2);
            if (plen > len) throw new Malformed("lengthExceedsData");
            return switch (version) {
                case 2 -> v2(all.slice(0, plen), tsNanos);
                case 3 -> v3(all.slice(0, plen), tsNanos);
                default -> throw new Malformed("unknownVersion");
            };
        } catch (Malformed m) {
            return AppErrors.reject("OSPF", m);
        }
    }

    static OSPFv2 v2(ByteReader w, long ts) throws Malformed {
        if (w.length() < V2_HEADER) throw new Malformed("tooShort");
        int type = w.u8(1);
        OSPFv2.Builder b = OSPFv2.newBuilder().setTimestamp(ts).setVersion(2).setType(type).setPacketLength(w.length())
                .setRouterID(w.i32(4)).setAreaID(w.i32(8)).setChecksum(w.u16(12)).setAuType(w.u16(14))
                .setAuthentication(w.u64(16));
        int p = V2_HEADER;
        switch (type) {
            case HELLO -> {
                HelloPkgV2.Builder h = HelloPkgV2.newBuilder().setNetworkMask(w.i32(p)).setHelloInterval(w.u16(p + 4))
                        .setOptions(w.u8(p + 6)).setRtrPriority(w.u8(p + 7)).setRouterDeadInterval(w.i32(p + 8))
                        .setDesignatedRouterID(w.i32(p + 12)).setBackupDesignatedRouterID(w.i32(p + 16));
                for (int q = p + 20; q + 4 <= w.length(); q += 4) h.addNeighborID(w.i32(q));
                b.setHelloV2(h);
            }
            case DB_DESCRIPTION -> {
                DbDescPkg.Builder d = DbDescPkg.newBuilder().setInterfaceMTU(w.u16(p)).setOptions(w.u8(p + 2))
                        .setFlags(w.u8(p + 3)).setDDSeqNumber(w.i32(p + 4));
                // the original reads a 16-bit type here (options byte and type together), unlike in LS acks
                for (int q = p + 8; q + LSA_HEADER <= w.length(); q += LSA_HEADER) d.addLSAinfo(lsaHeader(w, q, 3));
                b.setDbDesc(d);
            }
            case LS_REQUEST -> {
                for (int q = p; q + 12 <= w.length(); q += 12) {
                    b.addLSR(LSReq.newBuilder().setLSType(w.u16(q + 2)).setLSID(w.i32(q + 4)).setAdvRouter(w.i32(q + 8)));
                }
            }
            case LS_UPDATE -> b.setLSU(update(w, p, 2));
            case LS_ACK -> {
                for (int q = p; q + LSA_HEADER <= w.length(); q += LSA_HEADER) b.addLSAs(lsaHeader(w, q, 2));
            }
            default -> { } // other types: header only, as in the original
        }
        return b.build();
    }

    static OSPFv3 v3(ByteReader w, long ts) throws Malformed {
        if (w.length() < V3_HEADER) throw new Malformed("tooShort");
        int type = w.u8(1);
        OSPFv3.Builder b = OSPFv3.newBuilder().setTimestamp(ts).setVersion(3).setType(type).setPacketLength(w.length())
                .setRouterID(w.i32(4)).setAreaID(w.i32(8)).setChecksum(w.u16(12)).setInstance(w.u8(14))
                .setReserved(w.u8(15));
        int p = V3_HEADER;
        switch (type) {
            case HELLO -> {
                HelloPkg.Builder h = HelloPkg.newBuilder().setInterfaceID(w.i32(p)).setRtrPriority(w.u8(p + 4))
                        .setOptions(w.u24(p + 5)).setHelloInterval(w.u16(p + 8)).setRouterDeadInterval(w.u16(p + 10))
                        .setDesignatedRouterID(w.i32(p + 12)).setBackupDesignatedRouterID(w.i32(p + 16));
                for (int q = p + 20; q + 4 <= w.length(); q += 4) h.addNeighborID(w.i32(q));
                b.setHello(h);
            }
            case DB_DESCRIPTION -> {
                DbDescPkg.Builder d = DbDescPkg.newBuilder().setOptions(w.u24(p + 1)).setInterfaceMTU(w.u16(p + 4))
                        .setFlags(w.u16(p + 6)).setDDSeqNumber(w.i32(p + 8));
                for (int q = p + 12; q + LSA_HEADER <= w.length(); q += LSA_HEADER) d.addLSAinfo(lsaHeader(w, q, 3));
                b.setDbDesc(d);
            }
            case LS_REQUEST -> {
                for (int q = p; q + 12 <= w.length(); q += 12) {
                    b.addLSR(LSReq.newBuilder().setLSType(w.u16(q + 2)).setLSID(w.i32(q + 4)).setAdvRouter(w.i32(q + 8)));
                }
            }
            case LS_UPDATE -> b.setLSU(update(w, p, 3));
            case LS_ACK -> {
                for (int q = p; q + LSA_HEADER <= w.length(); q += LSA_HEADER) b.addLSAs(lsaHeader(w, q, 3));
            }
            default -> { } // other types: header only, as in the original
        }
        return b.build();
    }

    static final int ROUTER_V2 = 0x1, NETWORK_V2 = 0x2, AS_EXTERNAL_V2 = 0x5, NSSA_V2 = 0x7;
    static final int ROUTER_V3 = 0x2001, NETWORK_V3 = 0x2002, INTER_AREA_PREFIX = 0x2003, INTER_AREA_ROUTER = 0x2004,
            AS_EXTERNAL_V3 = 0x4005, NSSA_V3 = 0x2007, LINK = 0x0008, INTRA_AREA_PREFIX = 0x2009;

    /**
     * Link State Update: number of LSAs, then each LSA with its body. As in the original, an LSA type
     * without a decoder (e.g. v2 summary LSAs 3 and 4) or an LSA past the packet rejects the packet.
     */
    private static LSUpdate update(ByteReader w, int p, int version) throws Malformed {
        long n = w.u32(p);
        LSUpdate.Builder u = LSUpdate.newBuilder().setNumOfLSAs((int) n);
        int q = p + 4;
        for (long k = 0; k < n; k++) {
            if (!w.has(q, LSA_HEADER)) throw new Malformed("lsaCountExceedsPacket");
            LSAheader h = lsaHeader(w, q, version);
            int len = h.getLength();
            if (len < LSA_HEADER || !w.has(q, len)) throw new Malformed("lsaLengthPastEnd");
            u.addLSAs(lsaBody(LSA.newBuilder().setHeader(h), h.getLSType(), w.slice(q, len)));
            q += len;
        }
        return u.build();
    }

    /** The LSA body by type (RFC 2328 A.4, RFC 5340 A.4); {@code l} spans the whole LSA, header included. */
    private static LSA lsaBody(LSA.Builder a, int type, ByteReader l) throws Malformed {
        int len = l.length();
        switch (type) {
            case ROUTER_V2 -> {
                RouterLSAV2.Builder r = RouterLSAV2.newBuilder().setFlags(l.u8(20)).setLinks(l.u16(22));
                // TOS entries of a link are not skipped, as in the original (TOS is unused since RFC 2328)
                for (int j = 24; j < len; j += 12) {
                    r.addRouters(RouterV2.newBuilder().setLinkID(l.i32(j)).setLinkData(l.i32(j + 4))
                            .setType(l.u8(j + 8)).setMetric(l.u16(j + 10)));
                }
                a.setRLSAV2(r);
            }
            case NETWORK_V2, NETWORK_V3 -> {
                NetworkLSA.Builder nw = NetworkLSA.newBuilder();
                if (type == NETWORK_V3) nw.setOptions(l.u24(21));
                for (int j = 24; j + 4 <= len; j += 4) nw.addAttachedRouter(l.i32(j));
                a.setNLSA(nw);
            }
            case AS_EXTERNAL_V2, NSSA_V2 -> a.setASELSAV2(ASExternalLSAV2.newBuilder().setNetworkMask(l.i32(20))
                    .setExternalBit(l.u8(24) & 0x80).setMetric(l.u24(25)).setForwardingAddress(l.i32(28))
                    .setExternalRouteTag(l.i32(32)));
            case ROUTER_V3 -> {
                RouterLSA.Builder r = RouterLSA.newBuilder().setFlags(l.u8(20)).setOptions(l.u24(21));
                for (int j = 24; j < len; j += 16) {
                    r.addRouters(Router.newBuilder().setType(l.u8(j)).setMetric(l.u16(j + 2)).setInterfaceID(l.i32(j + 4))
                            .setNeighborInterfaceID(l.i32(j + 8)).setNeighborRouterID(l.i32(j + 12)));
                }
                a.setRLSA(r);
            }
            case INTER_AREA_PREFIX -> {
                l.need(28, 0, "lsaTooShort");
                a.setInterAPrefixLSA(InterAreaPrefixLSA.newBuilder().setMetric(l.u24(21)).setPrefixLength(l.u8(24))
                        .setPrefixOptions(l.u8(25)).setAddressPrefix(ByteString.copyFrom(l.bytes(28, len - 28))));
            }
            case INTER_AREA_ROUTER -> a.setIARouterLSA(InterAreaRouterLSA.newBuilder().setOptions(l.u24(21))
                    .setMetric(l.u24(25)).setDestinationRouterID(l.i32(28)));
            case AS_EXTERNAL_V3, NSSA_V3 -> {
                int flags = l.u8(20), bits = l.u8(24);
                int prefixBytes = prefixSpace(bits);
                ASExternalLSA.Builder e = ASExternalLSA.newBuilder().setFlags(flags).setMetric(l.u24(21))
                        .setPrefixLength(bits).setPrefixOptions(l.u8(25)).setRefLSType(l.u16(26))
                        .setAddressPrefix(ByteString.copyFrom(l.bytes(28, (bits + 7) / 8)));
                int p = 28 + prefixBytes;
                if ((flags & 0x02) != 0) {
                    e.setForwardingAddress(ByteString.copyFrom(l.bytes(p, 16)));
                    p += 16;
                }
                if ((flags & 0x01) != 0) e.setExternalRouteTag(l.i32(p));
                a.setASELSA(e);
            }
            case LINK -> {
                long count = l.u32(40);
                LinkLSA.Builder k = LinkLSA.newBuilder().setRtrPriority(l.u8(20)).setOptions(l.u24(21))
                        .setLinkLocalAddress(ByteString.copyFrom(l.bytes(24, 16))).setNumOfPrefixes((int) count);
                int p = 44;
                for (long i = 0; i < count; i++) {
                    int bits = l.u8(p);
                    k.addPrefixes(LSAPrefix.newBuilder().setPrefixLength(bits).setPrefixOptions(l.u8(p + 1))
                            .setAddressPrefix(ByteString.copyFrom(l.bytes(p + 4, (bits + 7) / 8))));
                    p += 4 + prefixSpace(bits);
                }
                a.setLLSA(k);
            }
            case INTRA_AREA_PREFIX -> {
                int count = l.u16(20);
                IntraAreaPrefixLSA.Builder k = IntraAreaPrefixLSA.newBuilder().setNumOfPrefixes(count)
                        .setRefLSType(l.u16(22)).setRefLinkStateID(l.i32(24)).setRefAdvRouter(l.i32(28));
                int p = 32;
                for (int i = 0; i < count; i++) {
                    int bits = l.u8(p);
                    k.addPrefixes(LSAPrefix.newBuilder().setPrefixLength(bits).setPrefixOptions(l.u8(p + 1))
                            .setMetric(l.u16(p + 2)).setAddressPrefix(ByteString.copyFrom(l.bytes(p + 4, (bits + 7) / 8))));
                    p += 4 + prefixSpace(bits);
                }
                a.setIntraAPrefixLSA(k);
            }
            default -> throw new Malformed("unknownLsaType");
        }
        return a.build();
    }

    /** RFC 5340 A.4.1: an address prefix occupies its length in bits rounded up to whole 32-bit words. */
    static int prefixSpace(int bits) {
        return ((bits + 31) / 32) * 4;
    }

    /** LSA header: v2 has an options byte before a 1-byte type (RFC 2328 A.4.1), v3 a 2-byte type (RFC 5340 A.4.2). */
    static LSAheader lsaHeader(ByteReader w, int q, int version) throws Malformed {
        LSAheader.Builder h = LSAheader.newBuilder().setLSAge(w.u16(q)).setLinkStateID(w.i32(q + 4))
                .setAdvRouter(w.i32(q + 8)).setLSSeqNumber(w.i32(q + 12)).setLSChecksum(w.u16(q + 16))
                .setLength(w.u16(q + 18));
        if (version == 2) {
            h.setLSOptions(w.u8(q + 2)).setLSType(w.u8(q + 3));
        } else {
            h.setLSType(w.u16(q + 2));
        }
        return h.build();
    }
}
