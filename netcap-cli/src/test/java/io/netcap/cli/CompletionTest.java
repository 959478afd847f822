package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tab completion through {@code net -previous= -current= -full=} (docs/cli.md, "Tab completion"). */
class CompletionTest {
    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        for (String f : List.of("a.pcap", "b.pcapng", "c.cap", "notes.txt", "TCP.ncap.gz", "net.capture.conf",
                ".hidden.pcap", "sub/d.pcap", "with space/e.pcap")) {
            Files.createDirectories(dir.resolve(f).getParent());
            Files.writeString(dir.resolve(f), "");
        }
    }

    /** What the completion function is given when the line is {@code line}, the last word being typed. */
    private List<String> complete(String line) {
        List<String> words = List.of(line.split(" ", -1));
        String current = words.getLast();
        String previous = words.get(words.size() - 2);
        return Completion.candidates(new String[] {"-previous=" + previous, "-current=" + current,
                "-full=\"" + line + "\""}, dir);
    }

    @Test
    void afterNetTheTools() {
        assertThat(complete("net ")).containsExactly("help", "capture", "dump", "util", "label", "export", "collect",
                "agent", "proxy", "transform", "version");
        assertThat(complete("./net ca")).contains("capture");
        assertThat(complete("net transform ")).contains("toAuditRecords", "toDevices", "toHTTPHosts")
                .hasSameSizeAs(io.netcap.cli.maltego.Transforms.all());
        assertThat(complete("net transform toDevices ")).isEmpty();
    }

    @Test
    void theFlagsOfTheToolNotYetOnTheLine() {
        List<String> capture = complete("net capture -quiet -r x.pcap -");
        assertThat(capture).contains("-out", "-include", "-bpf", "-fileStorage", "-config", "-buf", "-hexdump")
                .doesNotContain("-quiet", "-read", "-r", "-membuf-size") // -membuf-size: not available, so not offered
                .doesNotHaveDuplicates();
        assertThat(complete("net dump -read TCP.ncap.gz -")).contains("-csv", "-json", "-select")
                .doesNotContain("-read", "--csv");
        assertThat(complete("net label -")).contains("-read", "-r", "-fast-log", "-eve");
    }

    @Test
    void aFlagThatReadsFilesGetsTheFilesItReadsAndTheDirectories() {
        assertThat(complete("net capture -read "))
                .containsExactly("a.pcap", "b.pcapng", "c.cap", "sub/", "with space/");
        assertThat(complete("net capture -r sub/")).containsExactly("sub/d.pcap");
        assertThat(complete("net capture -read .")).contains(".hidden.pcap");
        assertThat(complete("net dump -read ")).containsExactly("TCP.ncap.gz", "sub/", "with space/");
        assertThat(complete("net capture -config ")).containsExactly("net.capture.conf", "sub/", "with space/");
        assertThat(complete("net capture -out ")).containsExactly("sub/", "with space/");
        assertThat(complete("net capture -read nowhere/")).isEmpty();
        // a capture named without a flag is read, so capture offers captures beside its flags
        assertThat(complete("net capture ")).contains("a.pcap", "-read").doesNotContain("notes.txt");
    }

    @Test
    void recordTypesInterfacesOrNothingForOtherValues() {
        assertThat(complete("net capture -include TCP,HT")).contains("TCP,HTTP", "TCP,DNS")
                .allMatch(w -> w.startsWith("TCP,"));
        assertThat(complete("net capture -exclude ")).contains("Ethernet", "TLSClientHello");
        assertThat(complete("net capture -workers ")).isEmpty();
        assertThat(complete("net dump -sep ")).isEmpty();
        assertThat(complete("net util -mkpacket ")).containsExactly("tcp", "udp");
        assertThat(complete("net dump -read out/TCP.ncap.gz -csv -select SrcPort,"))
                .contains("SrcPort,DstPort", "SrcPort,Window").allMatch(w -> w.startsWith("SrcPort,"));
        assertThat(complete("net dump -read notes.txt -select ")).isEmpty();
        // NC_VRRPv2's file is VRRP.ncap.gz (records.tsv: VRRPv2 has VirtualRtrID and Priority)
        assertThat(complete("net dump -read VRRP.ncap.gz -select ")).contains("VirtualRtrID", "Priority");
        if (Files.isDirectory(Path.of("/sys/class/net"))) {
            assertThat(complete("net capture -iface ")).contains("lo");
        }
    }

    @Test
    void anUnknownToolOffersNothing() {
        assertThat(complete("net nosuch -")).isEmpty();
        assertThat(complete("net help ")).contains("capture", "dump").doesNotContain("help");
        assertThat(complete("net help dump ")).isEmpty();
    }

    @Test
    void onlyTheCompletionFunctionsArgumentsAskForIt() {
        assertThat(Completion.asked(new String[] {"-previous=net", "-current=", "-full=net "})).isTrue();
        assertThat(Completion.asked(new String[] {"-previous=net", "capture"})).isFalse();
        assertThat(Completion.asked(new String[0])).isFalse();
    }
}
