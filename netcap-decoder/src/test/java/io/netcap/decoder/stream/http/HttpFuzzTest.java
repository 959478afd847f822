package io.netcap.decoder.stream.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.FuzzConversation;
import io.netcap.decoder.stream.StreamFeeder;

/**
 * Arbitrary conversations through the HTTP parser with small caps: nothing escapes, every call consumes
 * between 0 and the bytes offered ({@link StreamFeeder} checks it), the unconsumed rest the framework has to keep
 * stays within the head and chunk-line caps, and every extracted body is closed exactly once. Input: records of
 * one control byte (bit 7: server, bits 0-6: length; 0xff: a gap of the next byte's value, 0xfe: a gap in the
 * other direction) and that many payload bytes; an input whose length is a multiple of 5 is a UDP conversation.
 * Seeds: {@code HttpFuzzTestInputs/conversations/}.
 */
class HttpFuzzTest {
    private static final Http.Limits LIMITS = new Http.Limits(512, 16, 4096, 256, 8);

    @FuzzTest(maxDuration = "30s")
    void conversations(byte[] data) {
        RecordingEnv rec = new RecordingEnv();
        // the input's length picks the transport: over UDP each offer is a datagram
        Conversation.Transport transport = data.length % 5 == 0 ? Conversation.Transport.UDP : Conversation.Transport.TCP;
        Conversation conv = new Conversation(transport, "1.1.1.1", 1, "2.2.2.2", 80, 0);
        StreamFeeder feed = new StreamFeeder(conv, new Http(conv, rec.env, LIMITS));
        FuzzConversation.play(data, feed, () -> {
            for (Direction x : Direction.values()) {
                assertThat(feed.pending(x)).isLessThanOrEqualTo(4097 + LIMITS.maxHeadBytes());
            }
        });
        feed.end(EndReason.SHUTDOWN);
        assertThat(rec.bodies).allSatisfy(b -> assertThat(b.complete).isNotNull());
        assertThat(rec.records).allSatisfy(r -> assertThat(r.getMethod()).isNotEmpty());
    }
}
