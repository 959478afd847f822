package io.netcap.decoder;

import static io.netcap.packet.layer.Frames.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.netcap.decoder.Protocols.Decoder;
import io.netcap.decoder.Protocols.Protocol;
import io.netcap.decoder.app.AppDecoder;
import io.netcap.decoder.app.AppErrors;
import io.netcap.packet.layer.LayerKind;
import io.netcap.packet.layer.LayerParser;
import io.netcap.packet.layer.LayerRoutes;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The protocol registry: the routes it gives the parser, its rows, and the table in docs/protocols.md. */
class ProtocolsTest {
    private static final LayerRoutes ROUTES = Protocols.routes();
    private static final Path DOC = Path.of("..", "docs", "protocols.md");
    private static final String BEGIN = "<!-- generated from Protocols.markdown() by ProtocolsTest: begin -->\n";
    private static final String END = "<!-- generated: end -->";

    @Test
    void udpByDestinationThenSource() {
        assertThat(ROUTES.udpPort(53, 50000)).isEqualTo(LayerKind.DNS);
        assertThat(ROUTES.udpPort(50000, 53)).isEqualTo(LayerKind.DNS);
        assertThat(ROUTES.udpPort(67, 68)).isEqualTo(LayerKind.DHCPV4);
        assertThat(ROUTES.udpPort(547, 546)).isEqualTo(LayerKind.DHCPV6);
        assertThat(ROUTES.udpPort(123, 123)).isEqualTo(LayerKind.NTP);
        assertThat(ROUTES.udpPort(40000, 5060)).isEqualTo(LayerKind.SIP);
        assertThat(ROUTES.udpPort(3784, 49152)).isEqualTo(LayerKind.BFD);
        assertThat(ROUTES.udpPort(7667, 7667)).isEqualTo(LayerKind.LCM);
        assertThat(ROUTES.udpPort(623, 1)).isEqualTo(LayerKind.RMCP);
        assertThat(ROUTES.udpPort(53, 123)).isEqualTo(LayerKind.DNS); // destination wins
        assertThat(ROUTES.udpPort(4789, 53)).isEqualTo(LayerKind.VXLAN); // a structural route, kept
        assertThat(ROUTES.udpPort(5353, 5353)).isNull(); // mDNS: not in the original's table
        assertThat(ROUTES.udpPort(2, 1)).isNull();
    }

    @Test
    void tcpPortsOnlyWithDatagrams() {
        assertThat(ROUTES.tcpPort(502, 40000)).isEqualTo(LayerKind.MODBUS);
        assertThat(ROUTES.tcpPort(40000, 44818)).isEqualTo(LayerKind.ENIP);
        assertThat(ROUTES.tcpPort(53, 40000)).isEqualTo(LayerKind.DNS);
        assertThat(ROUTES.tcpPort(443, 40000)).isEqualTo(LayerKind.TLS);
        var modbus = ethernet("0800", ipv4(48, 6), "9c40 01f6 00000001 00000000 5018 ffff 0000 0000", "000100000002ff03");
        assertThat(kinds(new LayerParser(ROUTES, true).parse(modbus))).endsWith("TCP MODBUS");
        assertThat(kinds(new LayerParser(ROUTES, false).parse(modbus))).endsWith("TCP PAYLOAD");
    }

    @Test
    void linkAndNetworkRoutes() {
        assertThat(ROUTES.etherType(0x88cc)).isEqualTo(LayerKind.LLDP);
        assertThat(ROUTES.etherType(0x888e)).isEqualTo(LayerKind.EAPOL);
        assertThat(ROUTES.etherType(0x2000)).isEqualTo(LayerKind.CDP);
        assertThat(ROUTES.etherType(0x01a2)).isEqualTo(LayerKind.NORTEL_DISCOVERY);
        assertThat(ROUTES.etherType(0x01a1)).isEqualTo(LayerKind.NORTEL_DISCOVERY); // SONMP autodiscovery, as TShark
        assertThat(ROUTES.etherType(0x0800)).isEqualTo(LayerKind.IPV4);
        assertThat(ROUTES.etherType(0x1234)).isEqualTo(LayerKind.UNKNOWN);
        assertThat(ROUTES.ipProtocol(2)).isEqualTo(LayerKind.IGMP);
        assertThat(ROUTES.ipProtocol(89)).isEqualTo(LayerKind.OSPF);
        assertThat(ROUTES.ipProtocol(112)).isEqualTo(LayerKind.VRRP);
        assertThat(ROUTES.ipProtocol(59)).isNull();
        assertThat(ROUTES.llcSap(0x42, 0x42)).isEqualTo(LayerKind.STP);
        assertThat(ROUTES.llcSap(0x42, 0x43 & 0xFE)).isEqualTo(LayerKind.STP);
        assertThat(ROUTES.llcSap(0x42, 0xAA)).isNull();
    }

    @Test
    void theEngineParserFollowsTheRegistry() {
        LayerParser parser = new LayerParser(ROUTES, false);
        assertThat(kinds(parser.parse(ethernet("0006", "424203 0000 00", "ffffff")))).isEqualTo("ETHERNET LLC STP");
        assertThat(kinds(parser.parse(ethernet("86dd",
                "6000 0000 0018 0040 20010db8000000000000000000000001 20010db8000000000000000000000002",
                "1100 0502 0000 0100", "0222 0223 0010 0000", "0102030405060708"))))
                .isEqualTo("ETHERNET IPV6 IPV6_HOP_BY_HOP UDP DHCPV6");
        assertThat(kinds(parser.parse(ethernet("0800", ipv4(28, 89), "0201001c0a0000010000000000000000")))).endsWith("IPV4 OSPF");
        assertThat(kinds(parser.parse(ethernet("88cc", "0207046c4f6f2e7c")))).isEqualTo("ETHERNET LLDP");
        assertThat(kinds(parser.parse(ethernet("888e", "01010000")))).isEqualTo("ETHERNET EAPOL");
        assertThat(kinds(parser.parse(ethernet("000a", "aaaa03 000081 01a1", "0102")))).isEqualTo("ETHERNET LLC SNAP NORTEL_DISCOVERY");
    }

    @Test
    void rowsAreConsistent() {
        Set<LayerKind> kinds = EnumSet.noneOf(LayerKind.class);
        Set<RecordType> produced = EnumSet.noneOf(RecordType.class);
        for (Protocol p : Protocols.all()) {
            assertThat(kinds.add(p.kind())).as("one row per kind: %s", p.kind()).isTrue();
            for (RecordType t : p.types()) {
                assertThat(produced.add(t)).as("one row per record type: %s", t).isTrue();
            }
            switch (p.decoder()) {
                case Decoder.Layer l -> {
                    LayerDecoder d = l.factory().get();
                    assertThat(d.kind()).as(p.name()).isEqualTo(p.kind());
                    assertThat(p.types()).as(p.name()).containsExactly(d.type());
                    assertThat(p.routes()).as("layer routes are structural: %s", p.name()).isEmpty();
                }
                case Decoder.App a -> {
                    assertThat(p.routes()).as(p.name()).isNotEmpty();
                    assertThat(p.types()).as(p.name()).isNotEmpty();
                    assertThat(p.kind().role()).as(p.name()).isEqualTo(LayerKind.Role.APPLICATION);
                }
                case Decoder.None n -> {
                    assertThat(p.routes()).as(p.name()).isNotEmpty();
                    assertThat(p.types()).as(p.name()).isEmpty();
                }
            }
        }
        // every application kind the parser can report has a row; PAYLOAD and UNKNOWN are not protocols
        for (LayerKind k : LayerKind.values()) {
            if (k.role() == LayerKind.Role.APPLICATION && k != LayerKind.PAYLOAD && k != LayerKind.UNKNOWN) {
                assertThat(kinds).as("row for %s", k).contains(k);
            }
        }
        for (RecordType t : RecordType.values()) {
            if (t.kind() == RecordType.Kind.LAYER) {
                assertThat(produced).as("row producing %s", t).contains(t);
            }
        }
    }

    @Test
    void decoderNamesOfIncludeAndExclude() {
        assertThat(Protocols.recordType("OSPF")).contains(RecordType.OSPFv2);
        assertThat(Protocols.recordType("ospfv3")).contains(RecordType.OSPFv3);
        assertThat(Protocols.recordType("Ethernet/IP")).contains(RecordType.ENIP);
        assertThat(Protocols.recordType("VRRP")).contains(RecordType.VRRPv2);
        assertThat(Protocols.recordType("TLS")).contains(RecordType.TLSClientHello);
        assertThat(Protocols.recordType("tcp")).contains(RecordType.TCP);
        assertThat(Protocols.recordType("RMCP")).isEmpty(); // recognised, no record
        assertThat(Protocols.recordType("nonsense")).isEmpty();
    }

    @Test
    void applicationDecodersNeverThrowOnGarbage() {
        List<AppDecoder> decoders = new ArrayList<>();
        for (Protocol p : Protocols.all()) {
            if (p.decoder() instanceof Decoder.App a) {
                decoders.add(a.decoder());
            }
        }
        Random rnd = new Random(1);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[rnd.nextInt(80)];
            rnd.nextBytes(b);
            for (AppDecoder d : decoders) {
                d.decode(b, 0, b.length, 0, new AppDecoder.Options(true, rnd.nextBoolean()));
            }
        }
        assertThat(AppErrors.total("")).isGreaterThan(0);
        assertThat(AppErrors.total("DNS.internal") + AppErrors.total("TLSClientHello.internal")).isZero();
    }

    /** docs/protocols.md holds the registry's table; on a difference the failure prints the text to paste. */
    @Test
    void docsTableIsTheRegistry() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int b = doc.indexOf(BEGIN);
        int e = doc.indexOf(END);
        assertThat(b).as("%s has the markers %s and %s", DOC, BEGIN.strip(), END).isNotNegative();
        assertThat(e).isGreaterThan(b);
        String expected = Protocols.markdown();
        if (!doc.substring(b + BEGIN.length(), e).equals(expected)) {
            fail(DOC + " differs from the registry; replace the lines between the markers with:\n\n" + expected);
        }
    }
}
