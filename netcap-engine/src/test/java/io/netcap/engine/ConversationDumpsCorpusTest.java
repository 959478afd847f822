package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.engine.config.StreamConfig;
import io.netcap.testing.Corpus;
import io.netcap.testing.Tshark;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -conns}: a conversation's dump, split at its colour codes (red client, blue server), holds exactly the
 * bytes TShark's follow gives for each direction, under {@code tcp/<service or ascii or unknown>/<flow>.bin}.
 */
class ConversationDumpsCorpusTest {
    private static final byte ESC = 0x1b;

    @TempDir
    Path tmp;

    @Test
    void dumpsHoldTheBytesOfEachDirection() throws Exception {
        Path pcap = Corpus.pcaps().resolve("chrissanders-packets__http_google.pcapng");
        Tshark.require();
        Path out = tmp.resolve("out");
        Runs.capture(TestConfig.of(pcap, out).streams(StreamConfig.defaults().withConns(true)));
        List<Path> dumps;
        try (Stream<Path> s = Files.walk(out.resolve("tcp"))) {
            dumps = s.filter(Files::isRegularFile).toList();
        }
        assertThat(dumps).hasSize(1);
        Path dump = dumps.get(0);
        assertThat(dump.getFileName().toString()).isEqualTo("172.16.16.128-1606--74.125.95.104-80.bin");
        assertThat(dump.getParent().getFileName().toString()).isIn(Set.of("ascii", "http", "www"));

        ByteArrayOutputStream client = new ByteArrayOutputStream();
        ByteArrayOutputStream server = new ByteArrayOutputStream();
        byte[] b = Files.readAllBytes(dump);
        ByteArrayOutputStream to = null;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == ESC && i + 3 < b.length && b[i + 1] == '[') {
                if (b[i + 2] == '0' && b[i + 3] == 'm') {
                    to = null;
                    i += 3;
                    continue;
                }
                if (b[i + 2] == '3' && i + 4 < b.length && b[i + 4] == 'm') {
                    to = b[i + 3] == '1' ? client : b[i + 3] == '4' ? server : null;
                    i += 4;
                    continue;
                }
            }
            assertThat(to).as("a byte outside a coloured run at %d", i).isNotNull();
            to.write(b[i]);
        }
        ReassemblyFollowCorpusTest.Followed f = ReassemblyFollowCorpusTest.follow(pcap, Set.of(0)).get(0);
        assertThat(client.toByteArray()).isEqualTo(f.data0());
        assertThat(server.toByteArray()).isEqualTo(f.data1());
    }
}
