package io.netcap.decoder.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.packet.Packet;
import io.netcap.testing.Corpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine's one-flow-one-worker guarantee on every corpus packet: the reader's shard key, taken from the
 * address headers without the parser, agrees with the parsed layers — every packet of one Connection key
 * (derived from the full parse), both directions, gets the same shard key, so one worker holds the whole
 * connection.
 */
class ShardKeyCorpusTest {
    @Test
    void everyPacketOfAConnectionHasItsShardKey() throws IOException {
        long packets = 0;
        long bothWays = 0;
        for (Path capture : Corpus.captures()) {
            Map<String, Integer> shard = new HashMap<>();
            Map<String, Set<String>> senders = new HashMap<>();
            PacketFacts f = new PacketFacts();
            int number = 0;
            for (Packet p : Corpus.packets(capture)) {
                number++;
                Facts.fill(f, p);
                String key = f.connectionKey();
                int shardKey = ShardKey.of(p);
                Integer first = shard.putIfAbsent(key, shardKey);
                assertThat(shardKey).as("%s packet %d, key %s", capture.getFileName(), number, key)
                        .isEqualTo(first == null ? shardKey : first);
                senders.computeIfAbsent(key, k -> new HashSet<>())
                        .add(java.util.HexFormat.of().formatHex(f.srcIp, 0, f.ipLength) + ":" + f.srcPort);
                packets++;
            }
            bothWays += senders.values().stream().filter(s -> s.size() == 2).count();
        }
        assertThat(packets).isGreaterThan(5_000);
        assertThat(bothWays).as("connections seen from both sides").isGreaterThan(100);
    }
}
