package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.packet.Packet;
import io.netcap.packet.source.LinkType;
import io.netcap.packet.source.PacketSource;
import io.netcap.packet.source.PacketSources;
import io.netcap.testing.Tshark;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code net util -mkpacket tcp|udp} and {@code net util -interfaces} (docs/cli.md, "net util"). */
class UtilMkpacketTest {
    private static final String REQUEST = "474554202f20485454502f312e310d0a0d0a"; // "GET / HTTP/1.1\r\n\r\n"

    @TempDir
    Path dir;

    private Run util(String stdin, String... args) {
        CommandLine cmd = Net.commandLine("util", Map.of());
        UtilCommand util = (UtilCommand) cmd.getSubcommands().get("util").getCommand();
        util.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.US_ASCII));
        util.workingDirectory = dir;
        String[] all = new String[args.length + 1];
        all[0] = "util";
        System.arraycopy(args, 0, all, 1, args.length);
        return Run.execute(cmd, all);
    }

    private Packet written() throws IOException {
        try (PacketSource s = PacketSources.open(dir.resolve("packet.pcapng"))) {
            Packet p = s.next().copy();
            assertThat(s.next()).isNull();
            return p;
        }
    }

    /** The fields TShark reads from packet.pcapng, with every checksum checked. */
    private String tshark(String... fields) {
        Tshark.require();
        String[] args = {"-r", dir.resolve("packet.pcapng").toString(), "-o", "ip.check_checksum:TRUE", "-o",
                "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-T", "fields", "-E", "separator=,"};
        String[] all = Arrays.copyOf(args, args.length + 2 * fields.length);
        for (int i = 0; i < fields.length; i++) {
            all[args.length + 2 * i] = "-e";
            all[args.length + 2 * i + 1] = fields[i];
        }
        return Tshark.run(all).strip();
    }

    @Test
    void tcpCarriesThePayloadInAWellFormedFrame() throws IOException {
        Run r = util(REQUEST.substring(0, 10) + " \n" + REQUEST.substring(10).toUpperCase() + "\n", "-mkpacket", "tcp");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("packet.pcapng: one TCP frame of 72 bytes");
        Packet p = written();
        assertThat(p.linkType()).isEqualTo(LinkType.ETHERNET);
        assertThat(HexFormat.of().formatHex(p.bytes()))
                .startsWith("00005e005301" + "00005e005301" + "0800") // Ethernet
                .contains("4500003a01f440008006") // IPv4: length 58, ID 500, DF, TTL 128, TCP
                .contains("7f0000017f000001" + "1f401f41" + "00000000" + "00000000" + "5018ffff") // ports, data offset 5, PSH ACK
                .endsWith(REQUEST);
        assertThat(tshark("ip.checksum.status", "tcp.checksum.status", "ip.len", "tcp.hdr_len", "tcp.srcport",
                "tcp.dstport", "tcp.flags.str", "http.request.method", "_ws.malformed"))
                .isEqualTo("1,1,58,20,8000,8001,·······AP···,GET,");
    }

    @Test
    void udpFromPort52To53() throws IOException {
        Run r = util("0001 0100 0001", "-mkpacket", "udp");
        assertThat(r.status()).isZero();
        assertThat(written().capturedLength()).isEqualTo(14 + 20 + 8 + 6);
        assertThat(tshark("ip.checksum.status", "udp.checksum.status", "ip.proto", "udp.length", "udp.srcport",
                "udp.dstport", "udp.payload")).isEqualTo("1,1,17,14,52,53,000101000001");
    }

    @Test
    void badInputIsOneLineAndNoFile() {
        for (String[] bad : new String[][] {{"0g", "udp", "-mkpacket: not a hex digit at 1: 'g'"},
                {"abc", "tcp", "-mkpacket: odd number of hex digits (3)"},
                {"00", "icmp", "-mkpacket: allowed are tcp and udp, not icmp"},
                {"00".repeat(65_516), "tcp", "-mkpacket: payload of 65516 bytes: an IPv4 datagram holds at most 65495"}}) {
            Run r = util(bad[0], "-mkpacket", bad[1]);
            assertThat(r.status()).as(bad[2]).isEqualTo(1);
            assertThat(r.err()).isEqualTo(bad[2] + "\n");
            assertThat(Files.exists(dir.resolve("packet.pcapng"))).isFalse();
        }
        assertThat(util("00".repeat(65_495), "-mkpacket", "tcp").status()).isZero(); // the largest fits
    }

    @Test
    void anUnwritableDirectoryIsOneLine() throws IOException {
        Files.createDirectory(dir.resolve("packet.pcapng")); // a directory where the file should go
        Run r = util("00", "-mkpacket", "udp");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("-mkpacket: cannot write " + dir.resolve("packet.pcapng") + ": ");
    }

    @Test
    void interfacesAsCaptureListsThem() {
        Run r = util("", "-interfaces");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("Index  Name").isEqualTo(CaptureCommandTest.capture(Map.of(), "-interfaces").out());
    }

    @Test
    void withoutAnActionTheUsage() {
        Run r = util("");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo(Run.net("util", "-h").out()).contains("-mkpacket string").contains("-interfaces\n");
    }
}
