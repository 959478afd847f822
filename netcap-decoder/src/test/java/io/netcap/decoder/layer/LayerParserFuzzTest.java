package io.netcap.decoder.layer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netcap.decoder.AppDecoding;
import io.netcap.decoder.DecodeOptions;
import io.netcap.decoder.LayerPipeline;
import io.netcap.decoder.Protocols;
import io.netcap.decoder.app.DecoderGuard;
import io.netcap.decoder.flow.PacketFacts;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.LayerKind;
import io.netcap.packet.layer.Layers;
import io.netcap.types.RecordType;
import java.util.Arrays;
import java.util.EnumSet;

/**
 * The layer parser, every layer decoder and every application decoder (behind the dispatch boundary's
 * {@link DecoderGuard}) over arbitrary bytes and link types: nothing may throw, no decoder may fail on a
 * layer the parser accepted, every application layer yields a record or a reported error, and layer
 * spans stay inside the frame.
 * Input: byte 0 selects the link type, byte 1 the options (bit 0: snap-length cut, bit 1: datagrams),
 * the rest is the frame. Seeds are corpus packets in that form.
 */
class LayerParserFuzzTest {
    private static final int[] LINK_TYPES = {1, 0, 101, 228, 229, 113, 276, 105, 127, 10, 9, 189, 220, 108, 12, 50, 147};
    private static final LayerPipeline PLAIN = new LayerPipeline(Protocols.layerTypes(),
            DecodeOptions.defaults().withPayload(true).withEntropy(true));
    private static final LayerPipeline DATAGRAMS = new LayerPipeline(Protocols.layerTypes(),
            DecodeOptions.defaults().withPayload(true).withEntropy(true).withDatagrams(true));

    private static final AppDecoding APPS = new AppDecoding(EnumSet.allOf(RecordType.class),
            DecodeOptions.defaults().withPayload(true).withDatagrams(true));

    @FuzzTest(maxDuration = "30s")
    void fuzz(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int linkType = LINK_TYPES[(input[0] & 0xFF) % LINK_TYPES.length];
        int flags = input[1];
        byte[] frame = Arrays.copyOfRange(input, 2, input.length);
        int wire = frame.length + ((flags & 1) != 0 ? 100 : 0);
        Packet p = Packet.of(0, wire, linkType, frame);
        LayerPipeline pipeline = (flags & 2) != 0 ? DATAGRAMS : PLAIN;
        long failures = pipeline.errors().decoderFailures();
        Layers layers = pipeline.decode(p, m -> assertThat(m).isNotNull());
        assertThat(pipeline.errors().decoderFailures()).as("decoder failures").isEqualTo(failures);
        int[] outcomes = {0};
        APPS.decode(layers, 0, new PacketFacts(), (type, record) -> outcomes[0]++, (kind, message) -> {
            assertThat(kind).as(message).doesNotStartWith(DecoderGuard.FAILURE);
            outcomes[0]++;
        });
        assertThat(APPS.guard().failures()).as("application decoder failures").isZero();
        if (firstApplicationLayer(layers) >= 0 && layers.length(firstApplicationLayer(layers)) > 0) {
            assertThat(outcomes[0]).as("records and errors of the application layer").isPositive();
        }
        for (int i = 0; i < layers.count(); i++) {
            assertThat(layers.offset(i)).isBetween(0, frame.length);
            assertThat(layers.offset(i) + layers.length(i)).isLessThanOrEqualTo(frame.length);
            assertThat(layers.payloadOffset(i)).isBetween(layers.offset(i), layers.offset(i) + layers.length(i));
            assertThat(layers.payloadOffset(i) + layers.payloadLength(i)).isLessThanOrEqualTo(layers.offset(i) + layers.length(i));
        }
    }

    /** Index of the first layer an application decoder reads, or -1 (an unknown layer ends iteration). */
    private static int firstApplicationLayer(Layers layers) {
        for (int i = 0; i < layers.count(); i++) {
            if (layers.kind(i) == LayerKind.UNKNOWN) {
                return -1;
            }
            if (APPS.decodes(layers.kind(i)) && layers.kind(i) != LayerKind.TLS) {
                return i;
            }
        }
        return -1;
    }
}
