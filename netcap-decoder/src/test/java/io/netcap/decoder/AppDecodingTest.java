package io.netcap.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.decoder.flow.Facts;
import io.netcap.decoder.flow.PacketFacts;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.Layers;
import io.netcap.packet.source.LinkType;
import io.netcap.types.DNS;
import io.netcap.types.RecordType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One hand-built Ethernet/IPv4/UDP/DNS query through LayerPipeline and AppDecoding. */
class AppDecodingTest {

    /** 00:11:22:33:44:55 <- 66:77:88:99:aa:bb, 10.0.0.1:40000 -> 10.0.0.2:53, query id 0x1234 example.com A. */
    private static final byte[] FRAME = bytes(
            "001122334455 66778899aabb 0800",
            "4500 0039 0001 0000 4011 0000 0a000001 0a000002",
            "9c40 0035 0025 0000",
            "1234 0100 0001 0000 0000 0000 076578616d706c6503636f6d00 0001 0001");

    private final List<Message> records = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    private void run(Set<RecordType> types, boolean context, byte[] frame) {
        DecodeOptions options = DecodeOptions.defaults().withContext(context);
        LayerPipeline pipeline = new LayerPipeline(Set.of(), options);
        Packet p = new Packet(7_000, frame.length, frame.length, LinkType.ETHERNET, 0, frame, 0);
        PacketFacts facts = Facts.of(p);
        Layers layers = pipeline.decode(p, m -> {});
        new AppDecoding(types, options).decode(layers, p.timestampNanos(), facts,
                (t, m) -> {
                    assertThat(t.descriptor()).isSameAs(m.getDescriptorForType());
                    records.add(m);
                },
                (kind, message) -> errors.add(kind));
    }

    @Test
    void dnsRecordCarriesPacketAddressesAndPorts() {
        run(EnumSet.of(RecordType.DNS), true, FRAME);
        assertThat(errors).isEmpty();
        assertThat(records).hasSize(1);
        DNS dns = (DNS) records.getFirst();
        assertThat(dns.getID()).isEqualTo(0x1234);
        assertThat(dns.getQuestions(0).getName()).isEqualTo("example.com");
        assertThat(dns.getSrcIP()).isEqualTo("10.0.0.1");
        assertThat(dns.getDstIP()).isEqualTo("10.0.0.2");
        assertThat(dns.getSrcPort()).isEqualTo(40000);
        assertThat(dns.getDstPort()).isEqualTo(53);
    }

    @Test
    void contextOffLeavesAddressesEmpty() {
        run(EnumSet.of(RecordType.DNS), false, FRAME);
        DNS dns = (DNS) records.getFirst();
        assertThat(dns.getSrcIP()).isEmpty();
        assertThat(dns.getSrcPort()).isZero();
    }

    @Test
    void disabledTypeYieldsNothing() {
        run(EnumSet.of(RecordType.NTP), true, FRAME);
        assertThat(records).isEmpty();
        assertThat(errors).isEmpty();
    }

    @Test
    void truncatedDnsIsReportedMalformed() {
        byte[] cut = java.util.Arrays.copyOf(FRAME, 14 + 20 + 8 + 5);
        run(EnumSet.of(RecordType.DNS), true, cut);
        assertThat(records).isEmpty();
        assertThat(errors).containsExactly("MALFORMED_DNS");
    }

    private static byte[] bytes(String... hex) {
        String h = String.join("", hex).replace(" ", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
