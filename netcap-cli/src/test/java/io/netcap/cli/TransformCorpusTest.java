package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code net transform} against TShark's view of corpus captures ({@code shared/corpus/truth}): the hosts of each
 * address's HTTP requests (IPv4 and IPv6), every DNS question name, and every JA3 of a ClientHello, each as the
 * entities of one transform over the capture's records. Skips, saying so, without the corpus.
 */
class TransformCorpusTest {
    @TempDir
    Path tmp;

    private Path capture(String name) {
        Path out = tmp.resolve(name);
        if (Files.isDirectory(out)) {
            return out; // captured for an earlier view
        }
        Run r = CaptureCommandTest.capture(Map.of(), "-read", Corpus.pcaps().resolve(name).toString(), "-out",
                out.toString(), "-quiet");
        assertThat(r.status()).as(name + ": " + r.err()).isZero();
        return out;
    }

    @Test
    void httpHostsPerAddressEqualTshark() throws Exception {
        Corpus.require();
        int compared = 0;
        for (String name : List.of("chrissanders-packets__http_espn.pcapng", "zeek__bro.org.pcap",
                "chrissanders-packets__http_ip4and6.pcapng", "chrissanders-packets__dns_isp_hijack.pcapng")) {
            Map<String, Set<String>> hosts = new TreeMap<>();
            for (Map<String, String> f : ExportCommandTest.Truth.frames(name)) {
                if (!f.get("http.host").isEmpty() && !f.get("http.request.method").isEmpty()) {
                    String src = f.get("ip.src").isEmpty() ? f.get("ipv6.src") : f.get("ip.src");
                    // TShark writes IPv6 addresses as RFC 5952 has them, as Go and the records do
                    hosts.computeIfAbsent(src, k -> new TreeSet<>()).add(f.get("http.host"));
                }
            }
            assertThat(hosts).as(name).isNotEmpty();
            Path out = capture(name);
            for (var e : hosts.entrySet()) {
                var r = TransformCommandTest.transform("toHTTPHosts", e.getKey(),
                        "path=" + out.resolve("HTTP.ncap.gz") + "#ipaddr=" + e.getKey());
                assertThat(r.messages()).containsExactly("Inform: completed!");
                assertThat(new TreeSet<>(r.values("netcap.Website"))).as(name + " " + e.getKey()).isEqualTo(e.getValue());
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(5);
    }

    /**
     * The JPEG images of a page load, stored by toAuditRecords, as maltego.Image entities showing the stored file:
     * as many as TShark exports ({@code --export-objects http}) with content type image/jpeg.
     */
    @Test
    void imagesShowTheStoredFiles() throws Exception {
        Corpus.require();
        io.netcap.testing.Tshark.require();
        String name = "zeek__bro.org.pcap";
        Path objects = tmp.resolve("objects");
        io.netcap.testing.Tshark.run("-r", Corpus.pcaps().resolve(name).toString(), "-q", "--export-objects",
                "http," + objects);
        long pngs;
        try (var s = Files.list(objects)) {
            pngs = s.filter(p -> {
                try {
                    byte[] head = Files.readAllBytes(p);
                    return head.length > 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G';
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).count();
        }
        assertThat(pngs).as("PNG images TShark exports").isPositive();
        Path pcap = tmp.resolve(name);
        Files.copy(Corpus.pcaps().resolve(name), pcap);
        TransformCommandTest.transform("toAuditRecords", name, "path=" + pcap);
        var r = TransformCommandTest.transform("toFilesForContentType", "image/png", "path=" + pcap + ".net/File.ncap.gz"
                + "#properties.contenttype=image/png");
        assertThat(r.entities()).hasSize((int) pngs).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo("maltego.Image");
            assertThat(Path.of(java.net.URI.create(e.icon()))).isRegularFile()
                    .hasFileName(Path.of(e.fields().get("location")).getFileName().toString());
        });
    }

    @Test
    void dnsQuestionNamesEqualTshark() throws Exception {
        Corpus.require();
        for (String name : List.of("zeek__var-services-std-ports.pcap", "chrissanders-packets__dns.pcap",
                "chrissanders-packets__dns_tcp.pcapng", "suricata-verify__dns-frames_input.pcap")) {
            Set<String> names = new TreeSet<>();
            for (Map<String, String> f : ExportCommandTest.Truth.frames(name)) {
                for (String q : f.get("dns.qry.name").split(",")) {
                    if (!q.isEmpty()) {
                        names.add(q);
                    }
                }
            }
            assertThat(names).as(name).isNotEmpty();
            Path out = capture(name);
            var r = TransformCommandTest.transform("toDNSQuestions", "DNS", "path=" + out.resolve("DNS.ncap.gz"));
            assertThat(new TreeSet<>(r.values("netcap.DNSName"))).as(name).isEqualTo(names);
            long questions = r.entities().stream()
                    .mapToLong(e -> Long.parseLong(e.fields().get("link#maltego.link.label"))).sum();
            assertThat(questions).as(name + ": every question counted once").isGreaterThanOrEqualTo(names.size());
        }
    }

    /** TShark's tcp.flags bits, FIN (0x001) to NS (0x100), named and counted as toTCPFlagCombinations does. */
    @Test
    void tcpFlagCombinationsEqualTshark() throws Exception {
        Corpus.require();
        String[] names = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS"};
        for (String name : List.of("zeek__bro.org.pcap", "chrissanders-packets__tcp_ports.pcapng")) {
            Map<String, String> expected = new TreeMap<>();
            for (Map<String, String> f : ExportCommandTest.Truth.frames(name)) {
                if (f.get("tcp.flags").isEmpty()) {
                    continue;
                }
                int bits = Integer.decode(f.get("tcp.flags"));
                List<String> set = new java.util.ArrayList<>();
                for (int i = 0; i < names.length; i++) {
                    if ((bits & (1 << i)) != 0) {
                        set.add(names[i]);
                    }
                }
                if (!set.isEmpty()) {
                    expected.merge(String.join(",", set), "1", (a, b) -> Long.toString(Long.parseLong(a) + 1));
                }
            }
            Path out = capture(name);
            Map<String, String> got = new TreeMap<>();
            for (var e : TransformCommandTest.transform("toTCPFlagCombinations", "TCP",
                    "path=" + out.resolve("TCP.ncap.gz")).entities()) {
                got.put(e.value(), e.fields().get("link#maltego.link.label"));
            }
            assertThat(got).as(name).isEqualTo(expected);
        }
    }

    /**
     * SSH clients and servers by HASSH ({@code tshark -Y ssh.kex.hassh -e ssh.kex.hassh -e ssh.kex.hasshserver}), and
     * SMTP commands ({@code -e smtp.req.command}: DATA, EHLO, MAIL, QUIT, RCPT once each).
     */
    @Test
    void sshAndSmtpEqualTshark() throws Exception {
        Corpus.require();
        Path ssh = capture("suricata-verify__ssh-hassh_input.pcap").resolve("SSH.ncap.gz");
        assertThat(TransformCommandTest.transform("toSSHClients", "SSH", "path=" + ssh).values("netcap.SSHClient"))
                .singleElement().asString().startsWith("2dd6531c7e89d3c925db9214711be76a\n");
        assertThat(TransformCommandTest.transform("toSSHServers", "SSH", "path=" + ssh).values("netcap.SSHServer"))
                .singleElement().asString().startsWith("6832f1ce43d4397c2c0a3e2f8c94334e\n");
        Path smtp = capture("chrissanders-packets__mail_sender_attachment.pcapng").resolve("SMTP.ncap.gz");
        Map<String, String> commands = new TreeMap<>();
        for (var e : TransformCommandTest.transform("toSMTPCommandTypes", "SMTP", "path=" + smtp).entities()) {
            commands.put(e.value(), e.fields().get("link#maltego.link.label"));
        }
        // tshark -Y imf -e imf.subject -e imf.from: the one mail
        var mails = TransformCommandTest.transform("toEmails", "Mail", "path=" + smtp);
        assertThat(mails.values("netcap.Email")).containsExactly("New Coworker\nChris Sanders <sanders@skynet.local>");
        assertThat(mails.entities().getFirst().display().get("Netcap Info")).contains("Attachment Content Type: ");
        // the SMTP records name MAIL and RCPT as the original's command types do
        assertThat(commands).isEqualTo(Map.of("DATA", "1", "EHLO", "1", "MAIL FROM", "1", "QUIT", "1", "RCPT TO", "1"));
    }

    /** The FTP login of the corpus, as TShark reads USER and PASS; and the FTP server as a service of type ftp. */
    @Test
    void ftpLoginAndServiceEqualTshark() throws Exception {
        Corpus.require();
        io.netcap.testing.Tshark.require();
        String name = "chrissanders-packets__tickedoffdeveloper.pcapng";
        String[] login = io.netcap.testing.Tshark.run("-r", Corpus.pcaps().resolve(name).toString(), "-Y",
                "ftp.request.command == \"USER\" || ftp.request.command == \"PASS\"", "-T", "fields",
                "-e", "ftp.request.arg").strip().split("\n");
        assertThat(login).hasSize(2);
        String server = io.netcap.testing.Tshark.run("-r", Corpus.pcaps().resolve(name).toString(), "-Y",
                "ftp.request.command == \"USER\"", "-T", "fields", "-e", "ip.dst").strip();
        Path out = capture(name);
        var r = TransformCommandTest.transform("toCredentialsByService", "Credentials",
                "path=" + out.resolve("Credentials.ncap.gz"));
        assertThat(r.entities()).singleElement().satisfies(e -> {
            assertThat(e.value()).isEqualTo(login[0] + "\n" + login[1]);
            assertThat(e.fields()).containsEntry("service", "FTP").containsEntry("user", login[0])
                    .containsEntry("password", login[1]);
            assertThat(e.fields().get("flow")).endsWith("->" + server + ":21");
        });
        var services = TransformCommandTest.transform("toServices", "ftp",
                "path=" + out.resolve("Service.ncap.gz") + "#properties.servicetype=ftp");
        assertThat(services.entities()).extracting(e -> e.fields().get("ip") + ":" + e.fields().get("port"))
                .containsExactly(server + ":21");
        assertThat(services.entities().getFirst().display().get("Transferred Data")).contains("220 ");
        var types = TransformCommandTest.transform("toServiceTypes", "Service", "path=" + out.resolve("Service.ncap.gz"));
        assertThat(types.values("netcap.ServiceType")).contains("ftp");
    }

    /**
     * The client of the DHCP requests ({@code tshark -Y dhcp.type==1 -e dhcp.hw.mac_addr -e dhcp.option.hostname}:
     * 00:0c:29:59:fd:21, ubuntu2), once per fingerprint: its DISCOVER and its REQUEST carry different options.
     */
    @Test
    void dhcpClientsEqualTshark() throws Exception {
        Corpus.require();
        Path out = capture("chrissanders-packets__dhcp_nolease_initialization.pcapng");
        var r = TransformCommandTest.transform("toDHCPClients", "DHCPv4", "path=" + out.resolve("DHCPv4.ncap.gz"));
        assertThat(r.entities()).hasSize(2).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo("netcap.DHCPClient");
            assertThat(e.value()).isEqualTo("00:0c:29:59:fd:21\n" + e.fields().get("fp"));
            assertThat(e.fields()).containsEntry("clientMac", "00:0c:29:59:fd:21").containsEntry("host", "ubuntu2")
                    .containsEntry("clientIP", "0.0.0.0");
        });
    }

    @Test
    void ja3HashesEqualTshark() throws Exception {
        Corpus.require();
        for (String name : List.of("suricata-verify__tls13_draft19.pcap", "suricata-verify__tls13_draft28.pcap",
                "suricata-verify__tls-certs-alert_input.pcap")) {
            Set<String> ja3 = new TreeSet<>();
            for (Map<String, String> f : ExportCommandTest.Truth.frames(name)) {
                if (!f.get("tls.handshake.ja3").isEmpty()) {
                    ja3.add(f.get("tls.handshake.ja3"));
                }
            }
            Path out = capture(name);
            assertThat(Files.exists(out.resolve("TLSClientHello.ncap.gz"))).as(name).isTrue();
            var r = TransformCommandTest.transform("toJA3Hashes", "TLSClientHello",
                    "path=" + out.resolve("TLSClientHello.ncap.gz"));
            assertThat(new TreeSet<>(r.values("netcap.TLSClientHello"))).as(name).isEqualTo(ja3);
            assertThat(r.entities()).allSatisfy(e -> assertThat(e.display().get("Flows")).contains("->"));
            Set<String> ja3s = new TreeSet<>();
            for (Map<String, String> f : ExportCommandTest.Truth.frames(name)) {
                if (!f.get("tls.handshake.ja3s").isEmpty()) {
                    ja3s.add(f.get("tls.handshake.ja3s"));
                }
            }
            var s = TransformCommandTest.transform("toJA3SHashes", "TLSServerHello",
                    "path=" + out.resolve("TLSServerHello.ncap.gz"));
            assertThat(new TreeSet<>(s.values("netcap.TLSServerHello"))).as(name).isEqualTo(ja3s);
        }
    }

    /**
     * DNS op codes, response codes and flag combinations counted per message from the header's flags as TShark reads
     * them ({@code -e dns.flags}, the 16 bits; its named flag fields leave out AA, RA and the response code of a
     * query, whose bits may still be set: the inverse query here has RA). The captures hold an inverse query (op code
     * 1) over TCP and answers "Non-Existent Domain".
     */
    @Test
    void dnsCodesAndFlagsEqualTshark() throws Exception {
        Corpus.require();
        io.netcap.testing.Tshark.require();
        Map<Integer, String> opNames = Map.of(0, "Query", 1, "Inverse Query");
        Map<Integer, String> rcodeNames = Map.of(0, "No Error", 3, "Non-Existent Domain");
        String[] flagNames = {"AA", "QR", "RA", "RD", "TC"};
        int[] flagBits = {0x0400, 0x8000, 0x0080, 0x0100, 0x0200};
        for (String name : List.of("zeek__dns-inverse-query.pcap", "zeek__var-services-std-ports.pcap",
                "chrissanders-packets__dns.pcap")) {
            Map<String, Long> ops = new TreeMap<>();
            Map<String, Long> rcodes = new TreeMap<>();
            Map<String, Long> flags = new TreeMap<>();
            for (String line : io.netcap.testing.Tshark.run("-r", Corpus.pcaps().resolve(name).toString(), "-Y", "dns",
                    "-T", "fields", "-e", "dns.flags").strip().split("\n")) {
                int bits = Integer.decode(line.strip());
                ops.merge(opNames.get((bits >>> 11) & 0xf), 1L, Long::sum);
                rcodes.merge(rcodeNames.get(bits & 0xf), 1L, Long::sum);
                List<String> set = new java.util.ArrayList<>();
                for (int i = 0; i < flagNames.length; i++) {
                    if ((bits & flagBits[i]) != 0) {
                        set.add(flagNames[i]);
                    }
                }
                if (!set.isEmpty()) {
                    flags.merge(String.join(",", set), 1L, Long::sum);
                }
            }
            String dns = "path=" + capture(name).resolve("DNS.ncap.gz");
            assertThat(counts(TransformCommandTest.transform("toDNSOpCodes", "DNS", dns))).as(name).isEqualTo(ops);
            assertThat(counts(TransformCommandTest.transform("toDNSResponseCodes", "DNS", dns))).as(name).isEqualTo(rcodes);
            assertThat(counts(TransformCommandTest.transform("toDNSFlagCombinations", "DNS", dns))).as(name)
                    .isEqualTo(flags);
        }
    }

    /** Each entity's value and the count on its link. */
    private static Map<String, Long> counts(TransformCommandTest.Response r) {
        Map<String, Long> m = new TreeMap<>();
        r.entities().forEach(e -> m.put(e.value(), Long.parseLong(e.fields().get("link#maltego.link.label"))));
        return m;
    }

    /** The XOAUTH2 token of a POP3 login: the client line TShark reads after {@code AUTH XOAUTH2}. */
    @Test
    void pop3TokenEqualsTshark() throws Exception {
        Corpus.require();
        io.netcap.testing.Tshark.require();
        String name = "suricata-verify__pop3-auth-01_input.pcap";
        List<String> commands = List.of(io.netcap.testing.Tshark.run("-r", Corpus.pcaps().resolve(name).toString(),
                "-Y", "pop.request", "-T", "fields", "-e", "ip.src", "-e", "pop.request.command").strip().split("\n"));
        int auth = commands.indexOf(commands.stream().filter(l -> l.endsWith("\tAUTH")).findFirst().orElseThrow());
        String[] client = commands.get(auth + 1).split("\t");
        String pop3 = "path=" + capture(name).resolve("POP3.ncap.gz") + "#ipaddr=" + client[0];
        assertThat(TransformCommandTest.transform("toMailAuthTokens", client[0], pop3).values("maltego.Token"))
                .containsExactly(client[1]);
        assertThat(TransformCommandTest.transform("toMailUsers", client[0], pop3).entities()).as("no USER").isEmpty();
    }

    /**
     * The values of each request cookie per host ({@code tshark -e http.host -e http.cookie}) are among
     * toCookieValues' values for that host, and every other value it gives is one the host's responses set
     * ({@code http.set_cookie}).
     */
    @Test
    void cookieValuesEqualTshark() throws Exception {
        Corpus.require();
        io.netcap.testing.Tshark.require();
        String name = "chrissanders-packets__http_espn.pcapng";
        String pcap = Corpus.pcaps().resolve(name).toString();
        Map<String, Set<String>> sent = new TreeMap<>(); // host \t cookie name -> values
        // each request's Cookie header as TShark gives it, cut into its pairs at "; " (RFC 6265 section 4.2.1)
        for (String line : io.netcap.testing.Tshark.run("-r", pcap, "-Y", "http.cookie", "-T", "fields",
                "-E", "occurrence=f", "-e", "http.host", "-e", "http.cookie").strip().split("\n")) {
            String[] f = line.split("\t");
            for (String pair : f[1].split("; ")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    sent.computeIfAbsent(f[0] + "\t" + pair.substring(0, eq), k -> new TreeSet<>())
                            .add(pair.substring(eq + 1));
                }
            }
        }
        String setCookies = io.netcap.testing.Tshark.run("-r", pcap, "-Y", "http.set_cookie", "-T", "fields",
                "-e", "http.set_cookie");
        assertThat(sent).hasSizeGreaterThan(10);
        String http = "path=" + capture(name).resolve("HTTP.ncap.gz");
        for (var e : sent.entrySet()) {
            String[] hostAndName = e.getKey().split("\t");
            Set<String> ours = new TreeSet<>(TransformCommandTest.transform("toCookieValues", hostAndName[1],
                    http + "#host=" + hostAndName[0] + "#properties.httpcookie=" + hostAndName[1])
                    .values("netcap.HTTPCookieValue"));
            assertThat(ours).as(e.getKey()).containsAll(e.getValue());
            ours.removeAll(e.getValue());
            assertThat(ours).as(e.getKey() + ": values set by responses").allSatisfy(v ->
                    assertThat(setCookies).contains(hostAndName[1] + "=" + v));
        }
    }

    /**
     * The number views count what TShark reads ({@code -E occurrence=f}: the outer header of an ICMP error): ICMPv4
     * and ICMPv6 type and code (the {@code code} property is type * 256 + code), the hardware type of ARP messages,
     * IPv6 traffic classes, DHCPv6 message types, IGMP message types and IGMPv3 group record types; a few names too.
     */
    @Test
    void codeCountsEqualTshark() throws Exception {
        Corpus.require();
        io.netcap.testing.Tshark.require();
        record View(String capture, String transform, String file, String filter, String fields, String property) {}
        List<View> views = List.of(
                new View("chrissanders-packets__icmp_traceroute.pcapng", "toICMPV4ControlMessages", "ICMPv4", "icmp",
                        "icmp.type,icmp.code", "code"),
                new View("chrissanders-packets__icmp_echo.pcapng", "toICMPV4ControlMessages", "ICMPv4", "icmp",
                        "icmp.type,icmp.code", "code"),
                new View("zeek__icmp6-ping.pcap", "toICMPV6ControlMessages", "ICMPv6", "icmpv6", "icmpv6.type,icmpv6.code",
                        "code"),
                new View("chrissanders-packets__icmpv6_neighbor_solicitation.pcapng", "toICMPV6ControlMessages", "ICMPv6",
                        "icmpv6", "icmpv6.type,icmpv6.code", "code"),
                new View("zeek__linuxsll-arp.pcap", "toLinkTypes", "ARP", "arp", "arp.hw.type", "value"),
                new View("tcpdump__vrrp.pcap", "toIPV6TrafficClasses", "IPv6", "ipv6", "ipv6.tclass", "value"),
                new View("chrissanders-packets__dhcp6_outlease_acquisition.pcapng", "toDHCPV6MessageTypes", "DHCPv6",
                        "dhcpv6", "dhcpv6.msgtype", "value"),
                new View("tcpdump__igmpv3-queries.pcap", "toIGMPTypes", "IGMP", "igmp", "igmp.type", "value"),
                new View("tcpdump__eapon1.pcap", "toIGMPTypes", "IGMP", "igmp", "igmp.type", "value"),
                new View("tcpdump__eapon1.pcap", "toIGMPGroupRecordTypes", "IGMP", "igmp.record_type", "igmp.record_type",
                        "value"));
        Map<String, String> names = new TreeMap<>();
        for (View v : views) {
            List<String> args = new java.util.ArrayList<>(List.of("-r", Corpus.pcaps().resolve(v.capture()).toString(),
                    "-Y", v.filter(), "-T", "fields", "-E", "occurrence=f"));
            for (String f : v.fields().split(",")) {
                args.add("-e");
                args.add(f);
            }
            Map<String, Long> expected = new TreeMap<>();
            for (String line : io.netcap.testing.Tshark.run(args.toArray(String[]::new)).strip().split("\n")) {
                String[] f = line.split("\t");
                int code = Integer.decode(f[0]);
                if (f.length > 1) {
                    code = code << 8 | Integer.decode(f[1]);
                }
                expected.merge(Integer.toString(code), 1L, Long::sum);
            }
            var r = TransformCommandTest.transform(v.transform(), v.file(), "path="
                    + capture(v.capture()).resolve(v.file() + ".ncap.gz"));
            Map<String, Long> got = new TreeMap<>();
            r.entities().forEach(e -> {
                got.put(e.fields().get(v.property()), Long.parseLong(e.fields().get("link#maltego.link.label")));
                names.put(v.file() + " " + e.fields().get(v.property()), e.value());
            });
            assertThat(got).as(v.capture() + " " + v.transform()).isEqualTo(expected);
        }
        assertThat(names).containsEntry("ICMPv4 2048", "EchoRequest").containsEntry("ICMPv4 0", "EchoReply")
                .containsEntry("ICMPv4 2816", "TimeExceeded(TTLExceeded)").containsEntry("ARP 1", "Ethernet")
                .containsEntry("IGMP 17", "IGMP Membership Query").containsEntry("IGMP 4", "CHANGE_TO_EXCLUDE_MODE")
                .containsEntry("IPv6 0", "0");
    }

    /**
     * toDHCPV6Options counts the options TShark reads ({@code dhcpv6.option.type}) less those that only stand inside
     * another option (RFC 8415: IAAddr 5 in IA_NA, IAPrefix 26 in IA_PD), since the records, like the original's,
     * hold a message's top-level options; the names are checked against RFC 8415's option list.
     */
    @Test
    void dhcp6OptionCountsEqualTshark() throws Exception {
        Corpus.require();
        io.netcap.testing.Tshark.require();
        for (String capture : List.of("chrissanders-packets__dhcp6_outlease_acquisition.pcapng",
                "tcpdump__dhcpv6-domain-list.pcap")) {
            Map<String, Long> expected = new TreeMap<>();
            for (String line : io.netcap.testing.Tshark.run("-r", Corpus.pcaps().resolve(capture).toString(), "-Y",
                    "dhcpv6", "-T", "fields", "-E", "occurrence=a", "-e", "dhcpv6.option.type").strip().split("\n")) {
                for (String code : line.split(",")) {
                    if (!code.equals("5") && !code.equals("26")) {
                        expected.merge(code, 1L, Long::sum);
                    }
                }
            }
            var r = TransformCommandTest.transform("toDHCPV6Options", "DHCPv6", "path="
                    + capture(capture).resolve("DHCPv6.ncap.gz"));
            Map<String, Long> got = new TreeMap<>();
            Map<String, String> names = new TreeMap<>();
            r.entities().forEach(e -> {
                got.put(e.fields().get("value"), Long.parseLong(e.fields().get("link#maltego.link.label")));
                names.put(e.fields().get("value"), e.value());
            });
            assertThat(got).as(capture).isEqualTo(expected);
            assertThat(names).allSatisfy((code, name) -> assertThat(name).isEqualTo(switch (code) {
                case "1" -> "ClientID";
                case "2" -> "ServerID";
                case "3" -> "IA_NA";
                case "6" -> "Oro";
                case "8" -> "ElapsedTime";
                case "23" -> "DNSRecursiveNameServer";
                case "24" -> "DomainSearchList";
                default -> throw new AssertionError("option " + code + " not expected in " + capture);
            }));
        }
    }

    /**
     * lookupDHCPFingerprint against a stand-in for fingerbank's API: the client is the toDHCPClients entity of the
     * request's option types ({@code dhcp.option.type}), the request carries its parameter list as TShark reads
     * option 55 ({@code dhcp.option.request_list_item}), no vendor class (the client sent none), and
     * the User-Agents of the address the server's reply gave it ({@code dhcp.ip.your}, 192.168.1.10; HTTP records
     * written here, the capture has no HTTP); the answer is cached, so a second lookup asks nothing.
     */
    @Test
    void dhcpFingerprintIsAskedOnceWithWhatTheClientSent() throws Exception {
        Corpus.require();
        io.netcap.testing.Tshark.require();
        String capture = "chrissanders-packets__dhcp_nolease_initialization.pcapng";
        Path out = capture(capture);
        String[] first = io.netcap.testing.Tshark.run("-r", Corpus.pcaps().resolve(capture).toString(), "-Y",
                "dhcp.option.dhcp == 1", "-c", "1", "-T", "fields", "-e", "dhcp.option.request_list_item", "-e",
                "dhcp.option.type").strip().split("\t");
        String requested = first[0];
        // the record's Fingerprint, the original's: the option types up to End; TShark lists End apart
        // (dhcp.option.end) and the padding after it as one more type 0
        String types = first[1].replaceAll(",0$", "");
        var opts = io.netcap.io.WriterOptions.defaults("test.pcap");
        try (var w = io.netcap.io.RecordWriter.create(out, io.netcap.types.RecordType.HTTP, opts)) {
            w.write(io.netcap.types.HTTP.newBuilder().setSrcIP("192.168.1.10").setUserAgent("curl/8.5.0").build());
            w.write(io.netcap.types.HTTP.newBuilder().setSrcIP("192.168.1.10").setUserAgent("curl/8.5.0").build());
            w.write(io.netcap.types.HTTP.newBuilder().setSrcIP("192.168.1.99").setUserAgent("other/1").build());
        }
        var client = TransformCommandTest.transform("toDHCPClients", "x", "path=" + out.resolve("DHCPv4.ncap.gz"))
                .entities().getFirst();
        assertThat(client.fields().get("fp")).isEqualTo(types);

        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v2/combinations/interrogate", x -> {
            asked.add(x.getRequestMethod() + " " + x.getRequestURI().getQuery() + " "
                    + new String(x.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            byte[] body = "{\"device_name\":\"Operating System/Linux OS/Ubuntu\",\"score\":73,\"device\":{\"name\":\"Ubuntu\"}}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
        try {
            Map<String, String> env = Map.of("NETCAP_FINGERBANK_URL", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "FINGERPRINT_API_KEY", "k3y", "NC_CONFIG_ROOT", tmp.resolve("root").toString());
            String props = "path=" + out.resolve("DHCPv4.ncap.gz") + "#clientMac=" + client.fields().get("clientMac")
                    + "#fp=" + client.fields().get("fp");
            for (int i = 0; i < 2; i++) {
                var r = TransformCommandTest.transform(env, "lookupDHCPFingerprint", "x", props);
                assertThat(r.values("netcap.DHCPResult")).containsExactly("Operating System\nLinux OS\nUbuntu\n192.168.1.10");
                assertThat(r.entities().getFirst().fields()).containsEntry("score", "73");
            }
            assertThat(asked).containsExactly("GET key=k3y {\"dhcp_fingerprint\":\"" + requested
                    + "\",\"dhcp_vendor\":\"\",\"user_agents\":[\"curl/8.5.0\"]}");
            assertThat(tmp.resolve("root/dbs/dhcp-fingerprints.json")).content().contains(requested, "Ubuntu");
            assertThat(TransformCommandTest.transform(Map.of("NC_CONFIG_ROOT", tmp.resolve("none").toString()),
                    "lookupDHCPFingerprint", "x", props).messages()).containsExactly("FatalError: no fingerbank key: set "
                    + "FINGERPRINT_API_KEY or write it to " + tmp.resolve("none/fingerprint_api_key"));
        } finally {
            server.stop(0);
        }
    }

    /** toDHCP: the host name the client sends (TShark's {@code dhcp.option.hostname}, ubuntu2), from 0.0.0.0. */
    @Test
    void dhcpOptionsOfTheClient() throws Exception {
        Corpus.require();
        Path out = capture("chrissanders-packets__dhcp_nolease_initialization.pcapng");
        var r = TransformCommandTest.transform("toDHCP", "0.0.0.0", "path=" + out.resolve("DHCPv4.ncap.gz")
                + "#ipaddr=0.0.0.0");
        assertThat(r.values("netcap.Device")).contains("Hostname: ubuntu2");
    }
}
