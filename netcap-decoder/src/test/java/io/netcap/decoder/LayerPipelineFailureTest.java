package io.netcap.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.decoder.Protocols.Decoder;
import io.netcap.decoder.Protocols.Protocol;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.LayerKind;
import io.netcap.packet.layer.Layers;
import io.netcap.packet.source.LinkType;
import io.netcap.types.RecordType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A layer decoder that throws is an internal failure named by its layer; the other layers' records survive. */
class LayerPipelineFailureTest {
    /** Stands in for the IPv4 decoder and fails on every packet. */
    static final class Failing implements LayerDecoder {
        public RecordType type() { return RecordType.IPv4; }

        public LayerKind kind() { return LayerKind.IPV4; }

        public Message decode(Layers layers, int i, Packet packet, DecodeContext ctx) {
            throw new IllegalStateException("planted");
        }
    }

    @Test
    void failureIsCountedPerLayer() {
        List<Protocol> registry = new ArrayList<>();
        for (Protocol p : Protocols.all()) {
            registry.add(p.kind() == LayerKind.IPV4
                    ? new Protocol(p.kind(), p.types(), p.routes(), new Decoder.Layer(Failing::new), p.origin()) : p);
        }
        LayerPipeline pipeline = new LayerPipeline(registry, EnumSet.of(RecordType.Ethernet, RecordType.IPv4, RecordType.UDP),
                DecodeOptions.defaults());
        // Ethernet, IPv4 (20 bytes, protocol 17), UDP 1234 -> 9 with 2 bytes of data
        byte[] frame = java.util.HexFormat.of().parseHex("0200000000010200000000020800"
                + "4500001e00010000401100000a0000010a000002" + "04d20009000a0000" + "6869");
        Packet p = new Packet(1, frame.length, frame.length, LinkType.ETHERNET, 0, frame, 0);
        List<String> records = new ArrayList<>();
        pipeline.decode(p, m -> records.add(m.getDescriptorForType().getName()));
        assertThat(records).containsExactly("Ethernet", "UDP");
        assertThat(pipeline.errors().decoderFailures()).isEqualTo(1);
        assertThat(pipeline.errors().lastFailureKind()).isEqualTo("DECODER_FAILURE_IPV4");
        assertThat(pipeline.errors().lastFailure()).startsWith("IPv4 decoder failed: java.lang.IllegalStateException: planted at ");
    }
}
