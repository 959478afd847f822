package io.netcap.cli.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Any bytes as an upstream's answer: the head is read and framed and the body relayed into nothing, or an
 * {@link IOException} says why not (the client then gets 502 or a cut response); nothing else escapes.
 */
class ResponseHeadFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void readAnything(byte[] data) {
        ByteArrayInputStream in = new ByteArrayInputStream(data);
        try {
            ResponseHead h = ResponseHead.read(in);
            assertThat(h.status).isBetween(100, 999);
            long declared = h.contentLength();
            switch (MessageBody.framing("GET", h)) {
                case NONE, UNTIL_CLOSE -> { }
                case LENGTH -> MessageBody.copy(in, OutputStream.nullOutputStream(), Math.min(declared, data.length + 1L));
                case CHUNKED -> MessageBody.copyChunked(in, OutputStream.nullOutputStream());
            }
        } catch (IOException expected) {
            // malformed or cut short
        }
    }
}
