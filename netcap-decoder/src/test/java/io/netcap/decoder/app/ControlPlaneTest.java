package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.testing.Corpus;
import io.netcap.types.BFD;
import io.netcap.types.IGMP;
import io.netcap.types.OSPFv2;
import io.netcap.types.OSPFv3;
import io.netcap.types.VRRPv2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ControlPlaneTest {

    @Test
    void igmpVersionsFollowTheOriginalsRules() {
        byte[] v2q = Bytes.of().u8(0x11, 100).u16(0xee9b).u8(0, 0, 0, 0).get();
        IGMP q = Igmp.decode(v2q, 0, v2q.length, 0);
        assertThat(q.getVersion()).isEqualTo(2);
        assertThat(q.getMaxResponseTime()).isEqualTo(10_000_000_000L); // 100 x 100 ms
        assertThat(q.getGroupAddress()).isEqualTo("0.0.0.0");
        byte[] v1q = Bytes.of().u8(0x11, 0).u16(0).u8(0, 0, 0, 0).get();
        assertThat(Igmp.decode(v1q, 0, 8, 0).getVersion()).isEqualTo(1);
        byte[] leave = Bytes.of().u8(0x17, 0).u16(0).u8(239, 1, 2, 3).get();
        assertThat(Igmp.decode(leave, 0, 8, 0).getVersion()).isEqualTo(2);
        assertThat(Igmp.decode(leave, 0, 8, 0).getGroupAddress()).isEqualTo("239.1.2.3");
    }

    /**
     * Max Resp Code and QQIC in floating-point form (RFC 3376 4.1.1, 4.1.7), values worked out by hand:
     * 0xfe = 1 111 1110: exp 7, mant 14 -> (14 | 16) << 10 = 30720; 0xa3 = 1 010 0011: exp 2, mant 3 ->
     * 19 << 5 = 608; 0x80: exp 0, mant 0 -> 16 << 3 = 128. Max Resp Code counts tenths of a second, QQIC
     * seconds. (The original reads the low nibble as exponent and the QQIC in tenths.)
     */
    @Test
    void igmpv3FloatingPointCodesFollowRfc3376() {
        byte[] q = Bytes.of().u8(0x11, 0xfe).u16(0).u8(0, 0, 0, 0).u8(0x02, 0xa3).u16(0).get();
        IGMP v3 = Igmp.decode(q, 0, q.length, 0);
        assertThat(v3.getMaxResponseTime()).isEqualTo(3_072_000_000_000L); // 30720 tenths = 3072 s
        assertThat(v3.getIntervalTime()).isEqualTo(608_000_000_000L); // 608 s
        byte[] low = Bytes.of().u8(0x11, 0x80).u16(0).u8(0, 0, 0, 0).u8(0x02, 0x80).u16(0).get();
        assertThat(Igmp.decode(low, 0, low.length, 0).getMaxResponseTime()).isEqualTo(12_800_000_000L); // 12.8 s
        assertThat(Igmp.decode(low, 0, low.length, 0).getIntervalTime()).isEqualTo(128_000_000_000L); // 128 s
        // RFC 2236 2.2: an IGMPv2 Max Resp Time is plain tenths of a second, also above 127
        byte[] v2 = Bytes.of().u8(0x11, 200).u16(0).u8(0, 0, 0, 0).get();
        assertThat(Igmp.decode(v2, 0, v2.length, 0).getMaxResponseTime()).isEqualTo(20_000_000_000L);
    }

    /**
     * The IGMPv3 queries of the corpus against TShark ({@code igmp.max_resp} in tenths, {@code igmp.qqic}
     * in seconds): 100, 30720, 30720, 10, 10, 10 and QQIC 125 in every frame.
     */
    @Test
    void igmpv3QueriesEqualTshark() throws IOException {
        Path capture = Corpus.pcaps().resolve("tcpdump__igmpv3-queries.pcap");
        Assumptions.assumeTrue(Files.exists(capture));
        List<Long> maxResp = new ArrayList<>(), qqi = new ArrayList<>();
        for (PipelineRecords.Framed f : PipelineRecords.of(capture)) {
            if (f.record() instanceof IGMP igmp) {
                maxResp.add(igmp.getMaxResponseTime() / Igmp.TENTH_SECOND_NS);
                qqi.add(igmp.getIntervalTime() / Igmp.SECOND_NS);
            }
        }
        assertThat(maxResp).containsExactly(100L, 30720L, 30720L, 10L, 10L, 10L);
        assertThat(qqi).containsExactly(125L, 125L, 125L, 125L, 125L, 125L);
    }

    @Test
    void igmpv3QueryAndReport() {
        // RFC 3376 4.1.1: Max Resp Code 0x8f = 1 000 1111: exp 0, mant 15 -> (15 | 16) << 3 = 248 tenths = 24.8 s
        // 4.1.7: QQIC 125 is below 128, so QQI = 125 s
        byte[] q = Bytes.of().u8(0x11, 0x8f).u16(0).u8(224, 0, 0, 1).u8(0x0a, 125).u16(2).u8(10, 0, 0, 1).u8(10, 0, 0, 2).get();
        IGMP v3 = Igmp.decode(q, 0, q.length, 0);
        assertThat(v3.getVersion()).isEqualTo(3);
        assertThat(v3.getMaxResponseTime()).isEqualTo(24_800_000_000L);
        assertThat(v3.getSupressRouterProcessing()).isTrue();
        assertThat(v3.getRobustnessValue()).isEqualTo(2);
        assertThat(v3.getIntervalTime()).isEqualTo(125_000_000_000L);
        assertThat(v3.getSourceAddressesList()).containsExactly("10.0.0.1", "10.0.0.2");
        byte[] r = Bytes.of().u8(0x22, 0).u16(0).u16(0).u16(2).u8(4, 0).u16(0).u8(239, 1, 1, 1)
                .u8(1, 0).u16(1).u8(239, 2, 2, 2).u8(10, 0, 0, 9).get();
        IGMP rep = Igmp.decode(r, 0, r.length, 0);
        assertThat(rep.getNumberOfGroupRecords()).isEqualTo(2);
        assertThat(rep.getGroupRecords(1).getMulticastAddress()).isEqualTo("239.2.2.2");
        assertThat(rep.getGroupRecords(1).getSourceAddressesList()).containsExactly("10.0.0.9");
        // a source count beyond the data keeps what was read, as the original does, and is counted
        long before = AppErrors.get("IGMP.sourcesExceedMessage");
        IGMP partial = Igmp.decode(r, 0, r.length - 4, 0);
        assertThat(partial.getGroupRecordsCount()).isEqualTo(1);
        assertThat(AppErrors.get("IGMP.sourcesExceedMessage")).isEqualTo(before + 1);
        assertThat(Igmp.decode(q, 0, 10, 0)).isNull();
    }

    @Test
    void vrrpAdvertisement() {
        byte[] m = Bytes.of().u8(0x21, 1, 100, 2, 0, 1).u16(0xba52).u8(192, 168, 0, 1).u8(192, 168, 0, 2).zeros(8).get();
        VRRPv2 v = Vrrp.decode(m, 0, m.length, 0);
        assertThat(v.getVersion()).isEqualTo(2);
        assertThat(v.getType()).isEqualTo(1);
        assertThat(v.getVirtualRtrID()).isEqualTo(1);
        assertThat(v.getPriority()).isEqualTo(100);
        assertThat(v.getAdverInt()).isEqualTo(1);
        assertThat(v.getChecksum()).isEqualTo(0xba52);
        assertThat(v.getIPAddressList()).containsExactly("192.168.0.1", "192.168.0.2");
        m[3] = 9;
        assertThat(Vrrp.decode(m, 0, m.length, 0)).isNull();
        m[3] = 0;
        assertThat(Vrrp.decode(m, 0, m.length, 0)).as("no addresses").isNull();
    }

    @Test
    void bfdWithSimplePassword() {
        byte[] m = Bytes.of().u8(0x20, 0xc4, 3, 33).u32(1).u32(2).u32(1_000_000).u32(1_000_000).u32(0)
                .u8(1, 9, 5).ascii("secret").get();
        BFD b = Bfd.decode(m, 0, m.length, 0);
        assertThat(b.getVersion()).isEqualTo(1);
        assertThat(b.getState()).isEqualTo(3);
        assertThat(b.getAuthPresent()).isTrue();
        assertThat(b.getDetectMultiplier()).isEqualTo(3);
        assertThat(b.getMyDiscriminator()).isEqualTo(1);
        assertThat(b.getDesiredMinTxInterval()).isEqualTo(1_000_000);
        assertThat(b.getAuthHeader().getAuthType()).isEqualTo(1);
        assertThat(b.getAuthHeader().getKeyID()).isEqualTo(5);
        assertThat(b.getAuthHeader().getData().toStringUtf8()).isEqualTo("secret");
        m[3] = 40; // the length field must equal the datagram's length
        long before = AppErrors.get("BFD.lengthMismatch");
        assertThat(Bfd.decode(m, 0, m.length, 0)).isNull();
        assertThat(AppErrors.get("BFD.lengthMismatch")).isEqualTo(before + 1);
    }

    static byte[] ospfv2Hello() {
        return Bytes.of().u8(2, 1).u16(48).u8(1, 1, 1, 1).u32(0).u16(0x1234).u16(0).zeros(8)
                .u8(255, 255, 255, 0).u16(10).u8(2, 1).u32(40).u8(10, 0, 0, 1).u8(0, 0, 0, 0).u8(2, 2, 2, 2).get();
    }

    @Test
    void ospfv2HelloFields() {
        byte[] m = ospfv2Hello();
        OSPFv2 o = (OSPFv2) Ospf.decode(m, 0, m.length, 0);
        assertThat(o.getType()).isEqualTo(1);
        assertThat(o.getPacketLength()).isEqualTo(48);
        assertThat(o.getRouterID()).isEqualTo(0x01010101);
        assertThat(o.getChecksum()).isEqualTo(0x1234);
        assertThat(o.getHelloV2().getNetworkMask()).isEqualTo(0xffffff00);
        assertThat(o.getHelloV2().getHelloInterval()).isEqualTo(10);
        assertThat(o.getHelloV2().getRouterDeadInterval()).isEqualTo(40);
        assertThat(o.getHelloV2().getDesignatedRouterID()).isEqualTo(0x0a000001);
        assertThat(o.getHelloV2().getNeighborIDList()).containsExactly(0x02020202);
    }

    @Test
    void ospfv3LinkStateUpdate() {
        byte[] lsa = Bytes.of().u16(1).u16(0x2001).u32(0).u8(1, 1, 1, 1).u32(0x80000001L).u16(0xabcd).u16(24).u32(0).get();
        byte[] m = Bytes.of().u8(3, 4).u16(16 + 4 + 24).u8(1, 1, 1, 1).u32(0).u16(0).u8(0, 0).u32(1).raw(lsa).get();
        OSPFv3 o = (OSPFv3) Ospf.decode(m, 0, m.length, 0);
        assertThat(o.getType()).isEqualTo(4);
        assertThat(o.getLSU().getNumOfLSAs()).isEqualTo(1);
        assertThat(o.getLSU().getLSAs(0).getHeader().getLSType()).isEqualTo(0x2001);
        assertThat(o.getLSU().getLSAs(0).getHeader().getLength()).isEqualTo(24);
        // an LSA count larger than the packet is counted
        m[19] = 3;
        long before = AppErrors.get("OSPF.lsaCountExceedsPacket");
        assertThat(Ospf.decode(m, 0, m.length, 0)).isNull();
        assertThat(AppErrors.get("OSPF.lsaCountExceedsPacket")).isEqualTo(before + 1);
    }

    @Test
    void ospfLengthBeyondDataIsCounted() {
        byte[] m = ospfv2Hello();
        long before = AppErrors.get("OSPF.lengthExceedsData");
        assertThat(Ospf.decode(m, 0, m.length - 1, 0)).isNull();
        assertThat(AppErrors.get("OSPF.lengthExceedsData")).isEqualTo(before + 1);
    }
    static byte[] v2Update(byte[]... lsas) {
        Bytes body = Bytes.of().u32(lsas.length);
        for (byte[] l : lsas) body.raw(l);
        byte[] b = body.get();
        return Bytes.of().u8(2, 4).u16(24 + b.length).u8(1, 1, 1, 1).u32(0).u16(0).u16(0).zeros(8).raw(b).get();
    }

    @Test
    void ospfv2UpdateWithRouterAndNetworkLsas() {
        // router LSA (RFC 2328 A.4.2): flags, links, one link of 12 bytes
        byte[] router = Bytes.of().u16(1).u8(0x22, 1).u8(1, 1, 1, 1).u8(1, 1, 1, 1).u32(0x80000002L).u16(0x1111).u16(36)
                .u8(0x02, 0).u16(1).u8(10, 0, 0, 0).u8(255, 255, 255, 0).u8(3, 0).u16(10).get();
        // network LSA (A.4.3): mask and two attached routers
        byte[] network = Bytes.of().u16(1).u8(0x22, 2).u8(10, 0, 0, 1).u8(1, 1, 1, 1).u32(0x80000001L).u16(0x2222).u16(32)
                .u8(255, 255, 255, 0).u8(1, 1, 1, 1).u8(2, 2, 2, 2).get();
        byte[] m = v2Update(router, network);
        OSPFv2 o = (OSPFv2) Ospf.decode(m, 0, m.length, 0);
        var lsas = o.getLSU().getLSAsList();
        assertThat(lsas).hasSize(2);
        assertThat(lsas.get(0).getHeader().getLSType()).isEqualTo(1);
        assertThat(lsas.get(0).getHeader().getLSOptions()).isEqualTo(0x22);
        assertThat(lsas.get(0).getRLSAV2().getFlags()).isEqualTo(2);
        assertThat(lsas.get(0).getRLSAV2().getLinks()).isEqualTo(1);
        assertThat(lsas.get(0).getRLSAV2().getRouters(0).getLinkID()).isEqualTo(0x0a000000);
        assertThat(lsas.get(0).getRLSAV2().getRouters(0).getType()).isEqualTo(3);
        assertThat(lsas.get(0).getRLSAV2().getRouters(0).getMetric()).isEqualTo(10);
        assertThat(lsas.get(1).getNLSA().getAttachedRouterList()).containsExactly(0x01010101, 0x02020202);
        // a summary LSA (type 3) has no decoder in the original: the whole packet is rejected
        byte[] summary = Bytes.of().u16(1).u8(0x22, 3).u8(10, 1, 0, 0).u8(1, 1, 1, 1).u32(1).u16(0).u16(28)
                .u8(255, 255, 0, 0).u32(20).get();
        byte[] withSummary = v2Update(router, summary);
        long before = AppErrors.get("OSPF.unknownLsaType");
        assertThat(Ospf.decode(withSummary, 0, withSummary.length, 0)).isNull();
        assertThat(AppErrors.get("OSPF.unknownLsaType")).isEqualTo(before + 1);
    }

    @Test
    void ospfv3IntraAreaPrefixUsesWordPadding() {
        // two prefixes: /64 (8 bytes) and /48 (6 bytes, padded to 8)
        byte[] lsa = Bytes.of().u16(1).u16(0x2009).u32(0).u8(1, 1, 1, 1).u32(1).u16(0).u16(32 + 12 + 12)
                .u16(2).u16(0x2001).u32(0).u8(1, 1, 1, 1)
                .u8(64, 0).u16(10).u8(0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0)
                .u8(48, 0).u16(20).u8(0x20, 0x01, 0x0d, 0xb8, 0, 2, 0, 0).get();
        byte[] m = Bytes.of().u8(3, 4).u16(16 + 4 + lsa.length).u8(1, 1, 1, 1).u32(0).u16(0).u8(0, 0).u32(1).raw(lsa).get();
        OSPFv3 o = (OSPFv3) Ospf.decode(m, 0, m.length, 0);
        var ia = o.getLSU().getLSAs(0).getIntraAPrefixLSA();
        assertThat(ia.getNumOfPrefixes()).isEqualTo(2);
        assertThat(ia.getRefLSType()).isEqualTo(0x2001);
        assertThat(ia.getPrefixes(1).getPrefixLength()).isEqualTo(48);
        assertThat(ia.getPrefixes(1).getMetric()).isEqualTo(20);
        assertThat(ia.getPrefixes(1).getAddressPrefix().toByteArray()).containsExactly(0x20, 0x01, 0x0d, 0xb8, 0, 2);
    }
}
