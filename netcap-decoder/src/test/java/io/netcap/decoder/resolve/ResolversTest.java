package io.netcap.decoder.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading for a capture: one line per missing database, never a failure; the local hosts file. */
class ResolversTest {
    @Test
    void missingDirectoryIsOneLine(@TempDir Path root) throws Exception {
        List<String> log = new ArrayList<>();
        ResolverConfig c = new ResolverConfig(root.resolve("dbs"), true, true, true, true, false, false, false);
        try (Resolvers r = Resolvers.open(c, log::add)) {
            assertThat(r.manufacturer(0x001122334455L)).isEmpty();
            assertThat(r.geolocation(new byte[4], "0.0.0.0")).isEmpty();
        }
        assertThat(log).hasSize(1).allMatch(l -> l.startsWith("resolvers: no database directory " + root.resolve("dbs")));
    }

    @Test
    void allOffOpensNothing(@TempDir Path root) throws Exception {
        List<String> log = new ArrayList<>();
        Resolvers.open(new ResolverConfig(root, false, false, false, false, false, false, false), log::add).close();
        assertThat(log).isEmpty();
    }

    @Test
    void hostsFileIsReadWhenPresentEvenWithoutTheFlag(@TempDir Path dbs) throws Exception {
        Files.writeString(dbs.resolve(LocalHosts.FILE), "# names\n192.168.1.1\trouter.lan\n10.0.0.1 spaces-not-tabs\n10.0.0.2\ta\tb\n");
        List<String> log = new ArrayList<>();
        try (Resolvers r = Resolvers.open(new ResolverConfig(dbs, true, false, false, false, false, false, false), log::add)) {
            assertThat(r.localName("192.168.1.1")).isEqualTo("router.lan");
            assertThat(r.localName("10.0.0.1")).isEmpty();
            assertThat(r.localName("10.0.0.2")).isEmpty();
        }
        assertThat(log).contains("local DNS: 1 names from " + dbs.resolve(LocalHosts.FILE) + " (2 malformed or over the cap, skipped)");
    }
}
