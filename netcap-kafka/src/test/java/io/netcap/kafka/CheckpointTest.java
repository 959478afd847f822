package io.netcap.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector's checkpoint file: written and read back, and a changed file refused with its line. */
class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void writtenCheckpointReadsBack() throws IOException {
        Checkpoint c = new Checkpoint();
        c.files.put(Checkpoint.key("s1", "TCP"), new Checkpoint.FileState("s1", "TCP", "s1/TCP.ncap.gz", 1234));
        c.files.put(Checkpoint.key("s1", "DNS"), new Checkpoint.FileState("s1", "DNS", "s1/DNS.1.ncap.gz", 0));
        c.offsets.put(new TopicPartition("netcap.TCP", 2), 99L);
        c.write(dir);
        Checkpoint back = Checkpoint.read(dir);
        assertThat(back.files).isEqualTo(c.files);
        assertThat(back.offsets).isEqualTo(c.offsets);
        assertThat(Files.exists(dir.resolve(Checkpoint.NAME + ".new"))).isFalse();
    }

    @Test
    void noCheckpointIsAnEmptyOne() throws IOException {
        assertThat(Checkpoint.read(dir).files).isEmpty();
    }

    @Test
    void pathsOutsideTheDirectoryAndBrokenLinesAreRefused() throws IOException {
        for (String line : new String[] {"file 10 s1 TCP ../../etc/TCP.ncap.gz", "file 10 s1 TCP s2/TCP.ncap.gz",
                "file 10 .. TCP ../TCP.ncap.gz", "file 10 s1 Nope s1/Nope.ncap.gz", "file -1 s1 TCP s1/TCP.ncap.gz",
                "file x s1 TCP s1/TCP.ncap.gz", "offset 1 x", "offset 99999999999999999999 0 t", ""}) {
            Files.writeString(dir.resolve(Checkpoint.NAME), "netcap-kafka-checkpoint 1\n" + line + "\n");
            assertThatThrownBy(() -> Checkpoint.read(dir)).as(line).isInstanceOf(IOException.class)
                    .hasMessageContaining("line 2");
        }
        Files.writeString(dir.resolve(Checkpoint.NAME), "something else\n");
        assertThatThrownBy(() -> Checkpoint.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a collector checkpoint");
    }
}
