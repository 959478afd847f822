package io.netcap.packet.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.util.List;

/**
 * Any bytes as a classic pcap file: the reader may only deliver packets within bounds and report
 * defects at offsets inside the input, never throw. It is read twice, with the normal buffer and
 * with a tiny one that forces a refill at every record, and both readings must agree.
 * Seeds: {@code PcapReaderFuzzTestInputs/readAnything/} (hand-built and small corpus captures,
 * damaged ones included; see FIXTURES.md).
 */
class PcapReaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readAnything(byte[] data) throws IOException {
        List<String> large = CaptureReads.summary(data, CaptureInput.DEFAULT_CAPACITY, true);
        List<String> tiny = CaptureReads.summary(data, 16, true);
        assertThat(tiny).isEqualTo(large);
    }
}
