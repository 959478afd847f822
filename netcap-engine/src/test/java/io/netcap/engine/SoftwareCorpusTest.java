package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.Message;
import io.netcap.decoder.stream.software.UserAgentParser;
import io.netcap.testing.Corpus;
import io.netcap.testing.Tshark;
import io.netcap.types.RecordType;
import io.netcap.types.Software;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Software records from HTTP in corpus captures: one per distinct {@code Server} value TShark shows
 * ({@code http.server}), split as the original splits them (checked by hand against TShark's values), the
 * {@code X-Powered-By} and the User-Agents through uap-core (skipped without the {@code uap-core} package), with
 * the flows of every connection that sent the value.
 */
class SoftwareCorpusTest {
    @TempDir
    Path tmp;

    private List<Software> software(String capture) throws Exception {
        Path out = tmp.resolve(capture);
        Runs.capture(TestConfig.of(Corpus.pcaps().resolve(capture), out).include(RecordType.Software));
        List<Software> sw = new ArrayList<>();
        for (Message m : Runs.records(out).getOrDefault(RecordType.Software, List.of())) {
            sw.add((Software) m);
        }
        return sw;
    }

    private static List<String> of(List<Software> sw, String sourceName) {
        return sw.stream().filter(s -> s.getSourceName().equals(sourceName))
                .map(s -> s.getProduct() + "|" + s.getVersion() + "|" + s.getOS()).sorted().toList();
    }

    @Test
    void serverNamesOfEspn() throws Exception {
        String capture = "chrissanders-packets__http_espn.pcapng";
        Tshark.require();
        TreeSet<String> servers = new TreeSet<>();
        for (String line : Tshark.run("-r", Corpus.pcaps().resolve(capture).toString(), "-Y", "http.server", "-T",
                "fields", "-e", "http.server").split("\n")) {
            if (!line.isBlank()) {
                servers.add(line);
            }
        }
        List<Software> sw = software(capture);
        assertThat(sw.stream().filter(s -> s.getSourceName().equals("ServerName")).map(Software::getSourceData))
                .containsExactlyInAnyOrderElementsOf(servers);
        assertThat(of(sw, "ServerName")).containsExactly("Apache-AdvancedExtranetServer||", "Apache||",
                "IBM_HTTP_Server||", "Microsoft-IIS|6.0|", "Omniture DC|2.0.0|", "barista|3.3.6|");
        if (Files.isRegularFile(UserAgentParser.DEBIAN_PATH)) {
            // Mozilla/5.0 (X11; U; Linux i686; en-US; rv:1.9.1.8) Gecko/20100214 Ubuntu/9.10 (karmic) Firefox/3.5.8
            Software ua = sw.stream().filter(s -> s.getSourceName().equals("UserAgent")).findFirst().orElseThrow();
            assertThat(ua.getVendor()).isEqualTo("Firefox");
            assertThat(ua.getVersion()).isEqualTo("3.5.8");
            assertThat(ua.getOS()).isEqualTo("Ubuntu");
            assertThat(ua.getProduct()).isEmpty(); // device "Other"
            assertThat(ua.getService()).isEqualTo("HTTP");
            // every connection that sent it: TShark's TCP streams with a User-Agent
            long streams = Tshark.run("-r", Corpus.pcaps().resolve(capture).toString(), "-Y", "http.user_agent", "-T",
                    "fields", "-e", "tcp.stream").lines().filter(l -> !l.isBlank()).distinct().count();
            assertThat(ua.getFlowsCount()).isEqualTo(streams);
        }
    }

    @Test
    void poweredByWithALongVersionIsCut() throws Exception {
        List<Software> sw = software("chrissanders-packets__http_ip4and6.pcapng");
        // X-Powered-By: PHP/5.5.9-1ubuntu4.14, Server: Apache/2.4.7 (Ubuntu), twice each
        assertThat(of(sw, "X-Powered-By")).containsExactly("PHP|5.5.9-1ubuntu4....|");
        assertThat(of(sw, "ServerName")).containsExactly("Apache|2.4.7|Ubuntu");
    }

    @Test
    void userAgentOfCurl() throws Exception {
        assumeTrue(Files.isRegularFile(UserAgentParser.DEBIAN_PATH), "uap-core is not installed: skipping");
        List<Software> sw = software("chrissanders-packets__http_ip4and6.pcapng");
        assertThat(sw.stream().filter(s -> s.getSourceName().equals("UserAgent"))
                .map(s -> s.getVendor() + " " + s.getVersion() + " " + s.getSourceData()).toList())
                .containsExactly("curl 7.35.0 curl/7.35.0");
    }

    /**
     * A mail's User-Agent (TShark's {@code imf.user_agent}: Thunderbird 38.5.0 on Windows, folded over two lines)
     * gives a "Mail UserAgent" Software record of the SMTP conversation.
     */
    @Test
    void mailUserAgent() throws Exception {
        assumeTrue(Files.isRegularFile(UserAgentParser.DEBIAN_PATH), "skipped: uap-core not installed");
        String capture = "chrissanders-packets__mail_sender_client_1.pcapng";
        Tshark.require();
        String agent = Tshark.run("-r", Corpus.pcaps().resolve(capture).toString(), "-Y", "imf.user_agent", "-T",
                "fields", "-e", "imf.user_agent").strip();
        assertThat(agent).contains("Thunderbird/38.5.0");
        List<Software> mail = software(capture).stream().filter(s -> s.getSourceName().equals("Mail UserAgent")).toList();
        assertThat(mail).singleElement().satisfies(s -> {
            assertThat(s.getVendor()).isEqualTo("Thunderbird");
            assertThat(s.getVersion()).isEqualTo("38.5.0");
            assertThat(s.getOS()).startsWith("Windows");
            assertThat(s.getService()).isEqualTo("SMTP");
            assertThat(s.getSourceData().replaceAll("\\s+", " ")).isEqualTo(agent.replace("\\r\\n", "").replaceAll("\\s+", " "));
        });
    }
}
