package io.netcap.cli;

import static io.netcap.cli.TransformCommandTest.transform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netcap.cli.TransformCommandTest.Entity;
import io.netcap.cli.TransformCommandTest.Response;
import io.netcap.testing.Corpus;
import io.netcap.testing.Tshark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transforms that start programs, with stand-in programs that write down the arguments they were given: what
 * each one is told to open, what is refused, and the packets the Wireshark views cut from a corpus capture, counted
 * against TShark's display filter on the same capture.
 */
class LaunchersTest {
    @TempDir
    Path tmp;

    /** A stand-in: writes its arguments, one per line, to {@code <program>.args} and exits with {@code status}. */
    private Path program(String name, int status) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$0.args\"\nexit " + status + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static List<String> argsOf(Path program) throws Exception {
        return Files.readAllLines(Path.of(program + ".args"));
    }

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", tmp.resolve("bin") + ":/usr/sbin:/usr/bin:/bin");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void filesFoldersAndLinksGoToTheFileHandler() throws Exception {
        Path opener = program("opener", 0);
        Map<String, String> env = env("NETCAP_MALTEGO_OPEN_FILE_CMD", opener.toString());
        Path page = Files.writeString(tmp.resolve("page.html"), "<html>hello</html>");
        Response r = transform(env, "openFile", "x", "location=" + page);
        assertThat(r.messages()).contains("Inform: started " + opener + " " + page, "Inform: completed!");
        assertThat(argsOf(opener)).containsExactly(page.toString());

        transform(env, "openFolder", "x", "location=" + page);
        assertThat(argsOf(opener)).containsExactly(tmp.toString());
        transform(env, "openVulnerability", "x", "id=CVE-2021-44228");
        assertThat(argsOf(opener)).containsExactly("https://nvd.nist.gov/vuln/detail/CVE-2021-44228");
        assertThat(transform(env, "openVulnerability", "x", "id=../../x").messages())
                .containsExactly("FatalError: id: not an ID: ../../x");
        transform(env, "openContentTypeFolder", "x", "path=" + tmp.resolve("out/File.ncap.gz")
                + "#properties.contenttype=image/jpeg");
        assertThat(argsOf(opener)).containsExactly(tmp.resolve("out/files/image/jpeg").toString());

        Path exploits = Files.createDirectories(tmp.resolve("exploits"));
        Path poc = Files.writeString(exploits.resolve("poc.txt"), "steps");
        transform(env("NETCAP_MALTEGO_OPEN_FILE_CMD", opener.toString(), "NC_MALTEGO_EXPLOIT_DIRECTORY",
                exploits.toString()), "openExploit", "x", "file=poc.txt");
        assertThat(argsOf(opener)).containsExactly(poc.toString());
        assertThat(transform(env("NC_MALTEGO_EXPLOIT_DIRECTORY", exploits.toString()), "openExploit", "x",
                "file=../page.html").messages()).singleElement().asString().startsWith("FatalError: file: outside");

        // the handler's own failure within the grace time is the transform's
        Path failing = program("failing", 3);
        assertThat(transform(env("NETCAP_MALTEGO_OPEN_FILE_CMD", failing.toString()), "openFile", "x",
                "location=" + page).messages()).containsExactly("FatalError: " + failing + " failed (exit status 3)");
        assertThat(transform(env("NETCAP_MALTEGO_OPEN_FILE_CMD", "no-such-opener"), "openFile", "x",
                "location=" + page).messages()).containsExactly("FatalError: no-such-opener not found on the PATH");
    }

    /** Extracted files are whatever the traffic carried: nothing that could run is handed to the file handler. */
    @Test
    void executablesAreNotOpened() throws Exception {
        Path opener = program("opener", 0);
        Map<String, String> env = env("NETCAP_MALTEGO_OPEN_FILE_CMD", opener.toString());
        Map<Path, String> refused = Map.of(
                Files.write(tmp.resolve("a"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1}), "ELF",
                Files.write(tmp.resolve("b.dat"), new byte[] {'M', 'Z', (byte) 0x90, 0}), "a Windows executable (MZ)",
                Files.write(tmp.resolve("c"), new byte[] {(byte) 0xcf, (byte) 0xfa, (byte) 0xed, (byte) 0xfe}), "Mach-O",
                Files.writeString(tmp.resolve("d.txt"), "#!/bin/sh\nrm -rf ~\n"), "a script (#!)",
                Files.writeString(tmp.resolve("setup.exe"), "text"), "its name",
                Files.writeString(tmp.resolve("image.bin"), "text"), "its name");
        Path marked = Files.writeString(tmp.resolve("marked.txt"), "text");
        Files.setPosixFilePermissions(marked, PosixFilePermissions.fromString("rwxr--r--"));
        Map<Path, String> all = new HashMap<>(refused);
        all.put(marked, "its execute permission");
        for (var e : all.entrySet()) {
            for (String t : List.of("openFile", "openImage")) {
                assertThat(transform(env, t, "x", "location=" + e.getKey()).messages()).as(t + " " + e.getKey())
                        .containsExactly("FatalError: " + e.getKey() + ": executable (" + e.getValue() + "), not opened");
            }
        }
        assertThat(Path.of(opener + ".args")).doesNotExist();
        // the disassembler is for executables
        Path disassembler = program("disassembler", 0);
        transform(env("NETCAP_MALTEGO_OPEN_DISASM_CMD", disassembler.toString()), "openFileInDisassembler", "x",
                "location=" + tmp.resolve("a"));
        assertThat(argsOf(disassembler)).containsExactly(tmp.resolve("a").toString());
    }

    /** Terminals as the original tells them the folder: --working-directory= for *-terminal, --workdir= for qterminal. */
    @Test
    void terminalOpensInTheRecordsFolder() throws Exception {
        Path pcap = Files.write(tmp.resolve("trace.pcap"), new byte[0]);
        Path records = Files.createDirectories(tmp.resolve("trace.pcap.net"));
        Path gnome = program("gnome-terminal", 0);
        transform(env("NETCAP_MALTEGO_OPEN_TERMINAL_CMD", gnome.toString()), "openNetcapFolderInTerminal", "x",
                "path=" + pcap);
        assertThat(argsOf(gnome)).containsExactly("--working-directory=" + records);
        Path qterminal = program("qterminal", 0);
        transform(env("NETCAP_MALTEGO_OPEN_TERMINAL_CMD", qterminal.toString()), "openNetcapFolderInTerminal", "x",
                "path=" + pcap);
        assertThat(argsOf(qterminal)).containsExactly("--workdir=" + records);
        Path opener = program("opener", 0);
        transform(env("NETCAP_MALTEGO_OPEN_FILE_CMD", opener.toString()), "openNetcapFolder", "x", "path=" + pcap);
        assertThat(argsOf(opener)).containsExactly(records.toString());
    }

    /**
     * The Wireshark views on zeek's bro.org capture, after toAuditRecords: a connection's packets, a device's frames
     * and a port's packets, each as many as TShark's display filter of the same selection finds in the capture, and
     * Wireshark (a stand-in) given the cut file; the same filter again opens the same file.
     */
    @Test
    void wiresharkGetsThePacketsOfTheSelection() throws Exception {
        Corpus.require();
        Tshark.require();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump")),
                "tcpdump not installed (./test.sh installs it)");
        Path pcap = Files.copy(Corpus.pcaps().resolve("zeek__bro.org.pcap"), tmp.resolve("bro.pcap"));
        assertThat(transform("toAuditRecords", "x", "path=" + pcap).messages()).contains("Inform: completed!");
        Path records = tmp.resolve("bro.pcap.net");
        Path wireshark = program("wireshark", 0);

        Entity c = transform("toConnectionsForPort", "80", "path=" + records.resolve("Connection.ncap.gz") + "#port=80")
                .entities().getFirst();
        String props = "path=" + records.resolve("Connection.ncap.gz") + "#" + List.of("srcip", "srcport", "dstip",
                "dstport").stream().map(k -> k + "=" + c.fields().get(k)).collect(Collectors.joining("#"));
        Response r = transform(env(), "openConnectionInWireshark", "x", props);
        Path cut = Path.of(argsOf(wireshark).getFirst());
        assertThat(cut.getParent()).isEqualTo(records.resolve("extractedStreams"));
        assertThat(r.messages()).contains("Inform: started " + wireshark + " " + cut);
        String f = c.fields().get("srcip").contains(":") ? "ipv6.addr" : "ip.addr";
        assertThat(frames(cut)).as(cut.toString()).isPositive().isEqualTo(frames(pcap, f + "==" + c.fields().get("srcip")
                + " && " + f + "==" + c.fields().get("dstip") + " && tcp.port==" + c.fields().get("srcport")
                + " && tcp.port==" + c.fields().get("dstport")));
        long modified = Files.getLastModifiedTime(cut).toMillis();
        transform(env(), "openFlowInWireshark", "x", props);
        assertThat(argsOf(wireshark)).containsExactly(cut.toString());
        assertThat(Files.getLastModifiedTime(cut).toMillis()).isEqualTo(modified);

        String mac = Tshark.run("-r", pcap.toString(), "-c", "1", "-T", "fields", "-e", "eth.src").strip();
        transform(env(), "openDeviceTrafficInWireshark", "x", "path=" + records.resolve("DeviceProfile.ncap.gz")
                + "#mac=" + mac);
        assertThat(frames(Path.of(argsOf(wireshark).getFirst()))).isEqualTo(frames(pcap, "eth.addr==" + mac));
        transform(env(), "openTrafficForPortInWireshark", "x", "path=" + records.resolve("TCP.ncap.gz") + "#port=80");
        assertThat(frames(Path.of(argsOf(wireshark).getFirst()))).isEqualTo(frames(pcap, "tcp.port==80 || udp.port==80"));

        // values that are not what the filter takes never reach tcpdump
        assertThat(transform(env(), "openTrafficInWireshark", "x", "path=" + records.resolve("TCP.ncap.gz")
                + "#ipaddr=example.com").messages()).containsExactly("FatalError: ipaddr: not an IP address: example.com");
        assertThat(transform(env(), "openTrafficForPortInWireshark", "x", "path=" + records.resolve("TCP.ncap.gz")
                + "#port=80 or 1=1").messages()).containsExactly("FatalError: port: not a port: 80 or 1=1");
        // records that are not in <capture>.net have no capture to cut from
        assertThat(transform(env(), "openTrafficForPortInWireshark", "x", "path=" + tmp.resolve("x/TCP.ncap.gz")
                + "#port=80").messages()).singleElement().asString().endsWith("so its capture is unknown");
    }

    /** reloadAuditRecordsFromDisk and toLiveAuditRecords list what toAuditRecords listed, without capturing again. */
    @Test
    void recordFilesAreListedAgain() throws Exception {
        Path pcap = Files.copy(TransformCommandTest.SAMPLE, tmp.resolve("sample.pcap"));
        Response first = transform("toAuditRecords", "x", "path=" + pcap);
        assertThat(first.entities()).isNotEmpty();
        assertThat(listing(transform("reloadAuditRecordsFromDisk", "x", "path=" + pcap))).isEqualTo(listing(first));
        Files.move(tmp.resolve("sample.pcap.net"), tmp.resolve("eth0.net"));
        Response live = transform(env("HOME", tmp.toString()), "toLiveAuditRecords", "eth0", "x=y");
        assertThat(live.entities()).extracting(e -> e.type() + " " + e.value() + " "
                + e.fields().get("link#maltego.link.label")).isEqualTo(listing(first).stream()
                .map(l -> l.substring(0, l.lastIndexOf(' '))).toList());
        assertThat(transform(env("HOME", tmp.toString()), "toLiveAuditRecords", "../etc", "x=y").messages())
                .containsExactly("FatalError: not an interface name: ../etc");
        assertThat(transform(env("HOME", tmp.toString()), "toLiveAuditRecords", "wlan9", "x=y").messages())
                .containsExactly("FatalError: " + tmp.resolve("wlan9.net") + ": no such folder");
    }

    /** Type, value, link label and file name of each record file entity. */
    private static List<String> listing(Response r) {
        return r.entities().stream().map(e -> e.type() + " " + e.value() + " " + e.fields().get("link#maltego.link.label")
                + " " + Path.of(e.fields().get("path")).getFileName()).toList();
    }

    /**
     * startCaptureProcess on the loopback interface with a BPF filter, datagrams to one port meanwhile, and
     * stopCaptureProcess: both answer with the record files, and the UDP records are those of the filter's port.
     */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void liveCaptureStartsAndStops() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean libpcap = io.netcap.packet.source.LiveCapture.libpcapAvailable();
        if (!root || !libpcap) {
            System.err.println("SKIPPED: live capture from Maltego needs root and libpcap (root=" + root + ", libpcap="
                    + libpcap + ")");
        }
        assumeTrue(root && libpcap, "live capture needs root and libpcap");
        Map<String, String> env = env("HOME", tmp.toString());
        assertThat(transform(env, "stopCaptureProcess", "lo", "x=y").messages())
                .containsExactly("FatalError: no capture to stop: nothing answers at http://127.0.0.1:60589/cleanup");
        try (java.net.DatagramSocket target = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress());
             java.net.DatagramSocket sender = new java.net.DatagramSocket()) {
            int port = target.getLocalPort();
            var started = new java.util.concurrent.CompletableFuture<Response>();
            Thread capture = Thread.ofPlatform().start(() -> {
                try {
                    started.complete(transform(env, "startCaptureProcess", "lo", "bpf=udp and port " + port));
                } catch (Throwable t) {
                    started.completeExceptionally(t);
                }
            });
            byte[] payload = "netcap".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Response stopped = null;
            List<String> said = new java.util.ArrayList<>();
            for (int i = 0; i < 400 && stopped == null && !started.isDone(); i++) {
                sender.send(new java.net.DatagramPacket(payload, payload.length, target.getLocalSocketAddress()));
                Thread.sleep(50);
                if (i >= 20 && i % 10 == 0) {
                    Response r = transform(env, "stopCaptureProcess", "lo", "x=y");
                    said.addAll(r.messages());
                    stopped = r.messages().contains("Inform: completed!") ? r : null; // 503 before it has started
                }
            }
            assertThat(stopped).as("the capture stopped: " + said + (started.isDone() ? " " + started.get() : ""))
                    .isNotNull();
            Response stop = stopped;
            Response ended = started.get(60, java.util.concurrent.TimeUnit.SECONDS);
            capture.join();
            assertThat(ended.messages()).contains("Inform: completed!");
            assertThat(listing(ended)).isEqualTo(listing(stop));
            Entity udp = stop.entities().stream().filter(e -> e.type().equals("netcap.UDPAuditRecords")).findFirst()
                    .orElseThrow(() -> new AssertionError("no UDP records: " + listing(stop)));
            assertThat(Long.parseLong(udp.fields().get("link#maltego.link.label"))).isPositive();
            try (var reader = io.netcap.io.RecordReader.open(Path.of(udp.fields().get("path")))) {
                for (var m = reader.next(); m != null; m = reader.next()) {
                    assertThat(((io.netcap.types.UDP) m).getDstPort()).isEqualTo(port);
                }
            }
        }
    }

    private static long frames(Path capture, String filter) {
        String out = Tshark.run("-r", capture.toString(), "-Y", filter, "-T", "fields", "-e", "frame.number").strip();
        return out.isEmpty() ? 0 : out.split("\n").length;
    }

    private static long frames(Path capture) {
        String out = Tshark.run("-r", capture.toString(), "-T", "fields", "-e", "frame.number").strip();
        return out.isEmpty() ? 0 : out.split("\n").length;
    }
}
