package io.netcap.decoder.layer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.decoder.DecodeOptions;
import io.netcap.decoder.LayerPipeline;
import io.netcap.decoder.Protocols;
import io.netcap.packet.Packet;
import io.netcap.testing.Corpus;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wire writers of the per-packet records (Ethernet, IPv4, TCP, UDP) against the generated serialisation
 * of the records their builder oracles ({@link BuiltLayerRecords}) build: over every corpus capture, the two
 * pipelines must emit the same records, byte for byte and in the same order.
 */
class WireEncodingTest {

    private static DecodeOptions options(String name) {
        DecodeOptions d = DecodeOptions.defaults();
        return switch (name) {
            case "defaults" -> d;
            case "payload-entropy" -> d.withPayload(true).withEntropy(true).withDatagrams(true);
            case "no-context" -> d.withContext(false).withEntropy(true);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "payload-entropy", "no-context"})
    void wireRecordsEqualBuiltRecords(String optionSet) throws IOException {
        DecodeOptions o = options(optionSet);
        LayerPipeline built = new LayerPipeline(BuiltLayerRecords.registry(), Protocols.layerTypes(), o);
        LayerPipeline wired = new LayerPipeline(Protocols.layerTypes(), o);
        Map<RecordType, Long> wireCounts = new EnumMap<>(RecordType.class);
        long compared = 0;
        for (Path capture : Corpus.captures()) {
            for (Packet p : Corpus.packets(capture)) {
                List<String> expected = new ArrayList<>();
                built.decode(p, m -> expected.add(text(m)));
                List<String> actual = new ArrayList<>();
                wired.decode(p, m -> actual.add(text(m)), (type, record, length) -> {
                    wireCounts.merge(type, 1L, Long::sum);
                    actual.add(type.descriptor().getName() + " " + HexFormat.of().formatHex(Arrays.copyOf(record, length)));
                });
                assertThat(actual).as("%s packet at %d ns", capture.getFileName(), p.timestampNanos())
                        .isEqualTo(expected);
                compared += expected.size();
            }
        }
        System.out.println("wire encoding (" + optionSet + "): " + compared + " records compared, direct " + wireCounts);
        assertThat(wireCounts).containsKeys(RecordType.Ethernet, RecordType.IPv4, RecordType.TCP, RecordType.UDP);
        assertThat(built.errors().decoderFailures()).isEqualTo(wired.errors().decoderFailures());
    }

    /** Hand-built Ethernet/IPv4/TCP frame whose IPv4 and TCP headers both carry options, an End-of-options and padding. */
    @ParameterizedTest
    @ValueSource(strings = {"defaults", "payload-entropy", "no-context"})
    void optionsAndPaddingEncodeAlike(String optionSet) {
        byte[] frame = HexFormat.of().parseHex(
                "0200000000010200000000020800"                       // Ethernet: dst, src, IPv4
                + "48000042" + "12344000" + "4006" + "0000" + "0a000001" + "0a000002" // IPv4, IHL 8, total 66
                + "01" + "07070400000000" + "00" + "aabbcc"          // NOP, record route, END, padding
                + "04d2" + "0050" + "00000001" + "00000000" + "8002" + "ffff" + "0000" + "0000" // TCP, offset 8, SYN
                + "020405b4" + "01" + "030307" + "00" + "112233"     // MSS, NOP, window scale, END, padding
                + "6869");                                             // payload "hi"
        Packet p = new Packet(1_700_000_000_123_456_789L, frame.length, frame.length, 1, 0, frame, 0);
        DecodeOptions o = options(optionSet);
        List<String> expected = new ArrayList<>();
        new LayerPipeline(BuiltLayerRecords.registry(), Protocols.layerTypes(), o).decode(p, m -> expected.add(text(m)));
        List<String> actual = new ArrayList<>();
        List<RecordType> direct = new ArrayList<>();
        new LayerPipeline(Protocols.layerTypes(), o).decode(p, m -> actual.add(text(m)), (type, record, length) -> {
            direct.add(type);
            actual.add(type.descriptor().getName() + " " + HexFormat.of().formatHex(Arrays.copyOf(record, length)));
        });
        assertThat(direct).containsExactly(RecordType.Ethernet, RecordType.IPv4, RecordType.TCP);
        assertThat(actual).isEqualTo(expected);
        // without a wire sink the pipeline hands the same records on as messages, parsed back
        List<String> messages = new ArrayList<>();
        new LayerPipeline(Protocols.layerTypes(), o).decode(p, m -> messages.add(text(m)));
        assertThat(messages).isEqualTo(expected);
        // the padding fields really are set: IPv4 field 14 = 72 0x03 aabbcc, TCP field 19 = 9a 01 03 112233
        assertThat(actual.get(1)).contains("7203aabbcc");
        assertThat(actual.get(2)).contains("9a0103112233");
    }

    private static String text(Message m) {
        return m.getDescriptorForType().getName() + " " + HexFormat.of().formatHex(m.toByteArray());
    }
}
