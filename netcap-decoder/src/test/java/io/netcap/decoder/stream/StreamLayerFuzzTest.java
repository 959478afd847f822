package io.netcap.decoder.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netcap.decoder.stream.credentials.CredentialStore;
import io.netcap.decoder.stream.credentials.HarvestConfig;
import io.netcap.decoder.stream.credentials.Harvesting;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.decoder.stream.software.SoftwareStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Arbitrary conversations through the stream layer as a worker builds it: every row of the registry probes
 * and may parse (so also the framed DNS, Modbus and ENIP streams, TLS, SMTPS and FTP data, and the hand-over of
 * SMTP, POP3 and IMAP to TLS), with the credential harvesting and the Software table beside them, and records
 * written in wire format read back. The per-protocol targets fuzz one parser each; this one fuzzes the choice
 * among them and what each does with the bytes another's probe let through. Nothing escapes, no parser or
 * harvester fails (either is counted in a capture, and is a bug here), and every record read back parses.
 *
 * <p>Input: a first byte (bits 0-3: the server port, one of {@link #PORTS}; bit 4: UDP; bit 5: the harvesters'
 * stop-after-match), then the conversation as {@link StreamFeeder#replay(byte[], Runnable)} reads
 * it (over UDP without its gaps); the input's length picks how the conversation ends. Seeds:
 * {@code StreamLayerFuzzTestInputs/anyConversation/}.
 */
class StreamLayerFuzzTest {
    /** Each registry row's port, a few others the harvesters or probes single out, and one nobody names. */
    private static final int[] PORTS = {80, 443, 25, 587, 465, 110, 22, 53, 502, 44818, 21, 143, 23, 993, 8080, 40_001};
    private static final int MAX_UNCONSUMED = 4096;

    @FuzzTest(maxDuration = "30s")
    void anyConversation(byte[] data) {
        if (data.length < 1) {
            return;
        }
        int first = data[0] & 0xff;
        List<String> failures = new ArrayList<>();
        StreamEnv.StreamErrors errors = (kind, c, message) -> {
            if (kind.startsWith("DECODER_FAILURE")) {
                failures.add(kind + ": " + message);
            }
        };
        // each record in its type's file
        io.netcap.decoder.AppDecoding.Sink sink =
                (type, record) -> assertThat(record).isInstanceOf(type.prototype().getClass());
        Harvesting harvesting = new Harvesting(new HarvestConfig(64, "", (first & 0x20) != 0),
                new CredentialStore(16), sink, errors);
        StreamShared shared = StreamShared.standalone().withSoftware(new SoftwareStore(16, () -> null));
        StreamEnv env = new StreamEnv(sink, FileExtraction.OFF, errors, shared, harvesting);
        Conversation.Transport transport = (first & 0x10) != 0 ? Conversation.Transport.UDP : Conversation.Transport.TCP;
        Conversation conv = new Conversation(transport, "10.0.0.1", 40_000, "10.0.0.2", PORTS[first & 0x0f], 0);
        StreamCounters counters = new StreamCounters();
        StreamSession s = new StreamSession(conv, new StreamSelector(StreamProtocols.all()), env, counters,
                MAX_UNCONSUMED);

        StreamFeeder.replayInto(data, 1, new StreamFeeder.Target() {
            @Override
            public void offer(Direction d, byte[] b, int off, int len, long tsNanos) {
                s.data(d, b, off, len, tsNanos);
            }

            @Override
            public void gap(Direction d, long skipped) {
                if (transport == Conversation.Transport.TCP) { // a datagram is whole or missing
                    s.gap(d, skipped);
                }
            }
        });
        s.end(EndReason.values()[data.length % EndReason.values().length]);

        assertThat(failures).isEmpty();
        assertThat(counters.parserFailures()).isZero();
        assertThat(harvesting.failures()).isZero();
        assertThat(counters.conversations()).isEqualTo(1);
    }
}
