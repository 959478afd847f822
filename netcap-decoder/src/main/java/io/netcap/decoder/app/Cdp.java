package io.netcap.decoder.app;

import com.google.protobuf.ByteString;
import io.netcap.packet.layer.Addresses;
import io.netcap.types.CDPCapabilities;
import io.netcap.types.CDPEnergyWise;
import io.netcap.types.CDPHello;
import io.netcap.types.CDPLocation;
import io.netcap.types.CDPPowerDialogue;
import io.netcap.types.CDPSparePairPoE;
import io.netcap.types.CDPVLANDialogue;
import io.netcap.types.CiscoDiscovery;
import io.netcap.types.CiscoDiscoveryInfo;
import io.netcap.types.CiscoDiscoveryValue;
import io.netcap.types.IPNet;
import java.util.ArrayList;
import java.util.List;

/**
 * Cisco Discovery Protocol frame (after SNAP 00:00:0c/0x2000, or GRE type 0x2000) to two records, as
 * the original's parser: {@link CiscoDiscovery} (version 1 or 2, TTL, checksum, every TLV raw) and
 * {@link CiscoDiscoveryInfo} (the decoded TLVs; types without a decoder go to {@code Unknown}).
 * A TLV length below 4 or past the end rejects the frame. A TLV value too short for its type ends the
 * info record there (fields decoded so far are kept, the error is counted), because the original adds
 * the info layer before filling it.
 *
 * @param discovery the raw TLV view
 * @param info      the decoded TLVs
 */
public record Cdp(CiscoDiscovery discovery, CiscoDiscoveryInfo info) {
    static final int HEADER_LEN = 4;
    static final int DEVICE_ID = 0x01, ADDRESSES = 0x02, PORT_ID = 0x03, CAPABILITIES = 0x04, VERSION = 0x05,
            PLATFORM = 0x06, IP_PREFIXES = 0x07, HELLO = 0x08, VTP_DOMAIN = 0x09, NATIVE_VLAN = 0x0a,
            FULL_DUPLEX = 0x0b, VLAN_REPLY = 0x0e, VLAN_QUERY = 0x0f, POWER = 0x10, MTU = 0x11,
            EXTENDED_TRUST = 0x12, UNTRUSTED_COS = 0x13, SYS_NAME = 0x14, SYS_OID = 0x15, MGMT_ADDRESSES = 0x16,
            LOCATION = 0x17, POWER_REQUESTED = 0x19, POWER_AVAILABLE = 0x1a, ENERGY_WISE = 0x1d,
            SPARE_PAIR_POE = 0x1f;
    static final int PROTOCOL_TYPE_NLPID = 1, PROTOCOL_TYPE_802_2 = 2;
    static final long ADDRESS_IPV4 = 0xccL;
    /** The original's constant for IPv6 addresses (an 802.2 SNAP header with EtherType 0x0800, kept as is). */
    static final long ADDRESS_IPV6 = 0xaaaa030000000800L;
    static final int EW_ROLE = 7, EW_DOMAIN = 8, EW_NAME = 9, EW_REPLY_TO = 0x17;

    public static Cdp decode(byte[] buf, int off, int len, long tsNanos) {
        try {
            return parse(new ByteReader(buf, off, len), tsNanos);
        } catch (Malformed m) {
            return AppErrors.reject("CDP", m);
        }
    }

    static Cdp parse(ByteReader w, long ts) throws Malformed {
        if (w.length() < HEADER_LEN) throw new Malformed("tooShort");
        int version = w.u8(0);
        if (version != 1 && version != 2) throw new Malformed("badVersion");
        CiscoDiscovery.Builder d = CiscoDiscovery.newBuilder().setTimestamp(ts)
                .setVersion(version).setTTL(w.u8(1)).setChecksum(w.u16(2));
        List<CiscoDiscoveryValue> values = new ArrayList<>();
        List<ByteReader> bodies = new ArrayList<>();
        int p = HEADER_LEN;
        while (p < w.length()) {
            if (!w.has(p, 4)) throw new Malformed("tlvHeaderTruncated");
            int type = w.u16(p), l = w.u16(p + 2);
            if (l < 4 || !w.has(p, l)) throw new Malformed("tlvLengthPastEnd");
            ByteReader v = w.slice(p + 4, l - 4);
            values.add(CiscoDiscoveryValue.newBuilder().setType(type).setLength(l)
                    .setValue(ByteString.copyFrom(w.array(), v.abs(0), l - 4)).build());
            bodies.add(v);
            p += l;
        }
        d.addAllValues(values);
        CiscoDiscoveryInfo.Builder i = CiscoDiscoveryInfo.newBuilder().setTimestamp(ts);
        for (int k = 0; k < values.size(); k++) {
            try {
                if (!info(i, values.get(k).getType(), bodies.get(k))) i.addUnknown(values.get(k));
            } catch (Malformed m) {
                AppErrors.count("CDP.info" + Character.toUpperCase(m.reason().charAt(0)) + m.reason().substring(1));
                break;
            }
        }
        return new Cdp(d.build(), i.build());
    }

    /** Decodes one TLV into the info record; false when it has no decoder (it then goes to Unknown). */
    private static boolean info(CiscoDiscoveryInfo.Builder i, int type, ByteReader v) throws Malformed {
        int n = v.length();
        byte[] a = v.array();
        ByteString text = ByteString.copyFrom(a, v.abs(0), n);
        switch (type) {
            case DEVICE_ID -> i.setDeviceIDBytes(text);
            case PORT_ID -> i.setPortIDBytes(text);
            case VERSION -> i.setVersionBytes(text);
            case PLATFORM -> i.setPlatformBytes(text);
            case VTP_DOMAIN -> i.setVTPDomainBytes(text);
            case SYS_NAME -> i.setSysNameBytes(text);
            case SYS_OID -> i.setSysOIDBytes(text);
            case ADDRESSES -> i.addAllAddresses(addresses(v));
            case MGMT_ADDRESSES -> i.addAllMgmtAddresses(addresses(v));
            case CAPABILITIES -> {
                long c = need(v, 4).u32(0);
                i.setCapabilities(CDPCapabilities.newBuilder().setL3Router((c & 0x1) != 0).setTBBridge((c & 0x2) != 0)
                        .setSPBridge((c & 0x4) != 0).setL2Switch((c & 0x8) != 0).setIsHost((c & 0x10) != 0)
                        .setIGMPFilter((c & 0x20) != 0).setL1Repeater((c & 0x40) != 0).setIsPhone((c & 0x80) != 0)
                        .setRemotelyManaged((c & 0x100) != 0));
            }
            case IP_PREFIXES -> {
                if (n < 5 || n % 5 != 0) throw new Malformed("ipPrefixLength");
                for (int p = 0; p < n; p += 5) {
                    int bits = Math.min(v.u8(p + 4), 32);
                    long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
                    // the prefix is stored as its network (address masked), as the original's CIDR parse gives it
                    i.addIPPrefixes(IPNet.newBuilder().setIP(Addresses.ipv4(v.u32(p) & mask))
                            .setIPMask(String.format("%08x", mask)));
                }
            }
            case HELLO -> {
                need(v, 32);
                i.setCDPHello(CDPHello.newBuilder().setOUI(ByteString.copyFrom(a, v.abs(0), 3)).setProtocolID(v.u16(3))
                        .setClusterMaster(Addresses.ipv4(a, v.abs(5))).setUnknown1(Addresses.ipv4(a, v.abs(9)))
                        .setVersion(v.u8(13)).setSubVersion(v.u8(14)).setStatus(v.u8(15)).setUnknown2(v.u8(16))
                        .setClusterCommander(Addresses.mac(a, v.abs(17), 6)).setSwitchMAC(Addresses.mac(a, v.abs(23), 6))
                        .setUnknown3(v.u8(29)).setManagementVLAN(v.u16(30)));
            }
            case NATIVE_VLAN -> i.setNativeVLAN(need(v, 2).u16(0));
            case FULL_DUPLEX -> i.setFullDuplex(need(v, 1).u8(0) == 1);
            case VLAN_REPLY -> i.setVLANReply(CDPVLANDialogue.newBuilder().setID(need(v, 3).u8(0)).setVLAN(v.u16(1)));
            case VLAN_QUERY -> i.setVLANQuery(CDPVLANDialogue.newBuilder().setID(need(v, 3).u8(0)).setVLAN(v.u16(1)));
            case POWER -> i.setPowerConsumption(need(v, 2).u16(0));
            case MTU -> i.setMTU(need(v, 4).i32(0));
            case EXTENDED_TRUST -> i.setExtendedTrust(need(v, 1).u8(0));
            case UNTRUSTED_COS -> i.setUntrustedCOS(need(v, 1).u8(0));
            case LOCATION -> i.setLocation(CDPLocation.newBuilder().setType(need(v, 2).u8(0))
                    .setLocationBytes(ByteString.copyFrom(a, v.abs(1), n - 1)));
            case POWER_REQUESTED -> i.setPowerRequest(power(v));
            case POWER_AVAILABLE -> i.setPowerAvailable(power(v));
            case SPARE_PAIR_POE -> {
                int b = need(v, 1).u8(0);
                i.setSparePairPoe(CDPSparePairPoE.newBuilder().setPSEFourWire((b & 0x01) != 0)
                        .setPDArchShared((b & 0x02) != 0).setPDRequestOn((b & 0x04) != 0).setPSEOn((b & 0x08) != 0));
            }
            case ENERGY_WISE -> i.setEnergyWise(energyWise(v));
            default -> {
                return false;
            }
        }
        return true;
    }

    private static ByteReader need(ByteReader v, int n) throws Malformed {
        if (v.length() < n) throw new Malformed("valueTooShort");
        return v;
    }

    private static CDPPowerDialogue power(ByteReader v) throws Malformed {
        need(v, 4);
        CDPPowerDialogue.Builder p = CDPPowerDialogue.newBuilder().setID(v.u16(0)).setMgmtID(v.u16(2));
        for (int k = 4; k < v.length(); k += 4) p.addValues(v.i32(k));
        return p.build();
    }

    private static CDPEnergyWise energyWise(ByteReader v) throws Malformed {
        need(v, 72);
        byte[] a = v.array();
        CDPEnergyWise.Builder e = CDPEnergyWise.newBuilder().setEncryptedData(ByteString.copyFrom(a, v.abs(0), 20))
                .setUnknown1(v.i32(20)).setSequenceNumber(v.i32(24))
                .setModelNumberBytes(ByteString.copyFrom(a, v.abs(28), 16)).setUnknown2(v.u16(44))
                .setHardwareIDBytes(ByteString.copyFrom(a, v.abs(46), 3))
                .setSerialNumBytes(ByteString.copyFrom(a, v.abs(49), 11))
                .setUnknown3(ByteString.copyFrom(a, v.abs(60), 8));
        int tlvLen = v.u16(68), tlvNum = v.u16(70);
        int p = 72, end = v.length();
        if (end - p < tlvLen) throw new Malformed("energyWiseLength");
        int seen = 0;
        while (end - p > 8) {
            if (++seen > tlvNum) throw new Malformed("energyWiseTooManyTlvs");
            long t = v.u32(p);
            long l = v.u32(p + 4);
            if (l > end - p - 8) throw new Malformed("energyWiseTlvLength");
            p += 8;
            // as in the original, a text sub-TLV takes every remaining byte, not just its own length
            ByteString rest = ByteString.copyFrom(a, v.abs(p), end - p);
            if (t == EW_ROLE) e.setRoleBytes(rest);
            else if (t == EW_DOMAIN) e.setDomainBytes(rest);
            else if (t == EW_NAME) e.setNameBytes(rest);
            else if (t == EW_REPLY_TO && end - p >= 18) {
                e.setReplyUnknown1(ByteString.copyFrom(a, v.abs(p), 2)).setReplyPort(ByteString.copyFrom(a, v.abs(p + 2), 2))
                        .setReplyAddress(ByteString.copyFrom(a, v.abs(p + 4), 4))
                        .setReplyUnknown2(ByteString.copyFrom(a, v.abs(p + 8), 2))
                        .setReplyUnknown3(ByteString.copyFrom(a, v.abs(p + 10), 4));
            }
            p += (int) l;
        }
        return e.build();
    }

    /**
     * CDP address list: count, then (protocol type, protocol length, protocol, address length, address).
     * As in the original: only IPv4 (NLPID 0xcc, 4 bytes) and its IPv6 constant (16 bytes) are kept,
     * other entries skipped, and the walk stops when fewer than 8 bytes remain.
     */
    private static List<String> addresses(ByteReader v) throws Malformed {
        long count = need(v, 4).u32(0);
        if (count < 1) throw new Malformed("addressCount");
        if (v.length() - 4 < count * 8) throw new Malformed("addressLength");
        List<String> out = new ArrayList<>();
        int p = 4;
        for (long k = 0; k < count; k++) {
            int ptype = v.u8(p), plen = v.u8(p + 1);
            if (ptype != PROTOCOL_TYPE_NLPID && ptype != PROTOCOL_TYPE_802_2) throw new Malformed("addressProtocol");
            if ((ptype == PROTOCOL_TYPE_NLPID && plen != 1) || (ptype == PROTOCOL_TYPE_802_2 && plen != 3 && plen != 8)) {
                throw new Malformed("addressProtocolLength");
            }
            long protocol = 0;
            for (int b = 0; b < plen; b++) protocol = (protocol << 8) | v.u8(p + 2 + b);
            p += 2 + plen;
            int alen = v.u16(p);
            v.need(p + 2, alen, "addressTruncated");
            if (protocol == ADDRESS_IPV4 && alen == 4) out.add(Addresses.ipv4(v.array(), v.abs(p + 2)));
            else if (protocol == ADDRESS_IPV6 && alen == 16) out.add(Addresses.ipv6(v.array(), v.abs(p + 2)));
            p += 2 + alen;
            if (v.length() - p < 8) break;
        }
        return out;
    }
}
