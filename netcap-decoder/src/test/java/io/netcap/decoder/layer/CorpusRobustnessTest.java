package io.netcap.decoder.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.DecodeOptions;
import io.netcap.decoder.LayerPipeline;
import io.netcap.decoder.Protocols;
import io.netcap.packet.Packet;
import io.netcap.testing.Corpus;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every corpus capture (damaged and fuzzer files included) through the pipeline with every option on:
 * no decoder fails, and the records per type and errors per kind are printed for the record.
 */
class CorpusRobustnessTest {

    @Test
    void wholeCorpusWithAllOptions() throws IOException {
        DecodeOptions all = DecodeOptions.defaults().withPayload(true).withEntropy(true).withDatagrams(true);
        LayerPipeline pipeline = new LayerPipeline(Protocols.layerTypes(), all);
        Map<String, Long> records = new TreeMap<>();
        long packets = 0;
        for (Path capture : Corpus.captures()) {
            for (Packet p : Corpus.packets(capture)) {
                packets++;
                pipeline.decode(p, m -> records.merge(m.getDescriptorForType().getName(), 1L, Long::sum));
            }
        }
        System.out.println("corpus: " + packets + " packets, records " + records);
        System.out.println("corpus: errors " + pipeline.errors());
        assertThat(pipeline.errors().decoderFailures()).isZero();
        assertThat(records).containsKeys(RecordType.EthernetCTPReply.name(), RecordType.USBRequestBlockSetup.name(),
                RecordType.Dot11.name());
    }
}
