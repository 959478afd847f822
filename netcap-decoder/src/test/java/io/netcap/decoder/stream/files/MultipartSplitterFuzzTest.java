package io.netcap.decoder.stream.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Arbitrary bodies, cut into arbitrary writes: no exception, part events well nested, never more content than
 * body, and the same parts whatever the cuts. The first byte picks the boundary length (1..8, from "b0b1..."),
 * the second the write size. Seeds: {@code MultipartSplitterFuzzTestInputs/parts/}.
 */
class MultipartSplitterFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parts(byte[] data) {
        if (data.length < 2) {
            return;
        }
        String boundary = "b0b1b2b3".substring(0, 1 + (data[0] & 7));
        int step = 1 + (data[1] & 0xff);
        PartRecorder once = PartRecorder.run(boundary, data, 2, data.length);
        PartRecorder chunked = PartRecorder.run(boundary, data, 2, step);
        assertThat(chunked.parts).isEqualTo(once.parts);
        assertThat(once.contentBytes).as("content is body").isLessThanOrEqualTo(data.length - 2);
    }
}
