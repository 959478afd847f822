package io.netcap.decoder.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The original's domain-whitelist.csv: rank,domain lines; a name is on it by its last two labels. */
class DomainAllowListTest {
    @Test
    void namesAreOnTheListByTheirLastTwoLabels(@TempDir Path dbs) throws Exception {
        Files.writeString(dbs.resolve(DomainAllowList.FILE),
                "# rank,domain\n*,wildcard.example\n1,google.com\n\n2,Example.ORG\n3,a,b\nnot-a-pair\n4,localhost\n");
        List<String> log = new ArrayList<>();
        DomainAllowList list = DomainAllowList.load(dbs, log::add);
        assertThat(log).containsExactly("domain allow list: 3 domains from " + dbs.resolve(DomainAllowList.FILE)
                + " (2 malformed or over the cap, skipped)");
        assertThat(list.contains("google.com")).isTrue();
        assertThat(list.contains("www.google.com")).isTrue();
        assertThat(list.contains("a.b.c.google.com:8080")).as("a port after the host").isTrue();
        assertThat(list.contains("WWW.example.org")).isTrue();
        assertThat(list.contains("localhost")).isTrue();
        assertThat(list.contains("google.com.evil.net")).isFalse();
        assertThat(list.contains("wildcard.example")).as("a line starting with * is skipped").isFalse();
        assertThat(list.contains("")).isFalse();
    }

    @Test
    void withoutTheFileThereIsNoList(@TempDir Path dbs) throws Exception {
        List<String> log = new ArrayList<>();
        assertThat(DomainAllowList.load(dbs, log::add)).isNull();
        assertThat(log).singleElement().asString().contains("no " + dbs.resolve(DomainAllowList.FILE));
    }
}
