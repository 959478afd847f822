package io.netcap.decoder.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.WireSink;
import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.StreamCounters;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.StreamSelector;
import io.netcap.decoder.stream.StreamSession;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.decoder.stream.software.SoftwareStore;
import io.netcap.types.RecordType;
import io.netcap.types.Service;
import io.netcap.types.Software;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conversations fed through the stream layer's tap; one record per server IP:port, independent of order. */
class ServiceStoreTest {
    private static final long S = 1_000_000_000L;
    private final ServiceCounters counters = new ServiceCounters();
    private final StreamEnv env = new StreamEnv((t, m) -> { }, FileExtraction.OFF, (k, c, m) -> { });

    private ServiceStore store(ServiceConfig config, String... lines) {
        List<String> file = new ArrayList<>(List.of("Probe TCP NULL q||"));
        file.addAll(List.of(lines));
        return new ServiceStore(config, new ServiceProbes(ProbeFile.parse(file, counters), config, counters),
                (port, transport) -> port == 21 ? "ftp" + transport : "");
    }

    /** One TCP conversation through a {@link StreamSession} with no stream decoder, tapped by the store. */
    private static void converse(ServiceStore store, int clientPort, String server, long start, String clientSays,
                                 byte[] serverSays) {
        Conversation c = new Conversation(Conversation.Transport.TCP, "192.0.2.1", clientPort, server, 21, start);
        StreamSession s = new StreamSession(c, new StreamSelector(List.of()), new StreamEnv((t, m) -> { },
                FileExtraction.OFF, (k, x, m) -> { }), new StreamCounters(), 1 << 20);
        s.tap(store.open(c));
        if (serverSays.length > 0) {
            s.data(Direction.SERVER_TO_CLIENT, serverSays, 0, serverSays.length, start + 1);
        }
        byte[] client = clientSays.getBytes(StandardCharsets.US_ASCII);
        s.data(Direction.CLIENT_TO_SERVER, client, 0, client.length, start + 2);
        s.end(EndReason.FIN);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static List<Service> emit(ServiceStore store, List<Software> software) {
        List<Service> out = new ArrayList<>();
        SoftwareStore table = new SoftwareStore(SoftwareStore.DEFAULT_CAP, () -> null);
        store.emit((type, b, n) -> {
            assertThat(type).isEqualTo(RecordType.Service);
            Service s = (Service) WireSink.parse(type, b, n);
            // written in wire format: byte for byte the generated serialisation of the values read back
            assertThat(Arrays.copyOf(b, n)).isEqualTo(s.toByteArray());
            out.add(s);
        }, software == null ? null : table);
        table.emit(software == null ? s -> { } : software::add);
        return out;
    }

    @Test
    void oneRecordPerServerWithTheLongestBannerAndAllFlows() {
        ServiceStore store = store(ServiceConfig.defaults(),
                "match ftp m|^220 ProFTPD (\\S+) Server| p/ProFTPD/ v/$1/ cpe:/a:proftpd:proftpd:$1/");
        converse(store, 40002, "198.51.100.9", 5 * S, "USER x\r\n", ascii("220 ProFTPD 1.3.8 Server (x)\r\n"));
        converse(store, 40001, "198.51.100.9", 3 * S, "QUIT\r\n", ascii("220 ProFTPD 1.3.8 Server\r\n"));
        converse(store, 40003, "198.51.100.9", 7 * S, "", new byte[0]); // no server bytes: only its flow
        converse(store, 40004, "198.51.100.8", 9 * S, "", new byte[0]); // never served: no service
        List<Software> software = new ArrayList<>();
        List<Service> out = emit(store, software);
        assertThat(out).hasSize(1);
        Service s = out.getFirst();
        assertThat(s.getIP()).isEqualTo("198.51.100.9");
        assertThat(s.getPort()).isEqualTo(21);
        assertThat(s.getProtocol()).isEqualTo("TCP");
        assertThat(s.getName()).isEqualTo("ftpTCP");
        assertThat(s.getBanner()).isEqualTo("220 ProFTPD 1.3.8 Server (x)\r\n");
        assertThat(s.getTimestamp()).isEqualTo(5 * S);
        // the byte counts are the earliest conversation's: "220 ProFTPD 1.3.8 Server\r\n" and "QUIT\r\n"
        assertThat(s.getBytesServer()).isEqualTo(26);
        assertThat(s.getBytesClient()).isEqualTo(6);
        assertThat(s.getFlowsList()).containsExactly("192.0.2.1:40001->198.51.100.9:21",
                "192.0.2.1:40002->198.51.100.9:21", "192.0.2.1:40003->198.51.100.9:21");
        assertThat(s.getProduct()).isEqualTo("ProFTPD");
        assertThat(s.getVersion()).isEqualTo("1.3.8");
        assertThat(s.getVendor()).isEqualTo("proftpd");
        assertThat(software).singleElement().satisfies(w -> {
            assertThat(w.getSourceName()).isEqualTo("Service Probe Match: NULL-0");
            assertThat(w.getNotes()).isEqualTo("Protocol: TCP");
            assertThat(w.getProduct()).isEqualTo("ProFTPD");
            assertThat(w.getVersion()).isEqualTo("1.3.8");
        });
    }

    @Test
    void theBannerIsCutAtBsizeEvenOfTenMegabytes() {
        ServiceStore store = store(ServiceConfig.defaults(), "match ftp m|^220 (\\w+)| p/$1/");
        byte[] big = new byte[10 << 20];
        java.util.Arrays.fill(big, (byte) 'x');
        System.arraycopy(ascii("220 Huge"), 0, big, 0, 8);
        converse(store, 40000, "198.51.100.7", S, "", big);
        Service s = emit(store, null).getFirst();
        assertThat(s.getBanner()).hasSize(256).startsWith("220 Huge");
        assertThat(s.getBytesServer()).isEqualTo(10 << 20);
        assertThat(s.getProduct()).isEqualTo("Hugexxxxxxxxxxxxxxxx".substring(0, 4) + "x".repeat(248));
    }

    @Test
    void theBannerIsTheServersFirstTurn() {
        ServiceStore store = store(ServiceConfig.defaults());
        Conversation c = new Conversation(Conversation.Transport.TCP, "192.0.2.1", 40000, "198.51.100.7", 21, S);
        StreamSession s = new StreamSession(c, new StreamSelector(List.of()), env, new StreamCounters(), 1 << 20);
        s.tap(store.open(c));
        byte[][] turns = {ascii("220-Hello\r\n"), ascii("220 there\r\n"), ascii("USER x\r\n"), ascii("331 Password\r\n")};
        s.data(Direction.SERVER_TO_CLIENT, turns[0], 0, turns[0].length, S + 1);
        s.data(Direction.SERVER_TO_CLIENT, turns[1], 0, turns[1].length, S + 2);
        s.data(Direction.CLIENT_TO_SERVER, turns[2], 0, turns[2].length, S + 3);
        s.data(Direction.SERVER_TO_CLIENT, turns[3], 0, turns[3].length, S + 4);
        s.end(EndReason.FIN);
        Service r = emit(store, null).getFirst();
        assertThat(r.getBanner()).isEqualTo("220-Hello\r\n220 there\r\n");
        assertThat(r.getBytesServer()).isEqualTo(11 + 11 + 14);
    }

    @Test
    void servicesAndFlowsAreCapped() {
        ServiceStore store = store(ServiceConfig.defaults().withCaps(2, 2));
        for (int i = 0; i < 4; i++) {
            converse(store, 40000 + i, "198.51.100." + i, S, "", ascii("x"));
        }
        for (int i = 0; i < 3; i++) {
            converse(store, 41000 + i, "198.51.100.0", S, "", ascii("x"));
        }
        List<Service> out = emit(store, null);
        assertThat(out).extracting(Service::getIP).containsExactly("198.51.100.0", "198.51.100.1");
        assertThat(out.getFirst().getFlowsCount()).isEqualTo(2);
        assertThat(counters.servicesOverCap()).isEqualTo(2);
        assertThat(counters.stats()).containsEntry("service_flows_over_cap", 2L);
    }

    /** Services come out by address text, then port: addresses that share their first 16 characters or a prefix. */
    @Test
    void servicesAreOrderedByAddressTextThenPort() {
        ServiceStore store = store(ServiceConfig.defaults());
        List<String> ips = List.of("10.0.0.9", "10.0.0.10", "10.0.0.1", "100.0.0.1", "2001:db8:1:2:3:4:5:6",
                "2001:db8:1:2:3:4:5:10", "2001:db8:1:2:3:4:5:7", "2001:db8::1", "2001:db8::", "9.9.9.9", "10.0.0.100");
        for (int i = 0; i < ips.size(); i++) {
            converse(store, 40000 + i, ips.get(i), S, "", ascii("x"));
            converse(store, 41000 + i, ips.get(i), S, "", ascii("x")); // a second flow: still one service
        }
        List<String> expected = new ArrayList<>(ips);
        expected.sort(null);
        assertThat(emit(store, null)).extracting(Service::getIP).containsExactlyElementsOf(expected);
    }

    @Test
    void invalidUtf8InTheBannerIsReplaced() {
        ServiceStore store = store(ServiceConfig.defaults());
        converse(store, 40000, "198.51.100.7", S, "", new byte[] {'o', 'k', (byte) 0xff});
        assertThat(emit(store, null).getFirst().getBanner()).isEqualTo("ok\uFFFD");
    }

    /**
     * A banner of well-formed UTF-8 is its text; any other is decoded with replacement characters (an overlong
     * form, an encoded surrogate, a sequence cut at the end), as Java's decoder does.
     */
    @Test
    void bannersAreDecodedAsUtf8() {
        byte[][] banners = {
            "caf\u00e9 \u20ac \uD83D\uDE00\r\n".getBytes(StandardCharsets.UTF_8),
            {'a', (byte) 0xc0, (byte) 0xaf, 'b'},
            {'a', (byte) 0xed, (byte) 0xa0, (byte) 0x80, 'b'},
            {'a', (byte) 0xe2, (byte) 0x82},
            {0, 1, 2, (byte) 0x80, 0x16, 3, 1},
        };
        for (int i = 0; i < banners.length; i++) {
            ServiceStore store = store(ServiceConfig.defaults());
            converse(store, 40000, "198.51.100.7", S, "", banners[i]);
            assertThat(emit(store, null).getFirst().getBanner()).as("banner %d", i)
                    .isEqualTo(new String(banners[i], StandardCharsets.UTF_8));
        }
    }

    @Test
    void theHostnameIsTheLookedUpNameThenADifferentProbeHostname() {
        ServiceStore store = store(ServiceConfig.defaults(), "match ftp m|^220 (\\S+) FTP| p/Example FTP/ h/$1/")
                .withHostNames(new HostNames() {
                    final java.util.Set<String> prefetched = new java.util.HashSet<>();

                    @Override
                    public void prefetch(String ip) {
                        assertThat(prefetched.add(ip)).as("one prefetch per server").isTrue();
                    }

                    @Override
                    public String name(String ip) {
                        assertThat(prefetched).contains(ip);
                        return ip.endsWith(".9") ? "ftp.example.net." : "";
                    }
                });
        converse(store, 40001, "198.51.100.9", S, "", ascii("220 box9 FTP\r\n"));
        converse(store, 40002, "198.51.100.9", 2 * S, "", ascii("220 box9 FTP\r\n"));
        converse(store, 40003, "198.51.100.8", S, "", ascii("220 box8 FTP\r\n"));
        converse(store, 40004, "198.51.100.7", S, "", ascii("no match\r\n"));
        assertThat(emit(store, null)).extracting(Service::getIP, Service::getHostname).containsExactly(
                org.assertj.core.groups.Tuple.tuple("198.51.100.7", ""),
                org.assertj.core.groups.Tuple.tuple("198.51.100.8", "box8"),
                org.assertj.core.groups.Tuple.tuple("198.51.100.9", "ftp.example.net. | box9"));
        assertThat(ServiceStore.hostname("a.example.", "a.example.")).isEqualTo("a.example.");
    }

    /** Two servers of one product and version: one Software record, the earlier server's (one key per capture). */
    @Test
    void probeMatchesOfOneProductAndVersionGiveOneSoftwareRecord() {
        ServiceStore store = store(ServiceConfig.defaults(),
                "match ftp m|^220 ProFTPD (\\S+) Server| p/ProFTPD/ v/$1/");
        converse(store, 40001, "198.51.100.9", 5 * S, "", ascii("220 ProFTPD 1.3.8 Server\r\n"));
        converse(store, 40002, "198.51.100.8", 3 * S, "", ascii("220 ProFTPD 1.3.8 Server\r\n"));
        converse(store, 40003, "198.51.100.7", 4 * S, "", ascii("220 ProFTPD 1.3.7 Server\r\n"));
        List<Software> software = new ArrayList<>();
        assertThat(emit(store, software)).hasSize(3);
        assertThat(software).extracting(Software::getVersion, Software::getTimestamp).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1.3.8", 3 * S), org.assertj.core.groups.Tuple.tuple("1.3.7", 4 * S));
        assertThat(software.getFirst().getFlowsList()).containsExactly("192.0.2.1:40002->198.51.100.8:21");
    }

    /** UDP datagrams of one conversation through a session tapped by the store, alternating client and server. */
    private static void udp(ServiceStore store, String server, int port, long start, String... datagrams) {
        Conversation c = new Conversation(Conversation.Transport.UDP, "192.0.2.1", 5353, server, port, start);
        StreamSession s = new StreamSession(c, new StreamSelector(List.of()), new StreamEnv((t, m) -> { },
                FileExtraction.OFF, (k, x, m) -> { }), new StreamCounters(), 1 << 20);
        s.tap(store.open(c));
        for (int i = 0; i < datagrams.length; i++) {
            byte[] d = ascii(datagrams[i]);
            s.data(i % 2 == 0 ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT, d, 0, d.length, start + i);
        }
        s.end(EndReason.IDLE);
    }

    /**
     * UDP services as the original's: one per server from the first conversation, answered or not, the banner the
     * first -bsize bytes of all server datagrams, matched with the UDP port's category; TCP and UDP of one IP:port
     * are two services.
     */
    @Test
    void udpServices() {
        ServiceStore store = store(ServiceConfig.defaults(), "match domain m|^ans(\\d)| p/Example DNS/ v/$1/");
        udp(store, "198.51.100.9", 53, 2 * S, "query", "ans1", "again", "ans2");
        udp(store, "198.51.100.9", 53, 3 * S, "query", "ans7 longer answer");
        udp(store, "198.51.100.8", 514, S, "syslog line");
        converse(store, 40001, "198.51.100.9", S, "", ascii("220 hi\r\n"));
        List<Software> software = new ArrayList<>();
        List<Service> out = emit(store, software);
        assertThat(out).extracting(Service::getIP, Service::getPort, Service::getProtocol, Service::getBanner,
                Service::getName).containsExactly(
                org.assertj.core.groups.Tuple.tuple("198.51.100.8", 514, "UDP", "", ""),
                org.assertj.core.groups.Tuple.tuple("198.51.100.9", 21, "TCP", "220 hi\r\n", "ftpTCP"),
                org.assertj.core.groups.Tuple.tuple("198.51.100.9", 53, "UDP", "ans1ans2", ""));
        Service dns = out.get(2);
        assertThat(dns.getTimestamp()).isEqualTo(2 * S);
        assertThat(dns.getBytesServer()).isEqualTo(8);
        assertThat(dns.getBytesClient()).isEqualTo(10);
        assertThat(dns.getFlowsList()).containsExactly("192.0.2.1:5353->198.51.100.9:53");
        assertThat(dns.getProduct()).isEqualTo("Example DNS");
        assertThat(dns.getVersion()).isEqualTo("1");
        assertThat(software).singleElement().satisfies(w -> assertThat(w.getNotes()).isEqualTo("Protocol: UDP"));
    }
}
