package io.netcap.packet.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netcap.packet.Packet;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Live capture on the loopback interface (root and libpcap only; otherwise skipped with a message).
 * Datagrams go to 127.0.0.1 only.
 */
class LiveCaptureTest {
    private static final int DATAGRAMS = 20;
    private static final int ETHERNET_HEADER = 14;

    private static void requireLiveCapture() {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean libpcap = LiveCapture.libpcapAvailable();
        if (!root || !libpcap) {
            System.err.println("SKIPPED: live capture test needs root and libpcap (root=" + root + ", libpcap=" + libpcap + ")");
        }
        assumeTrue(root && libpcap, "live capture needs root and libpcap");
    }

    @Test
    @Timeout(30)
    void capturesExactlyTheFilteredDatagramsOnLoopback() throws Exception {
        requireLiveCapture();
        try (DatagramSocket p1 = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket p2 = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket sender = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port1 = p1.getLocalPort();
            int port2 = p2.getLocalPort();
            List<int[]> ports = new CopyOnWriteArrayList<>();
            Set<String> seen = ConcurrentHashMap.newKeySet();
            LiveCapture capture = LiveCapture.open("lo", "udp and port " + port1, LiveCapture.DEFAULT_SNAPLEN, true,
                    Duration.ofMillis(100));
            assertThat(capture.linkType()).isEqualTo(LinkType.ETHERNET);
            Thread reader = Thread.ofPlatform().name("live-reader").start(() -> {
                try {
                    Packet p;
                    while ((p = capture.next()) != null) {
                        byte[] b = p.bytes();
                        int ip = ETHERNET_HEADER;
                        int ihl = (b[ip] & 0x0f) * 4;
                        int udp = ip + ihl;
                        int src = ((b[udp] & 0xff) << 8) | (b[udp + 1] & 0xff);
                        int dst = ((b[udp + 2] & 0xff) << 8) | (b[udp + 3] & 0xff);
                        ports.add(new int[] {b[ip + 9], src, dst});
                        seen.add(new String(b, udp + 8, b.length - udp - 8, StandardCharsets.US_ASCII));
                        assertThat(p.timestampNanos()).isPositive();
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            try {
                for (int i = 0; i < DATAGRAMS; i++) {
                    byte[] a = ("match-" + i).getBytes(StandardCharsets.US_ASCII);
                    byte[] b = ("other-" + i).getBytes(StandardCharsets.US_ASCII);
                    sender.send(new DatagramPacket(a, a.length, p1.getLocalSocketAddress()));
                    sender.send(new DatagramPacket(b, b.length, p2.getLocalSocketAddress()));
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (seen.size() < DATAGRAMS && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                // give stray packets outside the filter a moment to show up, if the filter leaked
                Thread.sleep(200);
            } finally {
                capture.breakLoop();
                reader.join(5_000);
                capture.close();
            }
            for (int i = 0; i < DATAGRAMS; i++) {
                assertThat(seen).contains("match-" + i);
            }
            assertThat(seen).noneMatch(s -> s.startsWith("other-"));
            assertThat(ports).allSatisfy(p -> {
                assertThat(p[0]).as("IP protocol").isEqualTo(17);
                assertThat(p[1] == port1 || p[2] == port1).isTrue();
                assertThat(p[1] == port2 || p[2] == port2).isFalse();
            });
            assertThat(capture.packetsRead()).isEqualTo(ports.size());
        }
    }

    @Test
    void missingInterfaceAndBadFilterAreClearErrors() {
        requireLiveCapture();
        assertThatThrownBy(() -> LiveCapture.open("no-such-if0", null, 1514, false, Duration.ofMillis(100)))
                .isInstanceOf(IOException.class).hasMessageContaining("no-such-if0");
        assertThatThrownBy(() -> LiveCapture.open("lo", "udp and and", 1514, false, Duration.ofMillis(100)))
                .isInstanceOf(IOException.class).hasMessageContaining("does not compile");
    }

    @Test
    @Timeout(60)
    void captureWithoutPermissionIsAClearError() throws Exception {
        requireLiveCapture();
        java.nio.file.Path runuser = java.nio.file.Path.of("/usr/sbin/runuser");
        assumeTrue(java.nio.file.Files.isExecutable(runuser), "runuser not available");
        String classes = java.nio.file.Path.of(LiveCapture.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + java.io.File.pathSeparator
                + java.nio.file.Path.of(PermissionProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(runuser.toString(), "-u", "nobody", "--", javaBin, "--enable-native-access=ALL-UNNAMED",
                "-cp", classes, PermissionProbe.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        // where the checkout is not readable by "nobody", the probe cannot even start: skip
        assumeTrue(out.startsWith("ERROR") || out.startsWith("OPENED"), "probe could not run as nobody: " + out);
        assertThat(out).startsWith("ERROR capture on lo not permitted").contains("CAP_NET_RAW");
    }

    @Test
    void missingLibpcapIsAClearError() {
        assertThatThrownBy(() -> Libpcap.load("libpcap-does-not-exist.so.9", "libnothing.so"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("libpcap not found")
                .hasMessageContaining("libpcap-does-not-exist.so.9")
                .hasMessageContaining("apt-get install libpcap0.8");
    }

    @Test
    void interfacesListLoopback() throws IOException {
        List<NetInterface> all = LiveCapture.interfaces();
        assertThat(all).isNotEmpty();
        assertThat(all).anySatisfy(i -> {
            assertThat(i.flags()).contains("loopback", "up");
            assertThat(i.addresses()).anyMatch(a -> a.startsWith("127.") || a.startsWith("0:0:0:0:0:0:0:1"));
            assertThat(i.index()).isPositive();
        });
        assertThat(all).extracting(NetInterface::index).isSorted();
    }
}
