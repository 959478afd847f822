package io.netcap.label;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** TShark's per-frame fields of a corpus capture ({@code truth/<capture>.fields.tsv}). */
final class Truth {
    /** One frame; address and port fields empty when the frame has none. */
    record Frame(int number, long epochNanos, String ipSrc, String ipDst, String ipv6Src, String ipv6Dst,
                 String tcpSrcPort, String tcpDstPort, String udpSrcPort, String udpDstPort,
                 String sctpSrcPort, String sctpDstPort, String protocols, String tcpStream, String udpStream) {
        /** The transport protocol as Suricata names it: TCP, UDP, SCTP, else ICMP / IPV6-ICMP by the IP header. */
        String proto() {
            if (!tcpSrcPort.isEmpty()) {
                return "TCP";
            }
            if (!udpSrcPort.isEmpty()) {
                return "UDP";
            }
            if (!sctpSrcPort.isEmpty()) {
                return "SCTP";
            }
            return ipSrc.isEmpty() ? "IPV6-ICMP" : "ICMP";
        }

        /** tshark's conversation of a TCP or UDP frame ({@code tcp.stream}, {@code udp.stream}), else empty. */
        String stream() {
            return !tcpStream.isEmpty() ? "tcp" + tcpStream : !udpStream.isEmpty() ? "udp" + udpStream : "";
        }

        String src() { return ipSrc.isEmpty() ? ipv6Src : ipSrc; }
        String dst() { return ipDst.isEmpty() ? ipv6Dst : ipDst; }
        String srcPort() { return first(tcpSrcPort, udpSrcPort, sctpSrcPort); }
        String dstPort() { return first(tcpDstPort, udpDstPort, sctpDstPort); }

        private static String first(String... v) {
            return Arrays.stream(v).filter(s -> !s.isEmpty()).findFirst().orElse("");
        }
    }

    private Truth() {}

    static List<Frame> frames(Path corpus, String capture) throws IOException {
        List<Frame> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(corpus.resolve("truth").resolve(capture + ".fields.tsv"), StandardCharsets.UTF_8)) {
            List<String> header = List.of(r.readLine().split("\t", -1));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] v = line.split("\t", -1);
                java.util.function.Function<String, String> f = name -> v[header.indexOf(name)];
                out.add(new Frame(Integer.parseInt(f.apply("frame.number")),
                        new BigDecimal(f.apply("frame.time_epoch")).movePointRight(9).longValueExact(),
                        f.apply("ip.src"), f.apply("ip.dst"), f.apply("ipv6.src"), f.apply("ipv6.dst"),
                        f.apply("tcp.srcport"), f.apply("tcp.dstport"), f.apply("udp.srcport"), f.apply("udp.dstport"),
                        f.apply("sctp.srcport"), f.apply("sctp.dstport"), f.apply("frame.protocols"),
                        f.apply("tcp.stream"), f.apply("udp.stream")));
            }
        }
        return out;
    }
}
