package io.netcap.decoder.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The original's JA3 and JA4 database formats, its merging of descriptions, and damaged files. */
class Ja3DescriptionsTest {
    @Test
    void linesArraysAndMerging(@TempDir Path dbs) throws Exception {
        Files.writeString(dbs.resolve("ja3fingerprint.json"), """
                # trisul's list: one object per line
                {"desc":"Firefox 60","ja3_hash":"aaa"}
                {"desc":"curl","ja3_hash":"bbb"}
                {"desc":"Firefox","ja3_hash":"aaa"}
                {"desc":"broken",
                """);
        Files.writeString(dbs.resolve("ja3erDB.json"), """
                [{"desc":"Tor","ja3_hash":"aaa"},{"desc":"curl","ja3_hash":"bbb"},{"desc":"Go","ja3_hash":"ccc"}]
                """);
        Files.writeString(dbs.resolve("ja3UserAgents.json"), "[{\"User-Agent\":\"skipped\",\"md5\":\"ddd\"}]");
        Files.writeString(dbs.resolve(Ja3Descriptions.JA4), """
                [{"application":"Chrome","os":"Windows","ja4_fingerprint":"t13d1516h2_x","verified":true},
                 {"application":"Chromium","ja4_fingerprint":"t13d1516h2_x","notes":"n"},
                 {"library":"OpenSSL","device":"Router","ja4s_fingerprint":"t130200_y","observation_count":3},
                 {"application":"cut off"
                """);
        List<String> log = new ArrayList<>();
        Ja3Descriptions d = Ja3Descriptions.load(dbs, log::add);
        // ja3erDB.json sorts before ja3fingerprint.json, as the original's directory listing does
        assertThat(d.ja3("aaa")).isEqualTo("Tor; Firefox 60");
        assertThat(d.ja3("bbb")).isEqualTo("curl");
        assertThat(d.ja3("ccc")).isEqualTo("Go");
        assertThat(d.ja3("ddd")).isEmpty();
        assertThat(d.ja4("t13d1516h2_x")).isEqualTo("Chrome / Windows [verified] (Chromium (n))");
        assertThat(d.ja4s("t130200_y")).isEqualTo("OpenSSL / Router");
        assertThat(d.bad).isEqualTo(2);
        assertThat(log).hasSize(1);
    }

    @Test
    void noDatabaseIsOneLine(@TempDir Path dbs) throws Exception {
        List<String> log = new ArrayList<>();
        assertThat(Ja3Descriptions.load(dbs.resolve("missing"), log::add)).isNull();
        assertThat(log).hasSize(1);
    }
}
