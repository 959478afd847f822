package io.netcap.decoder.app;

import com.google.protobuf.ByteString;
import io.netcap.types.LLDPCapabilities;
import io.netcap.types.LLDPChassisID;
import io.netcap.types.LLDPMgmtAddress;
import io.netcap.types.LLDPOrgSpecificTLV;
import io.netcap.types.LLDPPortID;
import io.netcap.types.LLDPSysCapabilities;
import io.netcap.types.LinkLayerDiscovery;
import io.netcap.types.LinkLayerDiscoveryInfo;
import io.netcap.types.LinkLayerDiscoveryValue;

/**
 * LLDPDU (IEEE 802.1AB-2016 8) to two records, as the original: {@link LinkLayerDiscovery} (the
 * mandatory Chassis ID, Port ID and TTL plus every other TLV raw, End excluded) and
 * {@link LinkLayerDiscoveryInfo} (port description, system name and description, capabilities,
 * management address, organisationally specific TLVs). A frame without the mandatory TLVs or the End
 * TLV, or with a TLV past the end, gives no records; a malformed optional TLV leaves the info record
 * partial (filled up to that TLV) and is counted.
 *
 * @param discovery the raw TLV view
 * @param info      the decoded optional TLVs
 */
public record Lldp(LinkLayerDiscovery discovery, LinkLayerDiscoveryInfo info) {
    static final int TLV_END = 0, TLV_CHASSIS_ID = 1, TLV_PORT_ID = 2, TLV_TTL = 3, TLV_PORT_DESCRIPTION = 4,
            TLV_SYS_NAME = 5, TLV_SYS_DESCRIPTION = 6, TLV_SYS_CAPABILITIES = 7, TLV_MGMT_ADDRESS = 8,
            TLV_ORG_SPECIFIC = 127;

    public static Lldp decode(byte[] buf, int off, int len, long tsNanos) {
        try {
            return parse(new ByteReader(buf, off, len), tsNanos);
        } catch (Malformed m) {
            return AppErrors.reject("LLDP", m);
        }
    }

    static Lldp parse(ByteReader w, long ts) throws Malformed {
        LinkLayerDiscovery.Builder d = LinkLayerDiscovery.newBuilder().setTimestamp(ts);
        int p = 0, tlvs = 0, chassisSub = 0, portSub = 0;
        boolean end = false;
        java.util.List<LinkLayerDiscoveryValue> values = new java.util.ArrayList<>();
        while (p < w.length()) {
            if (!w.has(p, 2)) throw new Malformed("tlvHeaderTruncated");
            int hdr = w.u16(p);
            int type = hdr >> 9, l = hdr & 0x1ff;
            if (!w.has(p + 2, l)) throw new Malformed("tlvPastEnd");
            tlvs++;
            byte[] a = w.array();
            int v = w.abs(p + 2);
            switch (type) {
                case TLV_END -> end = true;
                case TLV_CHASSIS_ID -> {
                    if (l < 2) throw new Malformed("chassisIdTooShort");
                    chassisSub = a[v] & 0xff;
                    d.setChassisID(LLDPChassisID.newBuilder().setSubtype(chassisSub).setID(ByteString.copyFrom(a, v + 1, l - 1)));
                }
                case TLV_PORT_ID -> {
                    if (l < 2) throw new Malformed("portIdTooShort");
                    portSub = a[v] & 0xff;
                    d.setPortID(LLDPPortID.newBuilder().setSubtype(portSub).setID(ByteString.copyFrom(a, v + 1, l - 1)));
                }
                case TLV_TTL -> {
                    if (l < 2) throw new Malformed("ttlTooShort");
                    d.setTTL(w.u16(p + 2));
                }
                default -> values.add(LinkLayerDiscoveryValue.newBuilder().setType(type).setLength(l)
                        .setValue(ByteString.copyFrom(a, v, l)).build());
            }
            p += 2 + l;
            if (end) break;
        }
        if (tlvs < 4 || chassisSub == 0 || portSub == 0 || !end) throw new Malformed("missingMandatoryTlv");
        d.addAllValues(values);
        return new Lldp(d.build(), info(values, ts));
    }

    private static LinkLayerDiscoveryInfo info(java.util.List<LinkLayerDiscoveryValue> values, long ts) {
        LinkLayerDiscoveryInfo.Builder i = LinkLayerDiscoveryInfo.newBuilder().setTimestamp(ts);
        for (LinkLayerDiscoveryValue v : values) {
            byte[] b = v.getValue().toByteArray();
            switch (v.getType()) {
                case TLV_PORT_DESCRIPTION -> i.setPortDescriptionBytes(v.getValue());
                case TLV_SYS_NAME -> i.setSysNameBytes(v.getValue());
                case TLV_SYS_DESCRIPTION -> i.setSysDescriptionBytes(v.getValue());
                case TLV_SYS_CAPABILITIES -> {
                    if (b.length < 4) return partial(i, "sysCapabilitiesTooShort");
                    i.setSysCapabilities(LLDPSysCapabilities.newBuilder()
                            .setSystemCap(caps(((b[0] & 0xff) << 8) | (b[1] & 0xff)))
                            .setEnabledCap(caps(((b[2] & 0xff) << 8) | (b[3] & 0xff))));
                }
                case TLV_MGMT_ADDRESS -> {
                    if (b.length < 9) return partial(i, "mgmtAddressTooShort");
                    int mlen = b[0] & 0xff;
                    if (b.length < mlen + 7 || mlen < 1) return partial(i, "mgmtAddressLength");
                    int olen = b[mlen + 6] & 0xff;
                    long ifNum = ((long) (b[mlen + 2] & 0xff) << 24) | ((b[mlen + 3] & 0xff) << 16)
                            | ((b[mlen + 4] & 0xff) << 8) | (b[mlen + 5] & 0xff);
                    LLDPMgmtAddress.Builder m = LLDPMgmtAddress.newBuilder().setSubtype(b[1] & 0xff)
                            .setAddress(ByteString.copyFrom(b, 2, mlen - 1)).setInterfaceSubtype(b[mlen + 1] & 0xff)
                            .setInterfaceNumber((int) ifNum);
                    if (b.length < mlen + 7 + olen) {
                        // the original has filled everything but the OID when it finds the OID too long
                        i.setMgmtAddress(m);
                        return partial(i, "mgmtAddressOidLength");
                    }
                    i.setMgmtAddress(m.setOIDBytes(ByteString.copyFrom(b, mlen + 7, olen)));
                }
                case TLV_ORG_SPECIFIC -> {
                    if (b.length < 4) return partial(i, "orgTlvTooShort");
                    int oui = ((b[0] & 0xff) << 16) | ((b[1] & 0xff) << 8) | (b[2] & 0xff);
                    i.addOrgTLVs(LLDPOrgSpecificTLV.newBuilder().setOUI(oui).setSubType(b[3] & 0xff)
                            .setInfo(ByteString.copyFrom(b, 4, b.length - 4)));
                }
                default -> { }
            }
        }
        return i.build();
    }

    private static LinkLayerDiscoveryInfo partial(LinkLayerDiscoveryInfo.Builder i, String reason) {
        AppErrors.count("LLDP." + reason);
        return i.build();
    }

    /** IEEE 802.1AB 8.5.8.1 system capabilities bits. */
    static LLDPCapabilities caps(int v) {
        return LLDPCapabilities.newBuilder().setOther((v & 0x1) != 0).setRepeater((v & 0x2) != 0)
                .setBridge((v & 0x4) != 0).setWLANAP((v & 0x8) != 0).setRouter((v & 0x10) != 0)
                .setPhone((v & 0x20) != 0).setDocSis((v & 0x40) != 0).setStationOnly((v & 0x80) != 0)
                .setCVLAN((v & 0x100) != 0).setSVLAN((v & 0x200) != 0).setTMPR((v & 0x400) != 0).build();
    }

}
