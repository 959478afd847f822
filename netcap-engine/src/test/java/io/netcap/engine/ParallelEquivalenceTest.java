package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** N workers and one worker give the same multiset of records (ARCHITECTURE.md, The pipeline). */
class ParallelEquivalenceTest {
    @TempDir
    Path tmp;

    @Test
    void sameRecordsWithOneAndThreeWorkers() throws Exception {
        List<Path> captures = Corpus.captures();
        int compared = 0;
        for (Path pcap : captures) {
            String name = pcap.getFileName().toString();
            Path one = tmp.resolve(name + "-1");
            Path three = tmp.resolve(name + "-3");
            Runs.Result r1 = Runs.capture(java.util.Map.of(), "-read", pcap.toString(), "-out", one.toString(),
                    "-quiet", "-workers", "1");
            if (r1.exit() != 0) {
                continue; // an input the sources reject (unsupported link type, not a capture)
            }
            Runs.capture(pcap, three, "-workers", "3");
            assertThat(Runs.multiset(three)).as(name).isEqualTo(Runs.multiset(one));
            assertThat(Files.readString(three.resolve("summary.json")))
                    .contains("\"packets\": " + packets(one));
            compared++;
        }
        assertThat(compared).isGreaterThan(captures.size() / 2);
    }

    private static long packets(Path dir) throws Exception {
        String json = Files.readString(dir.resolve("summary.json"));
        int i = json.indexOf("\"packets\": ") + 11;
        return Long.parseLong(json.substring(i, json.indexOf(',', i)));
    }
}
