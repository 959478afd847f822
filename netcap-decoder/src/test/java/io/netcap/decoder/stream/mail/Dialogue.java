package io.netcap.decoder.stream.mail;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.StreamFeeder;
import io.netcap.decoder.stream.StreamParser;
import io.netcap.decoder.stream.StreamProbe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** A hand-built conversation of a line protocol, replayed through a parser in pieces of any size. */
final class Dialogue {
    /** One delivery; {@code ts} is its capture time, kept when the steps are reordered. */
    record Step(Direction d, byte[] bytes, long ts) {}

    final List<Step> steps = new ArrayList<>();

    private long next() {
        return 1_000_000_000L + 1000L * (steps.size() + 1);
    }

    Dialogue c(String s) {
        steps.add(new Step(Direction.CLIENT_TO_SERVER, s.getBytes(StandardCharsets.ISO_8859_1), next()));
        return this;
    }

    Dialogue s(String s) {
        steps.add(new Step(Direction.SERVER_TO_CLIENT, s.getBytes(StandardCharsets.ISO_8859_1), next()));
        return this;
    }

    Dialogue c(byte[] b) {
        steps.add(new Step(Direction.CLIENT_TO_SERVER, b, next()));
        return this;
    }

    /** Runs the steps in order, each cut into pieces of at most {@code piece} bytes (0: whole). */
    MailEnv run(int port, BiFunction<Conversation, MailEnv, StreamParser> parser, int piece) {
        return run(port, parser, piece, false);
    }

    /**
     * @param clientFirst deliver all client bytes before all server bytes, as the stream framework replays the
     *                    bytes its probes saw
     */
    MailEnv run(int port, BiFunction<Conversation, MailEnv, StreamParser> parser, int piece, boolean clientFirst) {
        MailEnv env = new MailEnv();
        Conversation conv = new Conversation(Conversation.Transport.TCP, "10.0.0.1", 40000, "10.0.0.2", port,
                1_000_000_000L);
        StreamFeeder feed = new StreamFeeder(conv, parser.apply(conv, env));
        List<Step> order = new ArrayList<>(steps);
        if (clientFirst) {
            order.sort((a, b) -> a.d().compareTo(b.d()));
        }
        for (Step st : order) {
            int n = piece == 0 ? Math.max(1, st.bytes().length) : piece;
            for (int i = 0; i < st.bytes().length; i += n) {
                feed.offer(st.d(), st.bytes(), i, Math.min(n, st.bytes().length - i), st.ts());
            }
        }
        feed.end(EndReason.FIN);
        return env;
    }

    /**
     * Runs the steps whole, in pieces of every size up to {@code maxPiece} (asserting the same records as whole)
     * and client-first.
     *
     * @return the whole run and the client-first run
     */
    MailEnv[] splits(int port, BiFunction<Conversation, MailEnv, StreamParser> parser, int maxPiece) {
        MailEnv whole = run(port, parser, 0);
        for (int piece = 1; piece <= maxPiece; piece++) {
            org.assertj.core.api.Assertions.assertThat(run(port, parser, piece).records).as("pieces of " + piece)
                    .isEqualTo(whole.records);
        }
        return new MailEnv[] {whole, run(port, parser, 0, true)};
    }

    static StreamProbe.Verdict probe(StreamProbe probe, String client, String server) {
        byte[] c = client.getBytes(StandardCharsets.ISO_8859_1);
        byte[] s = server.getBytes(StandardCharsets.ISO_8859_1);
        return probe.test(c, c.length, s, s.length);
    }
}
