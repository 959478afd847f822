package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.Protocols;
import io.netcap.decoder.flow.PacketFacts;
import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.StreamParser;
import io.netcap.decoder.stream.StreamProbe;
import io.netcap.decoder.stream.StreamProtocol;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.engine.config.StreamConfig;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.LayerParser;
import io.netcap.packet.layer.Layers;
import io.netcap.testing.Corpus;
import io.netcap.testing.Tshark;
import io.netcap.types.RecordType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The bytes the stream layer delivers per TCP direction equal TShark's {@code -z follow,tcp,raw,N} for every
 * TCP stream of the corpus, or differ in a way the layer counted (a gap, data after the close, conflicting
 * fragments).
 */
class ReassemblyFollowCorpusTest {

    /** One reassembled conversation, recorded by a stream decoder that takes every TCP conversation. */
    static final class Recorded implements StreamParser {
        final Conversation conversation;
        final ByteArrayOutputStream client = new ByteArrayOutputStream();
        final ByteArrayOutputStream server = new ByteArrayOutputStream();
        boolean matched;

        Recorded(Conversation c) {
            conversation = c;
        }

        @Override
        public int parse(Direction d, byte[] b, int off, int len, long tsNanos) {
            (d == Direction.CLIENT_TO_SERVER ? client : server).write(b, off, len);
            return len;
        }

        @Override
        public void end(EndReason reason, long unconsumedClient, long unconsumedServer) {}
    }

    record Result(List<Recorded> conversations, Map<String, Long> stats) {}

    /** The stream layer as a worker runs it, over all packets of a capture. */
    static Result reassemble(Path capture) throws IOException {
        return reassemble(capture, StreamConfig.defaults());
    }

    /** As {@link #reassemble(Path)}, with the settings {@code config}. */
    static Result reassemble(Path capture, StreamConfig config) throws IOException {
        List<Recorded> out = new ArrayList<>();
        StreamProtocol record = new StreamProtocol("record", Set.of(RecordType.TCP), Set.of(Conversation.Transport.TCP),
                new int[0], (c, cl, s, sl) -> StreamProbe.Verdict.MATCH, (c, env) -> {
                    Recorded r = new Recorded(c);
                    out.add(r);
                    return r;
                });
        StreamLayer layer = new StreamLayer(config, List.of(record), true, 0, 1, (t, m) -> { },
                FileExtraction.OFF, null, (kind, c, message) -> { }, (w, p) -> { throw new AssertionError("one worker"); },
                io.netcap.decoder.stream.StreamShared.standalone());
        LayerParser parser = new LayerParser(Protocols.routes(), false);
        PacketFacts facts = new PacketFacts();
        for (Packet p : Corpus.packets(capture)) {
            Layers l = parser.parse(p);
            layer.handle(l, facts.fill(l));
        }
        layer.finish();
        return new Result(out, layer.stats());
    }

    /** One stream of TShark's follow output: its endpoints and the bytes of each node. */
    record Followed(int stream, String node0, String node1, byte[] data0, byte[] data1) {}

    static List<Followed> follow(Path capture, Set<Integer> streams) {
        return Tshark.follow(capture, streams).stream()
                .map(f -> new Followed(f.stream(), f.node0(), f.node1(), f.data0(), f.data1())).toList();
    }

    /** The tcp.stream numbers of a capture in the corpus truth. */
    static Set<Integer> streams(Path capture) throws IOException {
        Path truth = Corpus.truth().resolve(capture.getFileName() + ".fields.tsv");
        Set<Integer> s = new TreeSet<>();
        if (!Files.exists(truth)) {
            return s;
        }
        List<String> lines = Files.readAllLines(truth);
        int col = List.of(lines.get(0).split("\t", -1)).indexOf("tcp.stream");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (col >= 0 && f.length > col && !f[col].isEmpty()) {
                s.add(Integer.parseInt(f[col].split(",")[0]));
            }
        }
        return s;
    }

    /** TShark writes an IPv6 endpoint as [addr]:port; the flow identifier leaves it unbracketed. */
    static String endpoint(String tshark) {
        return tshark.replace("[", "").replace("]", "");
    }

    @Test
    void deliveredBytesEqualTsharkFollow() throws IOException {
        Corpus.require();
        Tshark.require();
        int streamsCompared = 0;
        int equal = 0;
        List<String> differences = new ArrayList<>();
        Map<Path, Set<Integer>> wanted = new LinkedHashMap<>();
        for (Path capture : Corpus.captures()) {
            Set<Integer> streams = streams(capture);
            if (!streams.isEmpty()) {
                wanted.put(capture, streams);
            }
        }
        Map<Path, List<Followed>> followed = Tshark.each(wanted.keySet(), c -> follow(c, wanted.get(c)));
        for (Path capture : wanted.keySet()) {
            Result result = reassemble(capture);
            List<Recorded> ours = result.conversations();
            for (Followed f : followed.get(capture)) {
                if (f.data0().length == 0 && f.data1().length == 0) {
                    continue; // no payload: no conversation reaches the stream decoders
                }
                streamsCompared++;
                String ident = endpoint(f.node0()) + "->" + endpoint(f.node1());
                String reversed = endpoint(f.node1()) + "->" + endpoint(f.node0());
                Recorded r = ours.stream().filter(x -> !x.matched && x.conversation.ident().equals(ident))
                        .findFirst().orElse(null);
                // TShark's node 0 sent the first packet; here a first SYN+ACK's sender is the server
                boolean swapped = r == null;
                if (swapped) {
                    r = ours.stream().filter(x -> !x.matched && x.conversation.ident().equals(reversed))
                            .findFirst().orElse(null);
                }
                String name = capture.getFileName() + " stream " + f.stream() + " " + ident;
                if (r == null) {
                    differences.add(name + ": not reassembled");
                    continue;
                }
                r.matched = true;
                byte[] client = swapped ? f.data1() : f.data0();
                byte[] server = swapped ? f.data0() : f.data1();
                boolean c = check(name + " client", client, r.client.toByteArray(),
                        r.conversation.missed(Direction.CLIENT_TO_SERVER), result.stats(), differences);
                boolean s = check(name + " server", server, r.server.toByteArray(),
                        r.conversation.missed(Direction.SERVER_TO_CLIENT), result.stats(), differences);
                if (c && s) {
                    equal++;
                }
            }
        }
        System.out.printf("reassembly vs tshark follow: %d streams, %d byte-identical, %d differ%n%s%n",
                streamsCompared, equal, streamsCompared - equal, String.join("\n", differences));
        assertThat(streamsCompared).isGreaterThan(50);
        assertThat(differences).allMatch(d -> d.contains("explained: "), "every difference is explained by a counter");
    }

    /**
     * True when equal; otherwise records the difference with its explanation, if the stream layer counted one:
     * a gap in that direction at least as large as the difference; bytes after the connection closed at
     * FIN/RST (TShark's follow ignores the close); overlapping IPv4 fragments with different data (first copy
     * wins here, TShark keeps the later one).
     */
    private static boolean check(String name, byte[] expected, byte[] actual, long missed,
                                 Map<String, Long> stats, List<String> differences) {
        if (java.util.Arrays.equals(expected, actual)) {
            return true;
        }
        long diff = Math.abs((long) expected.length - actual.length);
        String why;
        if (missed > 0 && diff <= missed) {
            why = "explained: counted gap " + missed;
        } else if (actual.length < expected.length && stats.getOrDefault("bytes_after_close", 0L) > 0) {
            why = "explained: counted bytes after close " + stats.get("bytes_after_close") + ", gap " + missed;
        } else if (diff == 0 && stats.getOrDefault("ip4_conflicting_fragments", 0L) > 0) {
            why = "explained: counted conflicting fragments " + stats.get("ip4_conflicting_fragments");
        } else {
            why = "UNEXPLAINED (gap " + missed + ")";
        }
        differences.add(name + ": tshark " + expected.length + " bytes, ours " + actual.length + ", " + why);
        return false;
    }
}
