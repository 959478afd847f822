package io.netcap.decoder.stream.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
        List<String> once = run(boundary, data, data.length);
        List<String> chunked = run(boundary, data, step);
        assertThat(chunked).isEqualTo(once);
        long content = once.stream().mapToLong(p -> p.length()).sum();
        assertThat(content).isLessThanOrEqualTo(data.length * 2L);
    }

    private static List<String> run(String boundary, byte[] data, int step) {
        List<String> parts = new ArrayList<>();
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        boolean[] open = new boolean[1];
        MultipartSplitter s = new MultipartSplitter(boundary, new MultipartSplitter.Listener() {
            @Override
            public void start(MultipartSplitter.Part p) {
                assertThat(open[0]).as("start inside a part").isFalse();
                assertThat(p.filename()).isNotNull();
                open[0] = true;
                content.reset();
            }

            @Override
            public void data(byte[] b, int off, int len) {
                assertThat(open[0]).as("data outside a part").isTrue();
                content.write(b, off, len);
            }

            @Override
            public void end(boolean complete) {
                assertThat(open[0]).as("end outside a part").isTrue();
                open[0] = false;
                parts.add(content.toString(StandardCharsets.ISO_8859_1) + complete);
            }
        });
        for (int i = 2; i < data.length; i += step) {
            s.write(data, i, Math.min(step, data.length - i));
        }
        s.finish();
        assertThat(open[0]).isFalse();
        long total = parts.stream().mapToLong(p -> p.length()).sum();
        assertThat(total).isLessThanOrEqualTo(data.length + 10L * parts.size());
        return parts;
    }
}
