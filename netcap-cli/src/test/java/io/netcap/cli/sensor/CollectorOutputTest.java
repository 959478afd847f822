package io.netcap.cli.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector's output is checked before it listens: a batch it cannot write would be lost. */
class CollectorOutputTest {
    @TempDir
    Path tmp;

    @Test
    void anOutputThatIsAFileFailsBeforeListeningAndAMissingOneIsMade() throws IOException {
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        assertThatThrownBy(() -> new Collector(any, new byte[32], file, null, new PrintStream(java.io.OutputStream.nullOutputStream())))
                .isInstanceOf(IOException.class).hasMessage(file + ": not a directory");
        Path fresh = tmp.resolve("a/b");
        try (Collector c = new Collector(any, new byte[32], fresh, null, new PrintStream(java.io.OutputStream.nullOutputStream()))) {
            assertThat(fresh).isDirectory();
            assertThat(c.unwritten()).isEmpty();
        }
    }
}
