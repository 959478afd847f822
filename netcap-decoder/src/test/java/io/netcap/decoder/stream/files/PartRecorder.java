package io.netcap.decoder.stream.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link MultipartSplitter} over a body in writes of a given size and records each part as
 * {@code filename|content|complete} (content as ISO-8859-1); checks that part events are well nested.
 */
final class PartRecorder implements MultipartSplitter.Listener {
    final List<String> parts = new ArrayList<>();
    long contentBytes;
    private final ByteArrayOutputStream content = new ByteArrayOutputStream();
    private String name;
    private boolean open;

    static List<String> parts(String boundary, byte[] body, int from, int step) {
        return run(boundary, body, from, step).parts;
    }

    static PartRecorder run(String boundary, byte[] body, int from, int step) {
        PartRecorder r = new PartRecorder();
        MultipartSplitter s = new MultipartSplitter(boundary, r);
        for (int i = from; i < body.length; i += step) {
            s.write(body, i, Math.min(step, body.length - i));
        }
        s.finish();
        assertThat(r.open).as("a part left open after finish").isFalse();
        return r;
    }

    @Override
    public void start(MultipartSplitter.Part p) {
        assertThat(open).as("start inside a part").isFalse();
        assertThat(p.filename()).isNotNull();
        open = true;
        name = p.filename();
        content.reset();
    }

    @Override
    public void data(byte[] b, int off, int len) {
        assertThat(open).as("data outside a part").isTrue();
        content.write(b, off, len);
        contentBytes += len;
    }

    @Override
    public void end(boolean complete) {
        assertThat(open).as("end outside a part").isTrue();
        open = false;
        parts.add(name + "|" + content.toString(StandardCharsets.ISO_8859_1) + "|" + complete);
    }
}
