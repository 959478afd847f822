package io.netcap.packet.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.util.List;

/**
 * Any bytes as a pcapng file (the first block is taken as a section header whatever it holds):
 * packets within bounds, defects at offsets inside the input, no exception, and the same result
 * with the normal read buffer and a tiny one. Seeds: {@code PcapngReaderFuzzTestInputs/readAnything/}.
 */
class PcapngReaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readAnything(byte[] data) throws IOException {
        List<String> large = CaptureReads.summary(data, CaptureInput.DEFAULT_CAPACITY, false);
        List<String> tiny = CaptureReads.summary(data, 16, false);
        assertThat(tiny).isEqualTo(large);
    }
}
