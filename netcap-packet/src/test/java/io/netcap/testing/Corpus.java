package io.netcap.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netcap.packet.Packet;
import io.netcap.packet.source.PacketSource;
import io.netcap.packet.source.PacketSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared capture corpus ({@code ../shared/corpus}: captures, Wireshark truth) beside the checkout.
 * Tests that need it call {@link #require()}, which skips the test with a printed reason when the
 * corpus is absent, so a fresh clone without it still runs everything else.
 */
public final class Corpus {
    private Corpus() {}

    /** The corpus root, or null when absent. Set by the build as system property {@code netcap.shared}. */
    public static Path root() {
        String shared = System.getProperty("netcap.shared", "../shared");
        Path corpus = Path.of(shared, "corpus").toAbsolutePath().normalize();
        return Files.isDirectory(corpus.resolve("pcaps")) ? corpus : null;
    }

    /** The corpus root; skips the calling test (with a message on stderr) when it is absent. */
    public static Path require() {
        Path root = root();
        if (root == null) {
            System.err.println("SKIPPED: shared corpus not found (../shared/corpus); corpus tests do not run");
        }
        assumeTrue(root != null, "shared corpus not found (../shared/corpus)");
        return root;
    }

    public static Path pcaps() {
        return require().resolve("pcaps");
    }

    public static Path truth() {
        return require().resolve("truth");
    }

    /** All captures of the corpus, sorted by name. */
    public static List<Path> captures() {
        try (Stream<Path> s = Files.list(pcaps())) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All packets of a capture, copied (the source may reuse its buffer); stops quietly at a damaged tail. */
    public static List<Packet> packets(Path capture) throws IOException {
        List<Packet> out = new ArrayList<>();
        try (PacketSource s = PacketSources.open(capture)) {
            while (true) {
                Packet p;
                try {
                    p = s.next();
                } catch (IOException e) {
                    break;
                }
                if (p == null) {
                    break;
                }
                out.add(p.copy());
            }
        }
        return out;
    }
}
