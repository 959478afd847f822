package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.cli.maltego.LocalTransform;
import io.netcap.cli.maltego.MaltegoResponse;
import io.netcap.io.RecordReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code net transform} (docs/maltego.md) on the bundled sample, one HTTP exchange whose values TShark gives
 * ({@code tshark -r samples/http-get-gzip.pcap -T fields -e eth.src -e ip.src -e http.host -e http.user_agent
 * -e http.server -e http.response.code}): the client c8:bc:c8:96:d2:a0 at 141.142.228.5 asks httpbin.org with
 * curl/7.29.0, the server 54.243.118.187 (00:10:db:88:d2:ef) answers 200 from gunicorn/0.16.1. Responses are read
 * with the JDK's XML parser, as Maltego reads them.
 */
class TransformCommandTest {
    static final Path SAMPLE = Path.of("..", "samples", "http-get-gzip.pcap");
    static final String CLIENT = "141.142.228.5";
    static final String SERVER = "54.243.118.187";
    static final String CLIENT_MAC = "c8:bc:c8:96:d2:a0";

    @TempDir
    Path tmp;

    /** An entity of a response: type, value, fields by name, display sections by name, icon URL (or null). */
    record Entity(String type, String value, Map<String, String> fields, Map<String, String> display, String icon) {}

    /** A response: its entities and its UI messages ("type: text"). */
    record Response(List<Entity> entities, List<String> messages) {
        List<String> values(String type) {
            return entities.stream().filter(e -> e.type().equals(type)).map(Entity::value).toList();
        }
    }

    static Response transform(String... args) throws Exception {
        return transform(Map.of(), args);
    }

    static Response transform(Map<String, String> env, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TransformCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String xml = out.toString(StandardCharsets.UTF_8);
        assertThat(xml).as("standard output is the response alone").startsWith("<MaltegoMessage>")
                .endsWith("</MaltegoMessage>\n");
        return parse(xml);
    }

    static Response parse(String xml) throws Exception {
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(d.getDocumentElement().getTagName()).isEqualTo("MaltegoMessage");
        List<Entity> entities = new ArrayList<>();
        NodeList es = d.getElementsByTagName("Entity");
        for (int i = 0; i < es.getLength(); i++) {
            Element e = (Element) es.item(i);
            Map<String, String> fields = new LinkedHashMap<>();
            NodeList fs = e.getElementsByTagName("Field");
            for (int j = 0; j < fs.getLength(); j++) {
                Element f = (Element) fs.item(j);
                fields.put(f.getAttribute("Name"), f.getTextContent());
            }
            Map<String, String> display = new LinkedHashMap<>();
            NodeList ls = e.getElementsByTagName("Label");
            for (int j = 0; j < ls.getLength(); j++) {
                Element l = (Element) ls.item(j);
                display.put(l.getAttribute("Name"), l.getTextContent());
            }
            assertThat(e.getElementsByTagName("Weight").item(0).getTextContent()).isEqualTo("100");
            NodeList icon = e.getElementsByTagName("IconURL");
            entities.add(new Entity(e.getAttribute("Type"), e.getElementsByTagName("Value").item(0).getTextContent(),
                    fields, display, icon.getLength() == 0 ? null : icon.item(0).getTextContent()));
        }
        List<String> messages = new ArrayList<>();
        NodeList ms = d.getElementsByTagName("UIMessage");
        for (int i = 0; i < ms.getLength(); i++) {
            Element m = (Element) ms.item(i);
            messages.add(m.getAttribute("MessageType") + ": " + m.getTextContent());
        }
        return new Response(entities, messages);
    }

    /** The sample captured by toAuditRecords, as a netcap.PCAP entity with its path would have it. */
    private Path captured() throws Exception {
        Path pcap = tmp.resolve("sample.pcap");
        Files.copy(SAMPLE, pcap);
        Response r = transform("toAuditRecords", "sample.pcap", "path=file://" + pcap);
        assertThat(r.messages()).containsExactly("Inform: completed!");
        Path dir = tmp.resolve("sample.pcap.net");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.toString().endsWith(".ncap.gz")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        assertThat(r.entities()).hasSize(files.size());
        for (Path f : files) {
            String type = f.getFileName().toString().replace(".ncap.gz", "");
            Entity e = r.entities().stream().filter(x -> x.type().equals("netcap." + type + "AuditRecords"))
                    .findFirst().orElseThrow(() -> new AssertionError("no entity for " + f));
            long n = 0;
            try (RecordReader reader = RecordReader.open(f)) {
                while (reader.next() != null) {
                    n++;
                }
            }
            assertThat(e.fields()).containsEntry("path", f.toString())
                    .containsEntry("description", type + ".ncap.gz")
                    .containsEntry("link#maltego.link.label", Long.toString(n));
        }
        assertThat(r.values("netcap.HTTPAuditRecords")).containsExactly("HTTP");
        assertThat(r.values("netcap.DeviceProfileAuditRecords")).containsExactly("DeviceProfiles");
        assertThat(r.values("netcap.ConnectionAuditRecords")).containsExactly("Connections");
        assertThat(r.values("netcap.EthernetAuditRecords")).containsExactly("Ethernet");
        assertThat(r.values("netcap.FileAuditRecords")).containsExactly("Files");
        return dir;
    }

    @Test
    void fromTheCaptureToDevicesAddressesAndTheirHttp() throws Exception {
        Path dir = captured();
        String devices = dir.resolve("DeviceProfile.ncap.gz").toString();
        Response d = transform("toDevices", "DeviceProfiles", "path=" + devices);
        assertThat(d.entities()).extracting(e -> e.fields().get("mac"))
                .containsExactlyInAnyOrder(CLIENT_MAC, "00:10:db:88:d2:ef");
        Entity client = d.entities().stream().filter(e -> e.fields().get("mac").equals(CLIENT_MAC)).findFirst().orElseThrow();
        assertThat(client.type()).isEqualTo("netcap.Device");
        assertThat(client.value()).startsWith(CLIENT_MAC + "\n");
        assertThat(client.fields().get("link#maltego.link.label")).startsWith("8 pkts\n"); // TShark: 8 frames from it
        assertThat(client.fields()).containsEntry("path", devices).containsEntry("link#maltego.link.thickness", "5");

        // the device's entity passes on its path and mac
        String props = "path=" + devices + "#mac=" + CLIENT_MAC;
        Response src = transform("toSourceIPs", client.value(), props);
        assertThat(src.entities()).extracting(Entity::type, e -> e.fields().get("ipaddr"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("netcap.ExternalSourceIP", CLIENT));
        assertThat(src.entities().getFirst().fields()).containsEntry("numPackets", "14") // its IPProfile: all 14 frames
                .containsEntry("mac", CLIENT_MAC);
        Response dst = transform("toDestinationIPs", client.value(), props);
        assertThat(dst.entities()).extracting(Entity::type, e -> e.fields().get("ipaddr"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("netcap.ExternalDestinationIP", SERVER));
        assertThat(dst.entities().getFirst().fields()).containsEntry("numPackets", "14")
                .containsKey("timestamp"); // the server's address: 6 frames from it, 8 to it

        // an address's entity passes on its path and ipaddr
        String client80 = "path=" + devices + "#ipaddr=" + CLIENT;
        assertThat(transform("toHTTPHosts", CLIENT, client80).values("netcap.Website")).containsExactly("httpbin.org");
        assertThat(transform("toHTTPHosts", SERVER, "path=" + devices + "#ipaddr=" + SERVER).entities())
                .as("hosts of the requests the address sent").isEmpty();
        assertThat(transform("toHTTPUserAgents", SERVER, "path=" + devices + "#ipaddr=" + SERVER)
                .values("netcap.UserAgent")).containsExactly("curl/7.29.0");
        assertThat(transform("toHTTPServerNames", CLIENT, client80).values("netcap.ServerName"))
                .containsExactly("gunicorn/0.16.1");
        assertThat(transform("toHTTPStatusCodes", CLIENT, client80).values("netcap.HTTPStatusCode"))
                .containsExactly("200");
        Response types = transform("toHTTPContentTypes", CLIENT, client80);
        assertThat(types.values("netcap.ContentType")).containsExactly("text/plain; charset=utf-8"); // the JSON body
        assertThat(types.entities().getFirst().fields()).containsEntry("ipaddr", CLIENT)
                .containsEntry("path", dir.resolve("HTTP.ncap.gz").toAbsolutePath().toString());
        assertThat(transform("toHTTPHosts", "x", "path=" + devices + "#ipaddr=10.9.9.9").entities()).isEmpty();
        Response urls = transform("toHTTPUniformResourceLocators", CLIENT, client80);
        assertThat(urls.values("netcap.URL")).containsExactly("/gzip"); // TShark's http.request.uri
        assertThat(urls.entities().getFirst().fields()).containsEntry("host", "httpbin.org")
                .containsEntry("link#maltego.link.label", "1\nGET");
        Response hostnames = transform("toHTTPHostnames", "HTTP", "path=" + devices);
        assertThat(hostnames.values("netcap.Host")).containsExactly("httpbin.org");
        assertThat(hostnames.entities().getFirst().fields()).containsEntry("ipaddr", SERVER)
                .containsEntry("link#maltego.link.label", "1");
        assertThat(transform("toHTTPCookies", CLIENT, client80).entities()).isEmpty(); // curl sent none, none set
        assertThat(transform("toHTTPParameters", CLIENT, client80).entities()).isEmpty();
    }

    /**
     * toAuditRecords stores the HTTP bodies: the server's JSON answer (sniffed as text) is a file of its own. A File
     * record's SrcIP is the client of its conversation, as in the original, whose toFiles asks for it.
     */
    @Test
    void extractedFilesPointAtTheStoredBytes() throws Exception {
        Path dir = captured();
        String files = "path=" + dir.resolve("File.ncap.gz");
        Response sent = transform("toFiles", CLIENT, files + "#ipaddr=" + CLIENT);
        assertThat(sent.entities()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("netcap.File");
            assertThat(e.value()).isEqualTo("gzip.txt\ntext/plain"); // named after the URI /gzip
            Path stored = Path.of(e.fields().get("location"));
            assertThat(stored).isRegularFile().startsWith(dir.resolve("files").toAbsolutePath());
            assertThat(Files.size(stored)).isEqualTo(Long.parseLong(e.fields().get("length"))).isPositive();
            String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(Files.readAllBytes(stored)));
            assertThat(e.display().get("Netcap Info")).contains("<p>MD5: " + md5 + "</p>").contains("<p>Host: httpbin.org");
        });
        assertThat(transform("toFiles", SERVER, files + "#ipaddr=" + SERVER).entities()).isEmpty();
        Response typed = transform("toFilesForContentType", "text/plain", files + "#properties.contenttype=text/plain");
        assertThat(typed.entities()).singleElement().satisfies(e ->
                assertThat(e.value()).isEqualTo("gzip.txt\n" + e.fields().get("length") + " bytes"));
        assertThat(transform("toFilesForContentType", "image/png", files + "#properties.contenttype=image/png")
                .entities()).isEmpty();
        assertThat(transform("toFilesForContentType", "x", files).messages())
                .containsExactly("FatalError: properties.contenttype not set");
    }

    /**
     * The ports of the client's IPProfile, named from /etc/services (the database directory is empty here): it
     * contacted port 80 ({@code tshark -e tcp.dstport} of its packets) from port 50153.
     */
    @Test
    void portsWithTheirServiceNames() throws Exception {
        Path dir = captured();
        Map<String, String> env = Map.of("NC_CONFIG_ROOT", tmp.resolve("no-config").toString());
        String props = "path=" + dir.resolve("IPProfile.ncap.gz") + "#ipaddr=" + CLIENT;
        String http = servicesName(80);
        Response contacted = transform(env, "toContactedPorts", CLIENT, props);
        assertThat(contacted.entities()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("netcap.ContactedPort");
            assertThat(e.value()).isEqualTo("80\n" + http);
            assertThat(e.fields()).containsEntry("port", "80").containsEntry("link#maltego.link.label", "14 pkts");
        });
        assertThat(transform(env, "toSourcePorts", CLIENT, props).entities()).extracting(e -> e.fields().get("port"))
                .containsExactly("50153");
        assertThat(transform(env, "toDestinationPorts", CLIENT, props).entities()).hasSize(1);
    }

    /** The first name /etc/services gives TCP port {@code port}, read here on its own; "" without the file. */
    private static String servicesName(int port) throws java.io.IOException {
        Path services = Path.of("/etc/services");
        if (!Files.isRegularFile(services)) {
            return "";
        }
        for (String line : Files.readAllLines(services)) {
            String[] f = line.replaceFirst("#.*", "").trim().split("\\s+");
            if (f.length >= 2 && f[1].equals(port + "/tcp")) {
                return f[0];
            }
        }
        return "";
    }

    /** A geolocation comes from a GeoLite database (capture -geoDB): here from a profile written by the test. */
    @Test
    void geolocationOfAnAddress() throws Exception {
        Path dir = tmp.resolve("geo");
        Files.createDirectories(dir);
        try (var w = io.netcap.io.RecordWriter.create(dir, io.netcap.types.RecordType.IPProfile,
                io.netcap.io.WriterOptions.defaults("test.pcap"))) {
            w.write(io.netcap.types.IPProfile.newBuilder().setAddr(SERVER).setGeolocation("Ashburn, United States")
                    .setNumPackets(6).build());
            w.write(io.netcap.types.IPProfile.newBuilder().setAddr(CLIENT).setNumPackets(8).build());
        }
        String path = "path=" + dir.resolve("IPProfile.ncap.gz");
        Response r = transform("toGeolocation", SERVER, path + "#ipaddr=" + SERVER);
        assertThat(r.values("netcap.Location")).containsExactly("Ashburn, United States");
        assertThat(r.entities().getFirst().fields()).containsEntry("link#maltego.link.label", "6 pkts");
        assertThat(transform("toGeolocation", CLIENT, path + "#ipaddr=" + CLIENT).entities()).as("no location").isEmpty();
    }

    @Test
    void countsAndProfilesOfTheWholeCapture() throws Exception {
        Path dir = captured();
        String tcp = "path=" + dir.resolve("TCP.ncap.gz");
        // tshark -T fields -e tcp.flags: 0x0002 once, 0x0012 once, 0x0010 six times, 0x0018 three, 0x0011 three
        Map<String, String> flags = new LinkedHashMap<>();
        for (Entity e : transform("toTCPFlagCombinations", "TCP", tcp).entities()) {
            assertThat(e.type()).isEqualTo("netcap.TCPFlag");
            flags.put(e.value(), e.fields().get("link#maltego.link.label"));
        }
        assertThat(flags).containsExactlyInAnyOrderEntriesOf(Map.of("SYN", "1", "SYN,ACK", "1", "ACK", "6",
                "PSH,ACK", "3", "FIN,ACK", "3"));
        Response profiles = transform("toIPProfiles", "IPProfiles", "path=" + dir.resolve("IPProfile.ncap.gz"));
        assertThat(profiles.entities()).extracting(Entity::type, e -> e.fields().get("ipaddr")).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("netcap.ExternalIPProfile", CLIENT),
                org.assertj.core.groups.Tuple.tuple("netcap.ExternalIPProfile", SERVER));
        assertThat(profiles.entities()).allSatisfy(e -> assertThat(e.fields().get("link#maltego.link.label"))
                .startsWith("14 pkts\n"));
        assertThat(transform("toUDPHosts", "UDP", tcp).messages()).singleElement().asString()
                .contains("UDP.ncap.gz: no such audit record file"); // a TCP-only capture
    }

    @Test
    void aMissingRecordFileOrPropertyIsAFatalMessage() throws Exception {
        Path dir = captured();
        Response noFiles = transform("toCredentialsByService", "x", "path=" + dir.resolve("HTTP.ncap.gz"));
        assertThat(noFiles.entities()).isEmpty();
        assertThat(noFiles.messages()).singleElement().asString()
                .startsWith("FatalError: " + dir.resolve("Credentials.ncap.gz").toAbsolutePath())
                .contains("no such audit record file");
        assertThat(transform("toDevices", "x", "mac=1").messages())
                .containsExactly("FatalError: input file path property not set");
        assertThat(transform("toServices", "x", "path=" + dir.resolve("HTTP.ncap.gz")).messages())
                .containsExactly("FatalError: properties.servicetype not set");
        Path notRecords = tmp.resolve("DeviceProfile.ncap.gz");
        Files.write(notRecords, new byte[] {1, 2, 3});
        assertThat(transform("toDevices", "x", "path=" + notRecords).messages()).singleElement().asString()
                .startsWith("FatalError: " + notRecords);
        assertThat(transform("toAuditRecords", "x", "path=" + tmp.resolve("none.pcap")).messages())
                .containsExactly("FatalError: " + tmp.resolve("none.pcap") + ": no such capture file");
        Path text = tmp.resolve("notes.pcap");
        Files.writeString(text, "not a capture at all, just some words\n");
        assertThat(transform("toAuditRecords", "x", "path=" + text).messages()).singleElement().asString()
                .startsWith("FatalError: failed to collect audit records from " + text + ": ")
                .contains("notes.pcap");
    }

    @Test
    void anUnknownTransformAnswersAsTheOriginal() throws Exception {
        assertThat(transform("toNothing", "x", "path=y").messages()).containsExactly("FatalError: Unknown transform: toNothing");
        assertThat(transform("toDevices", "only-a-value").messages()).singleElement().asString()
                .startsWith("FatalError: toDevices: need at least 2 arguments");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(TransformCommand.run(List.of(), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err), Map.of()))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("Usage: net transform NAME VALUE PROPERTIES").contains("toDevices");
    }

    @Test
    void textIsEscapedOnce() throws Exception {
        String odd = "a & <b> \"c\" 'd'\ne\tf\u0001g \uD83D\uDE00";
        MaltegoResponse r = new MaltegoResponse();
        r.entity("netcap.Test", odd).property("p&", "P\"", odd).linkLabel(odd).display("Flows", "<b>x</b> ]]> y");
        r.entity("netcap.Test", odd).property("p&", "ignored", "second"); // the same entity: merged, first value kept
        r.message(MaltegoResponse.INFORM, odd);
        Response parsed = parse(r.xml());
        String expected = odd.replace('\u0001', '\uFFFD');
        assertThat(parsed.entities()).singleElement().satisfies(e -> {
            assertThat(e.value()).isEqualTo(expected);
            assertThat(e.fields()).containsEntry("p&", expected).containsEntry("link#maltego.link.label", expected);
            assertThat(e.display()).containsEntry("Flows", "<b>x</b> ]]> y");
        });
        assertThat(parsed.messages()).containsExactly("Inform: " + expected);
        assertThat(r.xml()).contains("a &amp; &lt;b&gt;").doesNotContain("&amp;amp;");
    }

    /**
     * Any text a record may hold (a banner, a URL, a user name: controls, lone surrogates, markup) gives a response
     * an XML parser reads, with the text back where XML can hold it and U+FFFD where it cannot.
     */
    @Test
    void anyTextGivesWellFormedXml() throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        char[] alphabet = "&<>\"'\n\r\t\u0000\u0001\u001f\ud800\udc00\uffff\ufffe]]>ab\u00e9\u4e2d".toCharArray();
        MaltegoResponse r = new MaltegoResponse();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            char[] c = new char[random.nextInt(12)];
            for (int j = 0; j < c.length; j++) {
                c[j] = random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : alphabet[random.nextInt(alphabet.length)];
            }
            String text = "t" + i + ":" + new String(c);
            texts.add(text);
            r.entity("netcap.Test", text).property("p", "P", text).display("D", text);
        }
        Response parsed = parse(r.xml());
        assertThat(parsed.entities()).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String expected = xmlOnly(texts.get(i));
            Entity e = parsed.entities().get(i);
            assertThat(e.value()).as("text %d", i).isEqualTo(expected);
            assertThat(e.fields().get("p")).as("text %d", i).isEqualTo(expected);
            // a CDATA section has no references: a CR comes back as a line end
            assertThat(e.display().get("D")).as("text %d", i).isEqualTo(expected.replace("\r\n", "\n").replace('\r', '\n'));
        }
    }

    /** The text with what XML 1.0 cannot hold as U+FFFD, and CR LF or a lone CR as a parser reads them back. */
    private static String xmlOnly(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) {
                sb.append(c).append(s.charAt(++i));
            } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || Character.isSurrogate(c) || c == 0xFFFE
                    || c == 0xFFFF) {
                sb.append('\uFFFD');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * The header names of the exchange as TShark reads its lines ({@code -e http.request.line -e http.response.line});
     * the request's Host is the record's host and not one of its headers, as the original's parser has it.
     */
    @Test
    void headerNamesAndValuesEqualTshark() throws Exception {
        io.netcap.testing.Tshark.require();
        String lines = io.netcap.testing.Tshark.run("-r", SAMPLE.toString(), "-Y", "http", "-T", "fields",
                "-e", "http.request.line", "-e", "http.response.line");
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String line : lines.split("\\\\r\\\\n,?|\t|\n")) {
            if (line.contains(":")) {
                names.add(line.substring(0, line.indexOf(':')));
            }
        }
        assertThat(names).contains("Host", "User-Agent", "Server").hasSize(9);
        names.remove("Host");
        Path dir = captured();
        String client = "path=" + dir.resolve("HTTP.ncap.gz") + "#ipaddr=" + CLIENT;
        Response headers = transform("toHTTPHeaders", "httpbin.org", client);
        assertThat(new java.util.TreeSet<>(headers.values("netcap.HTTPHeader"))).isEqualTo(names);
        assertThat(headers.entities()).allSatisfy(e -> assertThat(e.fields()).containsEntry("host", "httpbin.org")
                .containsEntry("link#maltego.link.label", "GET"));
        String host = "path=" + dir.resolve("HTTP.ncap.gz") + "#host=httpbin.org#properties.httpheader=";
        assertThat(transform("toHeaderValues", "User-Agent", host + "User-Agent").values("netcap.HTTPHeaderValue"))
                .containsExactly("curl/7.29.0"); // http.user_agent
        assertThat(transform("toHeaderValues", "Server", host + "Server").values("netcap.HTTPHeaderValue"))
                .containsExactly("gunicorn/0.16.1"); // http.server
        assertThat(transform("toHeaderValues", "X", "path=" + dir.resolve("HTTP.ncap.gz")).messages())
                .containsExactly("FatalError: host not set");
        // the visitors and the provider of the host and of its URL /gzip (http.request.uri)
        String server = "path=" + dir.resolve("HTTP.ncap.gz") + "#ipaddr=" + SERVER;
        assertThat(transform("toVisitorsForHost", "httpbin.org", server).entities()).extracting(e -> e.fields().get("ipaddr"))
                .containsExactly(CLIENT);
        assertThat(transform("toProviderIPProfilesForHost", "httpbin.org", server).entities())
                .extracting(e -> e.fields().get("ipaddr")).containsExactly(SERVER);
        assertThat(transform("toVisitorsForURL", "/gzip", server + "#host=httpbin.org#properties.url=/gzip").entities())
                .extracting(e -> e.fields().get("ipaddr")).containsExactly(CLIENT);
        assertThat(transform("toVisitorsForURL", "/x", server + "#host=httpbin.org#properties.url=/x").entities()).isEmpty();
        assertThat(transform("toVisitorsForHost", "httpbin.org", client).entities()).as("the client serves nothing")
                .isEmpty();
    }

    /**
     * The TCP conversation as {@code tshark -q -z conv,tcp} counts it (14 frames, 1,365 bytes), with its bytes
     * (capture -conns) in the detail view: the request line TShark shows in red, the status line in blue; the
     * EtherType and IP protocol of all 14 frames ({@code -e eth.type -e ip.proto}: 0x0800 and 6).
     */
    @Test
    void connectionsAndFrameCountsEqualTshark() throws Exception {
        Path dir = tmp.resolve("conns");
        Run run = CaptureCommandTest.capture(Map.of(), "-read", SAMPLE.toString(), "-out", dir.toString(), "-quiet",
                "-conns");
        assertThat(run.status()).as(run.err()).isZero();
        Map<String, String> env = Map.of("NC_CONFIG_ROOT", tmp.resolve("no-config").toString());
        String conns = "path=" + dir.resolve("Connection.ncap.gz");
        String flow = CLIENT + ":50153->" + SERVER + ":80";
        Response host = transform(env, "toConnectionsForHost", CLIENT, conns + "#ipaddr=" + CLIENT);
        assertThat(host.entities()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("netcap.Connection");
            assertThat(e.value()).isEqualTo(flow);
            assertThat(e.fields()).containsEntry("totalsize", "1365").containsEntry("link#maltego.link.label", "14 pkts\n1.4 kB")
                    .containsEntry("srcport", "50153").containsEntry("dstport", "80").containsEntry("protocol", "TCP")
                    .containsEntry("service", servicesName(80)).containsEntry("link#maltego.link.direction", "input-to-output");
            assertThat(e.display().get("Conversation: Client (Red), Server (Blue)"))
                    .contains("<p style='color: red;'>GET /gzip HTTP/1.1<br>")
                    .contains("<p style='color: dodgerblue;'>HTTP/1.1 200 OK<br>");
        });
        assertThat(transform(env, "toConnectionsForPort", "80", conns + "#port=80").values("netcap.Connection"))
                .containsExactly(flow);
        assertThat(transform(env, "toConnectionsForPort", "81", conns + "#port=81").entities()).isEmpty();
        assertThat(transform(env, "toConnectionsForService", SERVER + ":80", conns).values("netcap.Connection"))
                .containsExactly(flow);
        assertThat(transform(env, "toConnectionsForService", CLIENT, conns).entities()).as("no connection to it").isEmpty();
        assertThat(transform(env, "toConnectionsForService", SERVER + ":80\nAmazon", conns + "#ip=" + SERVER)
                .values("netcap.Connection")).as("a toServices entity: its ip property").containsExactly(flow);
        Response iana = transform(env, "toIANAServices", CLIENT, conns + "#ipaddr=" + CLIENT);
        if (!servicesName(80).isEmpty()) {
            assertThat(iana.values("netcap.Service")).containsExactly(servicesName(80));
            assertThat(iana.entities().getFirst().fields()).containsEntry("ip", SERVER).containsEntry("port", "80");
        }
        // without -conns there is no conversation file to show, and the view says so
        Path plain = captured();
        assertThat(transform(env, "toConnectionsForHost", CLIENT, "path=" + plain.resolve("Connection.ncap.gz")
                + "#ipaddr=" + CLIENT).entities().getFirst().display().values()).singleElement().asString()
                .startsWith("no conversation file ").endsWith("(capture with -conns)");

        Response ether = transform("toEthernetTypes", "Ethernet", "path=" + dir); // the folder: its Ethernet file
        assertThat(ether.entities()).singleElement().satisfies(e -> {
            assertThat(e.value()).isEqualTo("IPv4");
            assertThat(e.fields()).containsEntry("type", "2048").containsEntry("link#maltego.link.label", "14");
        });
        Response protocols = transform("toIPV4Protocols", "IPv4", "path=" + dir.resolve("IPv4.ncap.gz"));
        assertThat(protocols.entities()).singleElement().satisfies(e -> {
            assertThat(e.value()).isEqualTo("TCP");
            assertThat(e.fields()).containsEntry("value", "6").containsEntry("link#maltego.link.label", "14");
        });
        Response devices = transform("toSourceDevices", CLIENT, "path=" + dir.resolve("DeviceProfile.ncap.gz")
                + "#ipaddr=" + CLIENT);
        assertThat(devices.entities()).extracting(e -> e.fields().get("mac")).containsExactly(CLIENT_MAC); // eth.src
    }

    /** toFileTypesForIP and the MD5 of a stored file by its name and length, computed here from its bytes. */
    @Test
    void fileTypesAndDigestsOfTheStoredBody() throws Exception {
        Path dir = captured();
        String files = "path=" + dir.resolve("File.ncap.gz");
        assertThat(transform("toFileTypesForIP", CLIENT, files + "#ipaddr=" + CLIENT).values("netcap.ContentType"))
                .containsExactly("text/plain");
        assertThat(transform("toFileTypesForIP", "10.0.0.1", files + "#ipaddr=10.0.0.1").entities()).isEmpty();
        Entity stored = transform("toFiles", CLIENT, files + "#ipaddr=" + CLIENT).entities().getFirst();
        byte[] bytes = Files.readAllBytes(Path.of(stored.fields().get("location")));
        String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
        String named = files + "#name=" + stored.fields().get("name") + "#length=" + bytes.length;
        for (String t : List.of("toMD5HashesForFileName", "toMD5HashesForImage")) {
            assertThat(transform(t, stored.value(), named).values("netcap.MD5Hash")).containsExactly(md5);
        }
        assertThat(transform("toMD5HashesForFileName", "x", named + "1").entities()).isEmpty();
        assertThat(transform("toMD5HashesForFileName", "x", files + "#name=gzip.txt#length=many").messages())
                .containsExactly("FatalError: invalid length value: many");

        // what the body mentions, as TShark decodes it (-e http.file_data): "origin": "10.224.189.238", "Host": "httpbin.org"
        String location = files + "#location=" + stored.fields().get("location");
        assertThat(transform("toIPsFromFile", "x", location).values("netcap.IPAddr")).containsExactly("10.224.189.238");
        assertThat(transform("toDomainsFromFile", "x", location).values("netcap.Domain")).containsExactly("httpbin.org");
        assertThat(transform("toEmailsFromFile", "x", location).entities()).isEmpty();
        assertThat(transform("toLinksFromFile", "x", location).entities()).isEmpty();
    }

    @Test
    void linksAddressesAndEmailsInAFile() throws Exception {
        Path text = tmp.resolve("page.txt");
        Files.writeString(text, "Visit https://example.org/path?q=1, or (http://test.example/x). Write to "
                + "bob.smith+tag@mail.example.com; servers 192.168.1.10 and 2001:db8::1 and ::ffff:10.1.2.3.\n");
        String url = "properties.url=" + java.net.URLEncoder.encode("file://" + text, StandardCharsets.UTF_8);
        assertThat(transform("toLinksFromFile", "x", url).values("netcap.URL"))
                .containsExactly("https://example.org/path?q=1", "http://test.example/x");
        assertThat(transform("toEmailsFromFile", "x", url).values("netcap.Email"))
                .containsExactly("bob.smith+tag@mail.example.com");
        assertThat(transform("toIPsFromFile", "x", url).values("netcap.IPAddr"))
                .contains("192.168.1.10", "2001:db8::1", "::ffff:10.1.2.3");
        assertThat(transform("toLinksFromFile", "x", "location=" + tmp.resolve("absent")).messages()).singleElement()
                .asString().startsWith("FatalError: ").endsWith("absent: no such file");
        assertThat(transform("toLinksFromFile", "x", "location=" + tmp).messages())
                .containsExactly("FatalError: " + tmp + ": a directory, not a file");
        assertThat(transform("toLinksFromFile", "x", "path=x").messages())
                .containsExactly("FatalError: neither location nor properties.url set");
    }

    /**
     * toFileType: file(1)'s word for a PNG the JDK wrote and for plain text (libmagic's descriptions of the two
     * formats); a missing file is the transform's failure, naming it.
     */
    @Test
    void fileTypeIsWhatFileSays() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/file"));
        if (!installed) {
            System.err.println("SKIPPED: file(1) not installed (Debian package file; ./test.sh installs it)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(installed, "file(1) not installed (Debian package file)");
        Path png = tmp.resolve("image.bin");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png", png.toFile());
        assertThat(transform("toFileType", "x", "location=" + png).values("netcap.FileType")).singleElement()
                .asString().startsWith("PNG image data, 3 x 2, 8-bit/color RGB");
        Path text = tmp.resolve("notes");
        Files.writeString(text, "plain words\n");
        Response r = transform("toFileType", "x", "location=" + text);
        assertThat(r.values("netcap.FileType")).containsExactly("ASCII text");
        assertThat(r.entities().getFirst().fields()).containsEntry("path", text.toString());
        assertThat(transform("toFileType", "x", "location=" + tmp.resolve("absent")).messages()).singleElement()
                .asString().startsWith("FatalError: ").endsWith("absent: no such file");
    }

    /**
     * Phone numbers by the numbering plans (not by our output): the NANP numbers of Google's and the White House's
     * switchboards, with and without +1, a UK London number and a German Berlin number with their country codes;
     * not a date, a price, an order number, a seven-digit local number without an area code, nor a US number whose
     * area code (123) does not exist.
     */
    @Test
    void phoneNumbersInAFile() throws Exception {
        Path text = tmp.resolve("contact.txt");
        Files.writeString(text, "Call +1 650-253-0000 or (202) 456-1111, London +44 20 7031 3000, Berlin "
                + "+49 30 182722720. Order 2020-01-02 costs $1,299.00, ref 4711-0815, desk 253-0000, (123) 456-7890.\n");
        Response r = transform("toPhoneNumbersFromFile", "x", "location=" + text);
        assertThat(r.values("netcap.PhoneNumber")).containsExactly("+1 650-253-0000", "(202) 456-1111",
                "+44 20 7031 3000", "+49 30 182722720");
        assertThat(r.entities()).extracting(e -> e.fields().get("e164")).containsExactly("+16502530000",
                "+12024561111", "+442070313000", "+4930182722720");
        assertThat(r.entities()).allSatisfy(e -> assertThat(e.fields()).containsEntry("path", text.toString())
                .containsEntry("properties.phonenumber", e.value()));
    }

    /**
     * The POP3 views join a client's sessions to the mails they fetched by ID; here records written by the test: one
     * session of 10.0.0.2 fetched mail "m1" (of two), another client's session fetched "m2".
     */
    @Test
    void pop3SessionsAndTheirMails() throws Exception {
        Path dir = tmp.resolve("pop3");
        Files.createDirectories(dir);
        var opts = io.netcap.io.WriterOptions.defaults("test.pcap");
        try (var w = io.netcap.io.RecordWriter.create(dir, io.netcap.types.RecordType.POP3, opts)) {
            w.write(io.netcap.types.POP3.newBuilder().setClientIP("10.0.0.2").setUser("joe").setPass("secret")
                    .setAuthToken("dG9rZW4=").addMailIDs("m1").setTimestamp(1_600_000_000_000_000_000L).build());
            w.write(io.netcap.types.POP3.newBuilder().setClientIP("10.0.0.3").setUser("ann").addMailIDs("m2").build());
        }
        try (var w = io.netcap.io.RecordWriter.create(dir, io.netcap.types.RecordType.Mail, opts)) {
            w.write(io.netcap.types.Mail.newBuilder().setID("m1").setFrom("a@example.org").setTo("joe@example.org")
                    .setSubject("Hello").addBody(io.netcap.types.MailPart.newBuilder().setContent("hi there")).build());
            w.write(io.netcap.types.Mail.newBuilder().setID("m2").setFrom("b@example.org").setSubject("Other").build());
        }
        String joe = "path=" + dir.resolve("POP3.ncap.gz") + "#ipaddr=10.0.0.2";
        Response mails = transform("toMails", "10.0.0.2", joe);
        assertThat(mails.values("netcap.Email")).containsExactly("Hello\na@example.org");
        assertThat(mails.entities().getFirst().display().get("Netcap Info")).contains("hi there")
                .contains("2020-09-13 12:26:40 +0000 UTC"); // the session's time
        assertThat(transform("toMailFrom", "x", joe).values("netcap.Email")).containsExactly("a@example.org");
        assertThat(transform("toMailTo", "x", joe).values("netcap.Email")).containsExactly("joe@example.org");
        assertThat(transform("toMailUsers", "x", joe).values("maltego.Person")).containsExactly("joe");
        assertThat(transform("toMailUserPassword", "joe", joe).values("maltego.Password")).containsExactly("secret");
        assertThat(transform("toMailUserPassword", "ann", joe).entities()).isEmpty();
        assertThat(transform("toMailAuthTokens", "x", joe).values("maltego.Token")).containsExactly("dG9rZW4=");
        assertThat(transform("toMailFrom", "x", "path=" + dir.resolve("POP3.ncap.gz") + "#ipaddr=10.0.0.3")
                .values("netcap.Email")).containsExactly("b@example.org");
    }

    /** The vulnerabilities and exploits of a capture's software; records written by the test. */
    @Test
    void vulnerabilitiesAndExploits() throws Exception {
        Path dir = tmp.resolve("vulns");
        Files.createDirectories(dir);
        var opts = io.netcap.io.WriterOptions.defaults("test.pcap");
        var apache = io.netcap.types.Software.newBuilder().setVendor("Apache").setProduct("httpd").setVersion("2.4.49")
                .addFlows("10.0.0.2:50000->10.0.0.1:80").build();
        try (var w = io.netcap.io.RecordWriter.create(dir, io.netcap.types.RecordType.Vulnerability, opts)) {
            w.write(io.netcap.types.Vulnerability.newBuilder().setID("CVE-2021-41773").setSoftware(apache)
                    .setDescription("Path traversal <in> httpd 2.4.49").build());
        }
        try (var w = io.netcap.io.RecordWriter.create(dir, io.netcap.types.RecordType.Exploit, opts)) {
            w.write(io.netcap.types.Exploit.newBuilder().setID("50383").setSoftware(apache).setDescription("RCE")
                    .setPlatform("multiple").setTyp("webapps").build());
        }
        Response v = transform("toSoftwareVulnerabilities", "x", "path=" + dir.resolve("Vulnerability.ncap.gz"));
        assertThat(v.entities()).singleElement().satisfies(e -> {
            assertThat(e.value()).isEqualTo("CVE-2021-41773\nApache httpd / 2.4.49");
            assertThat(e.fields()).containsEntry("software", "httpd 2.4.49")
                    .containsEntry("flows", "10.0.0.2:50000->10.0.0.1:80");
            assertThat(e.display()).containsEntry("Description", "Path traversal &lt;in&gt; httpd 2.4.49");
        });
        Response x = transform("toSoftwareExploits", "x", "path=" + dir.resolve("Exploit.ncap.gz"));
        assertThat(x.values("netcap.Exploit")).containsExactly("50383\nhttpd / 2.4.49\nRCE");
        assertThat(x.entities().getFirst().fields()).containsEntry("platform", "multiple").containsEntry("type", "webapps");
    }

    /**
     * The filtered views leave out peers named (by the database directory's hosts file) on the domain allow list, and
     * keep the connections whose size is among the twelve largest; all of them when there are twelve or fewer.
     */
    @Test
    void filteredViewsLeaveOutAllowedDomainsAndKeepTheLargest() throws Exception {
        Path dir = captured();
        Path root = tmp.resolve("config");
        Path dbs = Files.createDirectories(root.resolve("dbs"));
        Map<String, String> env = Map.of("NC_CONFIG_ROOT", root.toString());
        String conns = "path=" + dir.resolve("Connection.ncap.gz");
        String flow = CLIENT + ":50153->" + SERVER + ":80";
        Response none = transform(env, "toOutgoingConnsFiltered", CLIENT, conns + "#ipaddr=" + CLIENT);
        assertThat(none.values("netcap.Connection")).containsExactly(flow);
        assertThat(none.messages()).contains("Inform: no " + dbs.resolve("domain-whitelist.csv") + ": nothing left out");
        assertThat(transform(env, "toHTTPHostsFiltered", CLIENT, conns + "#ipaddr=" + CLIENT).values("netcap.Host"))
                .containsExactly("httpbin.org");
        Files.writeString(dbs.resolve("hosts"), SERVER + "\twww.httpbin.org\n");
        Files.writeString(dbs.resolve("domain-whitelist.csv"), "# rank,domain\n1,example.org\n");
        assertThat(transform(env, "toOutgoingConnsFiltered", CLIENT, conns + "#ipaddr=" + CLIENT).values("netcap.Connection"))
                .containsExactly(flow);
        Response incoming = transform(env, "toIncomingConnsFiltered", SERVER, conns + "#ipaddr=" + SERVER);
        assertThat(incoming.entities()).singleElement().satisfies(e -> assertThat(e.fields())
                .containsEntry("link#maltego.link.direction", "output-to-input"));
        Files.writeString(dbs.resolve("domain-whitelist.csv"), "1,example.org\n2,httpbin.org\n");
        assertThat(transform(env, "toOutgoingConnsFiltered", CLIENT, conns + "#ipaddr=" + CLIENT).entities()).isEmpty();
        assertThat(transform(env, "toHTTPHostsFiltered", CLIENT, conns + "#ipaddr=" + CLIENT).entities()).isEmpty();
        assertThat(transform(env, "toIncomingConnsFiltered", SERVER, conns + "#ipaddr=" + SERVER).entities())
                .as("the client has no name").hasSize(1);

        // fifteen connections of sizes 1 to 15 from one address: the twelve largest
        Path many = Files.createDirectories(tmp.resolve("many"));
        try (var w = io.netcap.io.RecordWriter.create(many, io.netcap.types.RecordType.Connection,
                io.netcap.io.WriterOptions.defaults("test.pcap"))) {
            for (int i = 1; i <= 15; i++) {
                w.write(io.netcap.types.Connection.newBuilder().setSrcIP("10.0.0.2").setSrcPort(Integer.toString(40000 + i))
                        .setDstIP("10.0.0.1").setDstPort("80").setTransportProto("TCP").setTotalSize(i).build());
            }
        }
        Response top = transform(env, "toOutgoingConnsFiltered", "10.0.0.2", "path=" + many.resolve("Connection.ncap.gz")
                + "#ipaddr=10.0.0.2");
        assertThat(top.entities()).extracting(e -> Integer.parseInt(e.fields().get("totalsize")))
                .containsExactlyInAnyOrder(4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    }

    /**
     * toAuditRecordsUsingDPI captures with -dpi: the client's application and its category are those ndpiReader finds
     * for the sample's one flow ("[proto: 7.265/HTTP.AmazonAWS]", "[cat: Cloud/13]"); its packets are those from the
     * request on (docs/enrichment.md: packets before nDPI decides count nothing), the frames from TShark's first with
     * TCP payload.
     */
    @Test
    void dpiApplicationsEqualNdpiReader() throws Exception {
        CaptureDpiCorpusTest.requireNdpi();
        Path pcap = tmp.resolve("dpi.pcap");
        Files.copy(SAMPLE, pcap);
        String reader = CaptureDpiCorpusTest.ndpiReader(pcap).join();
        java.util.regex.Matcher flow = java.util.regex.Pattern.compile("\\[proto: [0-9.]+/([^\\]]+)\\].*\\[cat: ([^/\\]]+)/")
                .matcher(reader);
        assertThat(flow.find()).as(reader).isTrue();
        Response r = transform("toAuditRecordsUsingDPI", "dpi.pcap", "path=" + pcap);
        assertThat(r.messages()).containsExactly("Inform: completed!");
        String profiles = "path=" + tmp.resolve("dpi.pcap.net").resolve("IPProfile.ncap.gz") + "#ipaddr=" + CLIENT;
        Response apps = transform("toApplications", CLIENT, profiles);
        assertThat(apps.values("netcap.Application")).containsExactly(flow.group(1));
        if (io.netcap.testing.Tshark.available()) {
            List<String> lengths = io.netcap.testing.Tshark.run("-r", SAMPLE.toString(), "-T", "fields", "-e", "tcp.len")
                    .strip().lines().toList();
            int first = lengths.indexOf(lengths.stream().filter(l -> !l.equals("0")).findFirst().orElseThrow());
            assertThat(apps.entities().getFirst().fields()).containsEntry("link#maltego.link.label",
                    (lengths.size() - first) + " pkts");
        }
        assertThat(transform("toApplicationCategories", CLIENT, profiles).values("netcap.ApplicationCategory"))
                .containsExactly(flow.group(2));
        assertThat(transform("toApplicationsForCategory", flow.group(2), profiles).values("netcap.Application"))
                .containsExactly(flow.group(1));
    }

    /**
     * toNetworkInterfaces lists the interfaces the kernel names in /proc/net/dev, those that are down too; each one the
     * JDK lists (those that are up) with the JDK's index and MTU.
     */
    @Test
    void networkInterfacesAreTheKernels() throws Exception {
        Path dev = Path.of("/proc/net/dev");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(dev), "no /proc/net/dev: not Linux");
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(dev)) {
            if (line.contains(":")) {
                names.add(line.substring(0, line.indexOf(':')).strip());
            }
        }
        Response r = transform("toNetworkInterfaces", "x", "a=b");
        assertThat(new java.util.TreeSet<>(r.values("netcap.Interface"))).isEqualTo(names);
        for (java.net.NetworkInterface nic : java.net.NetworkInterface.networkInterfaces().toList()) {
            assertThat(r.entities()).filteredOn(e -> e.value().equals(nic.getName())).singleElement()
                    .satisfies(e -> assertThat(e.fields()).containsEntry("index", Integer.toString(nic.getIndex()))
                            .containsEntry("mtu", Integer.toString(nic.getMTU())));
        }
    }

    @Test
    void maltegoArgumentsAreReadAsTheOriginalReadsThem() {
        LocalTransform t = LocalTransform.parse(List.of("the value", "path=/a/b.pcap#ipaddr=1.2.3.4#q=x\\=y&amp;z#bare",
                "mac=aa:bb\nc"));
        assertThat(t.value()).isEqualTo("the value");
        assertThat(t.values()).containsExactlyInAnyOrderEntriesOf(Map.of("path", "/a/b.pcap", "ipaddr", "1.2.3.4",
                "q", "x=y&z", "bare", "", "mac", "aa:bb c"));
        assertThat(t.get("absent")).isEmpty();
    }
}
