package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.testing.Corpus;
import io.netcap.testing.Tshark;
import io.netcap.types.RecordType;
import io.netcap.types.SSH;
import io.netcap.types.Software;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SSH records of the corpus's SSH captures against TShark run now: the client's HASSH is TShark's
 * {@code ssh.kex.hassh}, the server's HASSHServer extension its {@code ssh.kex.hasshserver}, the server's HASSH
 * (the original's, over the server's client-to-server lists) the MD5 of TShark's fields of those lists, and the
 * identification lines are TShark's {@code ssh.protocol}. One capture carries its SSH inside a Geneve tunnel;
 * nDPI's has a second conversation on port 8000, which our probe finds by its content and TShark reads when
 * told ({@code -d tcp.port==8000,ssh}).
 */
class SshCorpusTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "suricata-verify__ssh-hassh_input.pcap|tcp.port==22,ssh",
        "ndpi__ssh.pcap|tcp.port==8000,ssh",
        "tcpdump__geneve.pcap|tcp.port==22,ssh",
        "zeek__var-services-std-ports.pcap|tcp.port==22,ssh",
    })
    void hasshAndIdentsEqualTshark(String capture, String decodeAs) throws Exception {
        Path pcap = Corpus.pcaps().resolve(capture);
        Tshark.require();
        List<String> clientHassh = lines(pcap, decodeAs, "ssh.kex.hassh", "ssh.kex.hassh");
        List<String> hasshServer = lines(pcap, decodeAs, "ssh.kex.hasshserver", "ssh.kex.hasshserver");
        List<String> idents = lines(pcap, decodeAs, "ssh.protocol", "ssh.protocol");
        List<String> serverHassh = new ArrayList<>();
        for (String line : lines(pcap, decodeAs, "ssh.kex.hasshserver", "ssh.kex_algorithms",
                "ssh.encryption_algorithms_client_to_server", "ssh.mac_algorithms_client_to_server",
                "ssh.compression_algorithms_client_to_server")) {
            serverHassh.add(md5(line.replace('\t', ';')));
        }

        Path out = tmp.resolve("out");
        Runs.capture(TestConfig.of(pcap, out).include(RecordType.SSH, RecordType.Software));
        List<SSH> ssh = Runs.records(out).getOrDefault(RecordType.SSH, List.of()).stream().map(SSH.class::cast)
                .toList();
        assertThat(clientHassh).as("TShark's client KEXINITs").isNotEmpty();
        assertThat(ssh.stream().filter(SSH::getIsClient).map(SSH::getHASSH).toList())
                .containsExactlyInAnyOrderElementsOf(clientHassh);
        assertThat(ssh.stream().filter(r -> !r.getIsClient()).map(SSH::getHASSHServer).toList())
                .containsExactlyInAnyOrderElementsOf(hasshServer);
        assertThat(ssh.stream().filter(r -> !r.getIsClient()).map(SSH::getHASSH).toList())
                .containsExactlyInAnyOrderElementsOf(serverHassh);
        assertThat(ssh.stream().map(SSH::getIdent).toList()).containsExactlyInAnyOrderElementsOf(idents);
    }

    @org.junit.jupiter.api.Test
    void identificationLinesGiveSoftware() throws Exception {
        Path pcap = Corpus.pcaps().resolve("zeek__var-services-std-ports.pcap");
        Path out = tmp.resolve("sw");
        Runs.capture(TestConfig.of(pcap, out).include(RecordType.Software));
        List<Message> sw = Runs.records(out).getOrDefault(RecordType.Software, List.of());
        // TShark's ssh.protocol of this capture: OpenSSH_5.8p1 Debian-1ubuntu3 (twice), OpenSSH_5.2, OpenSSH_4.3
        assertThat(sw.stream().map(Software.class::cast)
                .filter(s -> s.getService().equals("SSH"))
                .map(s -> s.getProduct() + " " + s.getVersion() + " " + s.getNotes()).toList())
                .containsExactlyInAnyOrder("OpenSSH 5.8p1 SSH version: SSH-2.0 OS: Debian",
                        "OpenSSH 5.2 SSH version: SSH-2.0 OS: ", "OpenSSH 4.3 SSH version: SSH-2.0 OS: ");
    }

    /** The fields (tab-separated) of the packets TShark's filter selects, one line per packet. */
    private static List<String> lines(Path pcap, String decodeAs, String filter, String... fields) {
        List<String> args = new ArrayList<>(List.of("-r", pcap.toString(), "-d", decodeAs, "-Y", filter, "-T", "fields"));
        for (String f : fields) {
            args.add("-e");
            args.add(f);
        }
        List<String> out = new ArrayList<>();
        for (String line : Tshark.run(args.toArray(String[]::new)).split("\n")) {
            if (!line.isBlank()) {
                out.add(line);
            }
        }
        return out;
    }

    private static String md5(String s) throws Exception {
        byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.ISO_8859_1));
        return String.format("%032x", new BigInteger(1, d));
    }
}
