package io.netcap.decoder.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.stream.StreamProbe.Verdict;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.types.RecordType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Decoder selection (content first, port second) and the consume / need-more contract of stream parsers. */
class StreamSessionTest {
    private final List<String> errors = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();
    private final StreamCounters counters = new StreamCounters();
    private final StreamEnv env = new StreamEnv((t, m) -> { }, FileExtraction.OFF,
            (kind, c, message) -> {
                errors.add(kind);
                reasons.add(message);
            });

    /** Consumes whole lines only (needs more until a newline), recording them per direction. */
    static final class Lines implements StreamParser {
        final List<String> lines = new ArrayList<>();
        EndReason ended;
        long unconsumedClient = -1;

        @Override
        public int parse(Direction d, byte[] b, int off, int len, long tsNanos) {
            for (int i = 0; i < len; i++) {
                if (b[off + i] == '\n') {
                    lines.add((d == Direction.CLIENT_TO_SERVER ? "C " : "S ")
                            + new String(b, off, i, StandardCharsets.US_ASCII));
                    return i + 1;
                }
            }
            return 0;
        }

        @Override
        public void end(EndReason reason, long unconsumedClient, long unconsumedServer) {
            ended = reason;
            this.unconsumedClient = unconsumedClient;
        }
    }

    private final List<Lines> parsers = new ArrayList<>();

    private StreamProtocol protocol(String name, int port, StreamProbe probe) {
        return new StreamProtocol(name, Set.of(RecordType.HTTP), Set.of(Conversation.Transport.TCP), new int[] {port},
                probe, (c, e) -> {
                    Lines l = new Lines();
                    parsers.add(l);
                    return l;
                });
    }

    /** Matches when the server's first bytes start with the word, refuses any other complete first line. */
    private static StreamProbe serverSays(String word) {
        byte[] w = word.getBytes(StandardCharsets.US_ASCII);
        return (c, cl, s, sl) -> {
            if (sl < w.length) {
                return Verdict.MORE;
            }
            return Arrays.equals(s, 0, w.length, w, 0, w.length) ? Verdict.MATCH : Verdict.NO;
        };
    }

    private StreamSession session(int serverPort, StreamProtocol... protocols) {
        Conversation c = new Conversation(Conversation.Transport.TCP, "10.0.0.1", 40000, "10.0.0.2", serverPort, 0);
        return new StreamSession(c, new StreamSelector(List.of(protocols)), env, counters, 64);
    }

    private static void send(StreamSession s, Direction d, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        s.data(d, b, 0, b.length, 1);
    }

    @Test
    void waitsForTheProbeThenReplaysEveryByteInOrder() {
        StreamSession s = session(9999, protocol("greeting", 21, serverSays("220")));
        send(s, Direction.CLIENT_TO_SERVER, "HELLO\nPAR");
        assertThat(parsers).as("undecided until the server speaks").isEmpty();
        send(s, Direction.SERVER_TO_CLIENT, "220 ready\n");
        send(s, Direction.CLIENT_TO_SERVER, "TIAL\n");
        s.end(EndReason.FIN);
        assertThat(parsers).hasSize(1);
        assertThat(parsers.get(0).lines).containsExactly("C HELLO", "S 220 ready", "C PARTIAL");
        assertThat(parsers.get(0).ended).isEqualTo(EndReason.FIN);
        assertThat(s.protocol()).isEqualTo("greeting");
        assertThat(counters.selected()).containsEntry("greeting", 1L);
        assertThat(s.conversation().bytes(Direction.CLIENT_TO_SERVER)).isEqualTo(14);
    }

    @Test
    void contentWinsOverThePort() {
        StreamProtocol onPort = protocol("onport", 25, serverSays("SSH-"));
        StreamProtocol content = protocol("content", 80, serverSays("220"));
        StreamSession s = session(25, onPort, content);
        send(s, Direction.SERVER_TO_CLIENT, "220 mail\n");
        assertThat(s.protocol()).isEqualTo("content");
    }

    @Test
    void theServerPortsProtocolIsPreferredWhenBothMatch() {
        StreamProtocol a = protocol("a", 1, serverSays("OK"));
        StreamProtocol b = protocol("b", 2, serverSays("OK"));
        StreamSession s = session(2, a, b);
        send(s, Direction.SERVER_TO_CLIENT, "OK\n");
        assertThat(s.protocol()).isEqualTo("b");
    }

    @Test
    void anUndecidedConversationTakesThePortsProtocolAtItsEndAndNoneOffPort() {
        StreamSession onPort = session(21, protocol("greeting", 21, serverSays("220")));
        send(onPort, Direction.CLIENT_TO_SERVER, "USER x\n");
        onPort.end(EndReason.FIN);
        assertThat(onPort.protocol()).isEqualTo("greeting");
        assertThat(parsers.get(0).lines).containsExactly("C USER x");

        StreamSession offPort = session(2121, protocol("greeting", 21, serverSays("220")));
        send(offPort, Direction.CLIENT_TO_SERVER, "USER x\n");
        offPort.end(EndReason.FIN);
        assertThat(offPort.protocol()).isNull();
        assertThat(counters.undecided()).isEqualTo(1);
    }

    @Test
    void refusedByEveryProbeRunsNoParser() {
        StreamSession s = session(21, protocol("greeting", 21, serverSays("220")));
        send(s, Direction.SERVER_TO_CLIENT, "500 no\n");
        send(s, Direction.SERVER_TO_CLIENT, "more\n");
        s.end(EndReason.FIN);
        assertThat(parsers).isEmpty();
        assertThat(counters.undecided()).isEqualTo(1);
    }

    @Test
    void aFullProbeBufferForcesTheDecision() {
        StreamSession s = session(21, protocol("greeting", 21, (c, cl, sv, sl) -> Verdict.MORE));
        byte[] big = new byte[StreamSession.PROBE_BYTES + 10];
        Arrays.fill(big, (byte) 'a');
        big[big.length - 1] = '\n';
        s.data(Direction.CLIENT_TO_SERVER, big, 0, big.length, 1);
        assertThat(s.protocol()).isEqualTo("greeting");
        // the bytes past the probe buffer are not lost: the parser sees the whole line
        assertThat(parsers.get(0).lines).hasSize(0); // one 4106-byte line exceeds the 64-byte unconsumed cap
        assertThat(errors).containsExactly("STREAM_BUFFER_OVERFLOW_greeting");
        assertThat(counters.unconsumedOverflows()).isEqualTo(1);
    }

    @Test
    void unconsumedBytesAreKeptAcrossCallsAndReportedAtTheEnd() {
        StreamSession s = session(21, protocol("greeting", 21, serverSays("220")));
        send(s, Direction.SERVER_TO_CLIENT, "220\n");
        for (char ch : "ONE\nTWO\nTHR".toCharArray()) {
            send(s, Direction.CLIENT_TO_SERVER, String.valueOf(ch));
        }
        s.end(EndReason.RST);
        Lines l = parsers.get(0);
        assertThat(l.lines).containsExactly("S 220", "C ONE", "C TWO");
        assertThat(l.unconsumedClient).isEqualTo(3);
        assertThat(l.ended).isEqualTo(EndReason.RST);
    }

    @Test
    void aGapDropsTheUnconsumedRestOfThatDirection() {
        StreamSession s = session(21, protocol("greeting", 21, serverSays("220")));
        send(s, Direction.SERVER_TO_CLIENT, "220\n");
        send(s, Direction.CLIENT_TO_SERVER, "BROK");
        s.gap(Direction.CLIENT_TO_SERVER, 100);
        send(s, Direction.CLIENT_TO_SERVER, "EN\n");
        assertThat(parsers.get(0).lines).containsExactly("S 220", "C EN");
        assertThat(s.conversation().missed(Direction.CLIENT_TO_SERVER)).isEqualTo(100);
    }

    @Test
    void udpDatagramsAreProbedAndParsedOneByOne() {
        StreamProtocol p = new StreamProtocol("greeting", Set.of(RecordType.HTTP), Set.of(Conversation.Transport.UDP),
                new int[] {21}, serverSays("220"), (c, e) -> {
                    Lines l = new Lines();
                    parsers.add(l);
                    return l;
                });
        Conversation c = new Conversation(Conversation.Transport.UDP, "10.0.0.1", 40000, "10.0.0.2", 21, 0);
        StreamSession s = new StreamSession(c, new StreamSelector(List.of(p)), env, counters, 64);
        send(s, Direction.CLIENT_TO_SERVER, "HELLO\n");
        send(s, Direction.SERVER_TO_CLIENT, "220 ready\nPART");
        send(s, Direction.SERVER_TO_CLIENT, "IAL\n");
        s.end(EndReason.IDLE);
        // the client's datagram before the decision is not replayed; "PART" is not joined to the next datagram
        assertThat(parsers.get(0).lines).containsExactly("S 220 ready", "S IAL");
    }

    @Test
    void aThrowingParserIsDroppedAndCounted() {
        StreamProtocol bad = new StreamProtocol("bad", Set.of(RecordType.HTTP), Set.of(Conversation.Transport.TCP),
                new int[] {1}, (c, cl, sv, sl) -> Verdict.MATCH, (c, e) -> new StreamParser() {
                    @Override
                    public int parse(Direction d, byte[] b, int off, int len, long tsNanos) {
                        throw new ArrayIndexOutOfBoundsException("boom");
                    }

                    @Override
                    public void end(EndReason reason, long uc, long us) {
                        throw new AssertionError("a dropped parser is not ended");
                    }
                });
        StreamSession s = session(1, bad);
        send(s, Direction.CLIENT_TO_SERVER, "x");
        send(s, Direction.CLIENT_TO_SERVER, "y");
        s.end(EndReason.FIN);
        assertThat(errors).containsExactly("DECODER_FAILURE_bad");
        // what errors.log shows: the exception and where it was thrown
        assertThat(reasons).singleElement().asString()
                .startsWith("bad decoder failed: java.lang.ArrayIndexOutOfBoundsException: boom at StreamSessionTest.java:");
        assertThat(counters.parserFailures()).isEqualTo(1);
    }

    @Test
    void aParserClaimingMoreThanOfferedIsAFailure() {
        StreamProtocol liar = new StreamProtocol("liar", Set.of(RecordType.HTTP), Set.of(Conversation.Transport.TCP),
                new int[] {1}, (c, cl, sv, sl) -> Verdict.MATCH, (c, e) -> new StreamParser() {
                    @Override
                    public int parse(Direction d, byte[] b, int off, int len, long tsNanos) {
                        return len + 1;
                    }

                    @Override
                    public void end(EndReason reason, long uc, long us) {}
                });
        StreamSession s = session(1, liar);
        send(s, Direction.CLIENT_TO_SERVER, "x");
        assertThat(errors).containsExactly("DECODER_FAILURE_liar");
    }
}
