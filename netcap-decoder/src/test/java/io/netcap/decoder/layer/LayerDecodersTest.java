package io.netcap.decoder.layer;

import static io.netcap.packet.layer.Frames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.netcap.decoder.DecodeOptions;
import io.netcap.decoder.LayerPipeline;
import io.netcap.decoder.PayloadEntropy;
import io.netcap.decoder.Protocols;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.ParseError;
import io.netcap.types.*;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records built from hand-built frames: fields, context, payload and entropy options, malformed input. */
class LayerDecodersTest {

    private static List<Message> decode(Packet p, DecodeOptions o) {
        List<Message> out = new ArrayList<>();
        new LayerPipeline(Protocols.layerTypes(), o).decode(p, out::add);
        return out;
    }

    private static <T extends Message> List<T> all(List<Message> records, Class<T> c) {
        return records.stream().filter(c::isInstance).map(c::cast).toList();
    }

    private static <T extends Message> T one(List<Message> records, Class<T> c) {
        List<T> l = all(records, c);
        assertThat(l).hasSize(1);
        return l.get(0);
    }

    /** Ethernet / IPv4 / TCP with MSS, NOP, window scale, SACK-permitted, End + padding, 6 data bytes, 4 trailer bytes. */
    private static final Packet SYN = ethernet("0800", ipv4(20 + 36 + 6, 6),
            "c350 0050 8000000f 00000000 9012 7210 1234 0000",
            "020405b4 01 030307 0402 00 0000000000", "616263616263", "00000000");

    @Test
    void tcpAndIpv4Fields() {
        List<Message> r = decode(SYN, DecodeOptions.defaults());
        TCP t = one(r, TCP.class);
        assertThat(t.getSrcPort()).isEqualTo(50000);
        assertThat(t.getDstPort()).isEqualTo(80);
        assertThat(Integer.toUnsignedLong(t.getSeqNum())).isEqualTo(0x8000000FL);
        assertThat(t.getDataOffset()).isEqualTo(9);
        assertThat(t.getSYN()).isTrue();
        assertThat(t.getACK()).isTrue();
        assertThat(t.getFIN()).isFalse();
        assertThat(t.getWindow()).isEqualTo(0x7210);
        assertThat(t.getChecksum()).isEqualTo(0x1234);
        assertThat(t.getOptionsList()).extracting(TCPOption::getOptionType).containsExactly(2, 1, 3, 4, 0);
        assertThat(t.getOptions(0).getOptionLength()).isEqualTo(4);
        assertThat(t.getOptions(0).getOptionData()).isEqualTo(ByteString.fromHex("05b4"));
        assertThat(t.getOptions(2).getOptionData()).isEqualTo(ByteString.fromHex("07"));
        assertThat(t.getPadding()).isEqualTo(ByteString.fromHex("0000000000"));
        assertThat(t.getPayloadSize()).isEqualTo(6);
        assertThat(t.getPayload()).isEmpty();
        assertThat(t.getPayloadEntropy()).isZero();
        assertThat(t.getSrcIP()).isEqualTo("192.168.0.1");
        assertThat(t.getDstIP()).isEqualTo("192.168.0.199");
        IPv4 ip = one(r, IPv4.class);
        assertThat(ip.getIHL()).isEqualTo(5);
        assertThat(ip.getLength()).isEqualTo(62);
        assertThat(ip.getId()).isEqualTo(0x1c46);
        assertThat(ip.getFlags()).isEqualTo(2);
        assertThat(ip.getTTL()).isEqualTo(64);
        assertThat(ip.getProtocol()).isEqualTo(6);
        assertThat(ip.getPayloadSize()).isEqualTo(42);
        assertThat(ip.getSrcPort()).isEqualTo(50000);
        assertThat(ip.getDstPort()).isEqualTo(80);
        Ethernet e = one(r, Ethernet.class);
        assertThat(e.getSrcMAC()).isEqualTo("00:11:22:33:44:55");
        assertThat(e.getDstMAC()).isEqualTo("ff:ff:ff:ff:ff:ff");
        assertThat(e.getEthernetType()).isEqualTo(0x0800);
        assertThat(e.getPayloadSize()).isEqualTo(66);
    }

    @Test
    void payloadAndEntropyOptions() {
        List<Message> r = decode(SYN, DecodeOptions.defaults().withPayload(true).withEntropy(true));
        TCP t = one(r, TCP.class);
        assertThat(t.getPayload()).isEqualTo(ByteString.copyFromUtf8("abcabc"));
        // "abcabc": three symbols of 1/3 each: log2(3)
        assertThat(t.getPayloadEntropy()).isCloseTo(Math.log(3) / Math.log(2), within(1e-12));
        byte[] b = SYN.bytes();
        assertThat(one(r, IPv4.class).getPayloadEntropy()).isCloseTo(PayloadEntropy.of(b, 34, 42), within(1e-12));
        assertThat(one(r, Ethernet.class).getPayloadEntropy()).isCloseTo(PayloadEntropy.of(b, 14, 66), within(1e-12));
    }

    @Test
    void contextOff() {
        List<Message> r = decode(SYN, DecodeOptions.defaults().withContext(false));
        assertThat(one(r, TCP.class).getSrcIP()).isEmpty();
        assertThat(one(r, IPv4.class).getSrcIP()).isEqualTo("192.168.0.1");
        assertThat(one(r, IPv4.class).getSrcPort()).isZero();
    }

    @Test
    void tunnelRecordsCarryTheOuterContext() {
        String inner = MAC_DST + MAC_SRC + "0800" + "4500 001e 0001 0000 4011 0000 0a000001 0a000002"
                + "1f90 1f91 000a 0000 4142";
        Packet p = ethernet("0800", ipv4(20 + 8 + 8 + 44, 17), "c000 12b5 003c 0000", "0800 0000 00000100", inner);
        List<Message> r = decode(p, DecodeOptions.defaults().withEntropy(true));
        assertThat(all(r, IPv4.class)).hasSize(2);
        assertThat(all(r, Ethernet.class)).hasSize(2);
        List<UDP> udp = all(r, UDP.class);
        assertThat(udp).extracting(UDP::getDstPort).containsExactly(4789, 8081);
        assertThat(udp.get(1).getSrcIP()).isEqualTo("192.168.0.1"); // outer addresses, docs/original.md, "Packet context"
        assertThat(all(r, IPv4.class).get(1).getSrcPort()).isEqualTo(49152);
        assertThat(one(r, VXLAN.class).getVNI()).isEqualTo(1);
        assertThat(one(r, VXLAN.class).getValidIDFlag()).isTrue();
        byte[] b = p.bytes();
        assertThat(udp.get(1).getPayloadEntropy()).isCloseTo(1.0, within(1e-12));
        assertThat(all(r, IPv4.class).get(0).getPayloadEntropy()).isCloseTo(PayloadEntropy.of(b, 34, 60), within(1e-12));
        assertThat(all(r, Ethernet.class).get(1).getPayloadEntropy()).isCloseTo(PayloadEntropy.of(b, 64, 30), within(1e-12));
    }

    @Test
    void icmpv6NeighborDiscovery() {
        String v6 = "6000 0000 0020 3aff fe800000000000000000000000000001 ff0200000000000000000001ff000002";
        List<Message> ns = decode(ethernet("86dd", v6, "8700 1234 00000000 fe800000000000000000000000000002",
                "0101 001122334455"), DecodeOptions.defaults());
        assertThat(one(ns, ICMPv6.class).getTypeCode()).isEqualTo(135 << 8);
        ICMPv6NeighborSolicitation s = one(ns, ICMPv6NeighborSolicitation.class);
        assertThat(s.getTargetAddress()).isEqualTo("fe80::2");
        assertThat(s.getOptions(0).getType()).isEqualTo(1);
        assertThat(s.getOptions(0).getData()).isEqualTo(ByteString.fromHex("001122334455"));
        assertThat(s.getSrcIP()).isEqualTo("fe80::1");
        String ra6 = "6000 0000 0010 3aff fe800000000000000000000000000001 ff020000000000000000000000000001";
        ICMPv6RouterAdvertisement ra = one(decode(ethernet("86dd", ra6, "8600 0000 40c0 0708 00000010 00000020"),
                DecodeOptions.defaults()), ICMPv6RouterAdvertisement.class);
        assertThat(ra.getHopLimit()).isEqualTo(64);
        assertThat(ra.getFlags()).isEqualTo(0xC0);
        assertThat(ra.getRouterLifetime()).isEqualTo(0x0708);
        assertThat(ra.getReachableTime()).isEqualTo(16);
        assertThat(ra.getRetransTimer()).isEqualTo(32);
        String echo6 = "6000 0000 0008 3a40 20010db8000000000000000000000001 20010db8000000000000000000000002";
        ICMPv6Echo echo = one(decode(ethernet("86dd", echo6, "8000 0000 abcd 0007"), DecodeOptions.defaults()), ICMPv6Echo.class);
        assertThat(echo.getIdentifier()).isEqualTo(0xABCD);
        assertThat(echo.getSeqNumber()).isEqualTo(7);
    }

    @Test
    void greWithKeyAndSequence() {
        Packet p = ethernet("0800", ipv4(20 + 12 + 20, 47), "3000 0800 0000abcd 00000005", ipv4(20, 59));
        List<Message> r = decode(p, DecodeOptions.defaults());
        GRE g = one(r, GRE.class);
        assertThat(g.getKeyPresent()).isTrue();
        assertThat(g.getSeqPresent()).isTrue();
        assertThat(g.getChecksumPresent()).isFalse();
        assertThat(g.getKey()).isEqualTo(0xABCD);
        assertThat(g.getSeq()).isEqualTo(5);
        assertThat(g.getProtocol()).isEqualTo(0x0800);
        assertThat(g.getSrcIP()).isEqualTo("192.168.0.1");
        assertThat(all(r, IPv4.class)).hasSize(2);
    }

    @Test
    void geneveOptions() {
        String inner = MAC_DST + MAC_SRC + "0800" + ipv4(20, 59);
        Geneve g = one(decode(ethernet("0800", ipv4(20 + 8 + 16 + 34, 17), "c000 17c1 0042 0000",
                "0200 6558 00000a00", "0103 8001 aabbccdd", inner), DecodeOptions.defaults()), Geneve.class);
        assertThat(g.getOptionsLength()).isEqualTo(8);
        assertThat(g.getVNI()).isEqualTo(10);
        assertThat(g.getProtocol()).isEqualTo(0x6558);
        GeneveOption o = g.getOptions(0);
        assertThat(o.getClass_()).isEqualTo(0x0103);
        assertThat(o.getType()).isEqualTo(0x80);
        assertThat(o.getLength()).isEqualTo(8);
        assertThat(o.getData()).isEqualTo(ByteString.fromHex("aabbccdd"));
    }

    @Test
    void arpAndDot1qAndLlcSnap() {
        List<Message> r = decode(ethernet("8100", "2064 0806", "0001 0800 06 04 0001 001122334455 c0a80001 000000000000 c0a80002"),
                DecodeOptions.defaults());
        Dot1Q q = one(r, Dot1Q.class);
        assertThat(q.getPriority()).isEqualTo(1);
        assertThat(q.getVLANIdentifier()).isEqualTo(100);
        assertThat(q.getType()).isEqualTo(0x0806);
        ARP a = one(r, ARP.class);
        assertThat(a.getOperation()).isEqualTo(1);
        assertThat(a.getSrcHwAddress()).isEqualTo("00:11:22:33:44:55");
        assertThat(a.getSrcProtocolAddress()).isEqualTo("192.168.0.1");
        assertThat(a.getDstProtocolAddress()).isEqualTo("192.168.0.2");
        List<Message> cdp = decode(ethernet("0010", "aaaa03 00000c 2000", "0201b4e10001000b"), DecodeOptions.defaults());
        assertThat(one(cdp, Ethernet.class).getEthernetType()).isZero();
        assertThat(one(cdp, LLC.class).getDSAP()).isEqualTo(0xAA);
        assertThat(one(cdp, LLC.class).getControl()).isEqualTo(3);
        SNAP s = one(cdp, SNAP.class);
        assertThat(s.getOrganizationalCode()).isEqualTo(ByteString.fromHex("00000c"));
        assertThat(s.getType()).isEqualTo(0x2000);
    }

    @Test
    void dot11QosRecord() {
        String dot11 = "8801 2c00" + "001122334455" + "66778899aabb" + "ccddeeff0011" + "2000" + "0500";
        Dot11 d = one(decode(packet(105, dot11, "aaaa03 000000 0800", ipv4(20, 59)), DecodeOptions.defaults()), Dot11.class);
        assertThat(d.getType()).isEqualTo(0x22);
        assertThat(d.getFlags()).isEqualTo(1);
        assertThat(d.getDurationID()).isEqualTo(0x2c);
        assertThat(d.getAddress3()).isEqualTo("cc:dd:ee:ff:00:11");
        assertThat(d.getAddress4()).isEmpty();
        assertThat(d.getSequenceNumber()).isEqualTo(2);
        assertThat(d.getQOS().getTID()).isEqualTo(5);
        assertThat(d.hasHTControl()).isFalse();
    }

    @Test
    void malformedPacketsAreCountedAndKeepTheirValidLayers() {
        LayerPipeline pipeline = new LayerPipeline(Protocols.layerTypes(), DecodeOptions.defaults());
        List<Message> out = new ArrayList<>();
        pipeline.decode(ethernet("0800", "4400 0014 0000 0000 4006 0000 0a000001 0a000002"), out::add);
        pipeline.decode(ethernet("0800", ipv4(40, 6), "0050 01bb 00000001 00000000 f002 ffff 0000 0000"), out::add);
        pipeline.decode(ethernet("0800", ipv4(48, 6), "0050 01bb 00000001 00000000 7002 ffff 0000 0000", "0204 05b4 0800 0000"), out::add);
        pipeline.decode(packet(1, "0011"), out::add);
        assertThat(pipeline.errors().count(ParseError.Kind.BAD_IHL)).isEqualTo(1);
        assertThat(pipeline.errors().count(ParseError.Kind.BAD_DATA_OFFSET)).isEqualTo(1);
        assertThat(pipeline.errors().count(ParseError.Kind.BAD_OPTION_LENGTH)).isEqualTo(1);
        assertThat(pipeline.errors().count(ParseError.Kind.TRUNCATED_HEADER)).isEqualTo(1);
        assertThat(pipeline.errors().total()).isEqualTo(4);
        assertThat(all(out, Ethernet.class)).hasSize(3);
        List<TCP> tcp = all(out, TCP.class);
        assertThat(tcp).hasSize(2);
        assertThat(tcp.get(1).getOptionsList()).extracting(TCPOption::getOptionType).containsExactly(2);
    }

    @Test
    void onlyEnabledTypesAreBuilt() {
        List<Message> out = new ArrayList<>();
        new LayerPipeline(java.util.EnumSet.of(RecordType.TCP), DecodeOptions.defaults()).decode(SYN, out::add);
        assertThat(out).hasSize(1).first().isInstanceOf(TCP.class);
    }

    @Test
    void entropyEdgeCases() {
        byte[] zeros = new byte[70000];
        assertThat(PayloadEntropy.of(zeros, 0, zeros.length)).isZero();
        byte[] all = new byte[256 * 200];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertThat(PayloadEntropy.of(all, 0, all.length)).isCloseTo(8.0, within(1e-12));
        Packet big = ethernet("0800", String.format("4500%04x 0000 0000 4011 0000 0a000001 0a000002", 20 + 8 + all.length)
                + String.format("0001 0002 %04x 0000", 8 + all.length), java.util.HexFormat.of().formatHex(all));
        UDP u = one(decode(big, DecodeOptions.defaults().withEntropy(true)), UDP.class);
        assertThat(u.getPayloadEntropy()).isCloseTo(8.0, within(1e-12));
    }

    @Test
    void pluggedInDecodersGetTheContextAppliedAndMayEmitSeveralRecords() {
        // A stand-in for an application decoder: one DNS record per DNS layer, context left to the caller.
        io.netcap.decoder.LayerDecoder dns = new io.netcap.decoder.LayerDecoder() {
            public RecordType type() { return RecordType.DNS; }
            public io.netcap.packet.layer.LayerKind kind() { return io.netcap.packet.layer.LayerKind.DNS; }
            public Message decode(io.netcap.packet.layer.Layers l, int i, Packet p, io.netcap.decoder.DecodeContext ctx) {
                Message m = DNS.newBuilder().setTimestamp(ctx.timestamp()).setID(io.netcap.packet.layer.Bytes.u16(l.buffer(), l.offset(i))).build();
                return io.netcap.decoder.ContextFields.apply(m, RecordType.DNS, ctx);
            }
        };
        List<Protocols.Protocol> registry = new ArrayList<>(Protocols.all());
        registry.add(new Protocols.Protocol(io.netcap.packet.layer.LayerKind.DNS, List.of(RecordType.DNS), List.of(),
                new Protocols.Decoder.Layer(() -> dns), "a test row"));
        List<Message> out = new ArrayList<>();
        new LayerPipeline(registry, java.util.EnumSet.of(RecordType.DNS, RecordType.UDP), DecodeOptions.defaults())
                .decode(ethernet("0800", ipv4(40, 17), "d431 0035 0014 0000", "abcd 0100 0000 0000 0000 0000"), out::add);
        DNS d = one(out, DNS.class);
        assertThat(d.getID()).isEqualTo(0xABCD);
        assertThat(d.getSrcIP()).isEqualTo("192.168.0.1");
        assertThat(d.getDstPort()).isEqualTo(53);
        assertThat(d.getSrcPort()).isEqualTo(0xd431);
        // TCP keeps its own ports; only the addresses come from the context
        TCP t = (TCP) io.netcap.decoder.ContextFields.apply(TCP.newBuilder().setSrcPort(1).build(), RecordType.TCP,
                contextOf(SYN));
        assertThat(t.getSrcPort()).isEqualTo(1);
        assertThat(t.getSrcIP()).isEqualTo("192.168.0.1");
    }

    private static io.netcap.decoder.DecodeContext contextOf(Packet p) {
        var ctx = new io.netcap.decoder.DecodeContext(DecodeOptions.defaults(), new io.netcap.decoder.ErrorCounts());
        ctx.reset(new io.netcap.packet.layer.LayerParser(Protocols.routes(), false).parse(p), p);
        return ctx;
    }

    @Test
    void htControlVariants() {
        // VHT variant: bit 0; MRQ bit 2; NUM_STS 3 at bits 9-11; VHT-MCS 9 at 12-15; BW 2 at 16-17; SNR 40 at 18-23; RDG bit 31
        int vht = 1 | 1 << 2 | 3 << 9 | 9 << 12 | 2 << 16 | 40 << 18 | 1 << 31;
        Dot11HTControl c = Dot11Decoder.htControl(vht);
        assertThat(c.getRDGMorePPDU()).isTrue();
        assertThat(c.getACConstraint()).isFalse();
        assertThat(c.getVHT().getMRQ()).isTrue();
        assertThat(c.getVHT().getMFB().getNumSTS()).isEqualTo(3);
        assertThat(c.getVHT().getMFB().getVHTMCS()).isEqualTo(9);
        assertThat(c.getVHT().getMFB().getBW()).isEqualTo(2);
        assertThat(c.getVHT().getMFB().getSNR()).isEqualTo(40);
        assertThat(c.hasHT()).isFalse();
        // HT variant with antenna selection (MAI = 14): command 5, data 9
        int asel = 1 << 1 | 14 << 2 | 5 << 9 | 9 << 12 | 1 << 30;
        Dot11HTControl h = Dot11Decoder.htControl(asel);
        assertThat(h.getACConstraint()).isTrue();
        assertThat(h.getHT().getLinkAdapationControl().getTRQ()).isTrue();
        assertThat(h.getHT().getLinkAdapationControl().getASEL().getCommand()).isEqualTo(5);
        assertThat(h.getHT().getLinkAdapationControl().getASEL().getData()).isEqualTo(9);
    }
}
