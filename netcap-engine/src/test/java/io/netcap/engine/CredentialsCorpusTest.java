package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.testing.Corpus;
import io.netcap.testing.Tshark;
import io.netcap.types.Credentials;
import io.netcap.types.RecordType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins of corpus captures harvested through the whole engine, against the values TShark dissects from the
 * same capture at test time: FTP's USER/PASS arguments, the POP3 AUTH XOAUTH2 token (decoded here from
 * TShark's request line), and the Telnet client lines after TShark's {@code login:} and {@code Password:}
 * server data.
 */
class CredentialsCorpusTest {
    @TempDir
    Path tmp;

    @Test
    void ftpUserAndPasswordAreTsharksArguments() throws Exception {
        Path pcap = Corpus.pcaps().resolve("chrissanders-packets__tickedoffdeveloper.pcapng");
        Tshark.require();
        String user = null;
        String password = null;
        for (String[] row : tshark(pcap, "ftp.request", "ftp.request.command", "ftp.request.arg")) {
            if (row[0].equals("USER") && user == null) {
                user = row[1];
            } else if (row[0].equals("PASS") && password == null) {
                password = row[1];
            }
        }
        assertThat(user).isNotNull();
        assertThat(harvested(pcap)).filteredOn(c -> c.getService().equals("FTP"))
                .extracting(Credentials::getUser, Credentials::getPassword)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(user, password));
    }

    @Test
    void pop3Xoauth2IsTheOneCredential() throws Exception {
        Path pcap = Corpus.pcaps().resolve("suricata-verify__pop3-auth-01_input.pcap");
        Tshark.require();
        List<String[]> requests = tshark(pcap, "pop.request", "pop.request.command", "pop.request.parameter");
        String token = null;
        for (int i = 0; i + 1 < requests.size(); i++) {
            if (requests.get(i)[0].equals("AUTH") && requests.get(i)[1].equals("XOAUTH2")) {
                token = requests.get(i + 1)[0]; // the client's answer to the "+" continuation
            }
        }
        assertThat(token).isNotNull();
        // the SASL XOAUTH2 message: user=<user> ^A auth=Bearer <token> ^A ^A
        String[] kv = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).split("\u0001");
        String user = kv[0].substring("user=".length());
        String bearer = kv[1].substring("auth=Bearer ".length());
        List<Credentials> found = harvested(pcap);
        assertThat(found).hasSize(1);
        assertThat(found.getFirst().getService()).isEqualTo("POP3");
        assertThat(found.getFirst().getUser()).isEqualTo(user);
        assertThat(found.getFirst().getPassword()).isEqualTo(bearer);
        assertThat(found.getFirst().getFlow()).isEqualTo("1.1.1.1:5555->2.2.2.2:110");
    }

    @Test
    void telnetLoginIsWhatTheClientTypedAfterThePrompts() throws Exception {
        Path pcap = Corpus.pcaps().resolve("suricata-verify__telnet.pcap");
        Tshark.require();
        String lastServer = "";
        String user = null;
        String password = null;
        for (String[] row : tshark(pcap, "telnet.data", "tcp.srcport", "telnet.data")) {
            String data = row[1];
            if (row[0].equals("23")) {
                lastServer = data;
            } else if (lastServer.endsWith("login: ") && user == null) {
                user = data.replace("\\r\\n", "");
            } else if (lastServer.strip().endsWith("Password:") && password == null) {
                password = data.replace("\\r\\n", "");
            }
        }
        assertThat(user).isNotNull();
        assertThat(password).isNotNull();
        assertThat(harvested(pcap)).filteredOn(c -> c.getService().equals("Telnet"))
                .extracting(Credentials::getUser, Credentials::getPassword)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(user, password));
    }

    private List<Credentials> harvested(Path pcap) throws Exception {
        Path out = tmp.resolve("out");
        Runs.capture(TestConfig.of(pcap, out));
        List<Credentials> l = new ArrayList<>();
        for (Message m : Runs.records(out).getOrDefault(RecordType.Credentials, List.of())) {
            l.add((Credentials) m);
        }
        return l;
    }

    private static List<String[]> tshark(Path pcap, String filter, String... fields) {
        List<String> args = new ArrayList<>(List.of("-r", pcap.toString(), "-Y", filter, "-T", "fields"));
        for (String f : fields) {
            args.add("-e");
            args.add(f);
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : Tshark.run(args.toArray(String[]::new)).split("\n")) {
            if (!line.isBlank()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }
}
