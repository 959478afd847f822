package io.netcap.decoder.stream;

import static io.netcap.decoder.stream.Direction.CLIENT_TO_SERVER;
import static io.netcap.decoder.stream.Direction.SERVER_TO_CLIENT;
import static io.netcap.decoder.stream.TcpReassembler.ACK;
import static io.netcap.decoder.stream.TcpReassembler.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.stream.TcpOptionCheck.Verdict;
import org.junit.jupiter.api.Test;

/**
 * The original's option check (docs/streams.md, "Segment checks") on hand-made headers. Option encodings are
 * RFC 9293 section 3.1 (kind, length covering kind and length, data): MSS = 2, 4, two bytes (section 3.7.1);
 * window scale = 3, 3, one byte (RFC 7323 section 2.2).
 */
class TcpOptionCheckTest {
    private final TcpOptionCheck check = new TcpOptionCheck();

    private static SegmentHeader header(int window, int... options) {
        byte[] b = new byte[options.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) options[i];
        }
        return new SegmentHeader().set(window, b, 0, b.length);
    }

    @Test
    void aSynWithAWronglySizedMssOrWindowScaleOrABrokenListIsRefused() {
        assertThat(check.check(CLIENT_TO_SERVER, SYN, 0, 0, -1, header(100, 2, 5, 1, 0, 0)))
                .isEqualTo(Verdict.BAD_OPTION);
        assertThat(check.check(CLIENT_TO_SERVER, SYN, 0, 0, -1, header(100, 3, 4, 7, 0)))
                .isEqualTo(Verdict.BAD_OPTION);
        assertThat(check.check(CLIENT_TO_SERVER, SYN, 0, 0, -1, header(100, 1, 8, 1)))
                .as("an option length below 2").isEqualTo(Verdict.BAD_OPTION);
        assertThat(check.check(CLIENT_TO_SERVER, SYN, 0, 0, -1, header(100, 2, 4, 5, 0xb4, 1, 3, 3, 7)))
                .isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void aSegmentAboveTheMssTheReceiverAnnouncedIsRefused() {
        check.check(SERVER_TO_CLIENT, SYN | ACK, 5000, 0, -1, header(1000, 2, 4, 0, 100)); // MSS 100
        assertThat(check.check(CLIENT_TO_SERVER, ACK, 1001, 101, 1001, header(1000))).isEqualTo(Verdict.ABOVE_MSS);
        assertThat(check.check(CLIENT_TO_SERVER, ACK, 1001, 100, 1001, header(1000))).isEqualTo(Verdict.ACCEPTED);
        assertThat(check.check(SERVER_TO_CLIENT, ACK, 5001, 101, 5001, header(1000)))
                .as("the client announced no MSS yet").isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void aRefusedSynAnnouncesNothing() {
        check.check(SERVER_TO_CLIENT, SYN | ACK, 5000, 0, -1, header(1000, 2, 4, 0, 100, 3, 4, 0, 0));
        assertThat(check.check(CLIENT_TO_SERVER, ACK, 1001, 500, 1001, header(1000))).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void aSegmentBeforeTheNextExpectedIsARetransmissionExceptAKeepAlive() {
        assertThat(check.check(CLIENT_TO_SERVER, ACK, 990, 10, 1000, header(1000))).isEqualTo(Verdict.RETRANSMISSION);
        assertThat(check.check(CLIENT_TO_SERVER, ACK, 999, 1, 1000, header(1000))).as("keep-alive, RFC 9293 3.8.4")
                .isEqualTo(Verdict.ACCEPTED);
        assertThat(check.check(CLIENT_TO_SERVER, ACK, 999, 0, 1000, header(1000))).isEqualTo(Verdict.ACCEPTED);
        assertThat(check.check(CLIENT_TO_SERVER, ACK, 999, 2, 1000, header(1000))).isEqualTo(Verdict.RETRANSMISSION);
        assertThat(check.check(CLIENT_TO_SERVER, ACK, 0xFFFFFFF0, 8, 5, header(1000)))
                .as("before the next expected across the wrap of 2^32").isEqualTo(Verdict.RETRANSMISSION);
        assertThat(check.check(CLIENT_TO_SERVER, ACK, 990, 10, -1, header(1000)))
                .as("a direction not started yet is not compared").isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void withoutWindowScaleASegmentStartingBeyondTheReceiversWindowIsRefused() {
        check.check(SERVER_TO_CLIENT, SYN | ACK, 5000, 0, -1, header(1000)); // no window scale
        assertThat(check.check(CLIENT_TO_SERVER, ACK, 2001, 10, 1000, header(64000))).isEqualTo(Verdict.BEYOND_WINDOW);
        assertThat(check.check(CLIENT_TO_SERVER, ACK, 2000, 10, 1000, header(64000))).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void withWindowScaleTheWindowIsNotChecked() {
        check.check(SERVER_TO_CLIENT, SYN | ACK, 5000, 0, -1, header(1000, 3, 3, 2)); // scale 2: 4000 bytes
        assertThat(check.check(CLIENT_TO_SERVER, ACK, 901_000, 10, 1000, header(64000))).isEqualTo(Verdict.ACCEPTED);
    }
}
