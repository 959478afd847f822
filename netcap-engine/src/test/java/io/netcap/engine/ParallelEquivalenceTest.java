package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** N workers and one worker give the same multiset of records (docs/engine.md, "Pipeline"). */
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
            try {
                Runs.capture(TestConfig.of(pcap, one).workers(1));
            } catch (IOException | RuntimeException e) {
                continue; // an input the sources reject (unsupported link type, not a capture)
            }
            Runs.capture(TestConfig.of(pcap, three).workers(3));
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
