package io.netcap.decoder.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Reverse DNS with a fake resolver: the private-range rule, the cache, the timeout and the cap. */
class ReverseDnsTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void theOriginalsPrivateRangesAreNeverLookedUp() {
        for (String ip : List.of("127.0.0.1", "127.255.255.254", "10.0.0.1", "10.255.255.255", "172.16.0.0",
                "172.31.255.255", "192.168.0.1", "169.254.1.1", "224.0.0.251", "::1", "fe80::1", "febf::1", "fc00::1",
                "fdff::1", "ff02::fb")) {
            assertThat(ReverseDns.privateAddress(InetAddress.ofLiteral(ip))).as(ip).isTrue();
        }
        for (String ip : List.of("8.8.8.8", "11.0.0.1", "172.15.255.255", "172.32.0.0", "192.169.0.1", "169.253.1.1",
                "224.0.1.1", "2001:db8::1", "fec0::1", "fe00::1", "ff05::2", "198.51.100.9")) {
            assertThat(ReverseDns.privateAddress(InetAddress.ofLiteral(ip))).as(ip).isFalse();
        }
    }

    @Test
    void namesAreJoinedAbsoluteAndLookedUpOnce() {
        AtomicInteger asked = new AtomicInteger();
        try (ReverseDns dns = new ReverseDns(a -> {
            asked.incrementAndGet();
            return List.of("a.example.net", "b.example.net.");
        }, SECOND, 10)) {
            dns.prefetch("198.51.100.9");
            assertThat(dns.names("198.51.100.9")).isEqualTo("a.example.net.; b.example.net.");
            assertThat(dns.names("198.51.100.9")).isEqualTo("a.example.net.; b.example.net.");
            dns.prefetch("10.1.2.3");
            assertThat(dns.names("10.1.2.3")).isEmpty();
            assertThat(dns.names("not an address")).isEmpty();
            assertThat(asked).hasValue(1);
            assertThat(dns.stats()).containsEntry("reverse_dns_lookups", 1L)
                    .containsEntry("reverse_dns_private_skipped", 1L);
        }
    }

    @Test
    void failuresAreCachedAsNoName() {
        AtomicInteger asked = new AtomicInteger();
        try (ReverseDns dns = new ReverseDns(a -> {
            asked.incrementAndGet();
            throw new java.net.UnknownHostException("NXDOMAIN");
        }, SECOND, 10)) {
            assertThat(dns.names("203.0.113.5")).isEmpty();
            assertThat(dns.names("203.0.113.5")).isEmpty();
            assertThat(asked).hasValue(1);
            assertThat(dns.stats()).containsEntry("reverse_dns_failed", 1L);
        }
    }

    @Test
    void aHangingResolverCostsAtMostTheTimeoutAndIsNotAskedAgain() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        try (ReverseDns dns = new ReverseDns(a -> {
            asked.incrementAndGet();
            never.await();
            return List.of("late.example.net");
        }, TimeUnit.MILLISECONDS.toNanos(200), 10)) {
            long start = System.nanoTime();
            assertThat(dns.names("203.0.113.7")).isEmpty();
            assertThat(System.nanoTime() - start).isLessThan(5 * SECOND);
            assertThat(dns.names("203.0.113.7")).isEmpty();
            assertThat(asked).hasValue(1);
            assertThat(dns.stats()).containsEntry("reverse_dns_timeouts", 1L);
        }
    }

    @Test
    void addressesBeyondTheCapAreCountedNotLookedUp() {
        try (ReverseDns dns = new ReverseDns(a -> List.of("h" + a.getHostAddress().replace('.', '-')), SECOND, 2)) {
            assertThat(dns.names("203.0.113.1")).isEqualTo("h203-0-113-1.");
            assertThat(dns.names("203.0.113.2")).isEqualTo("h203-0-113-2.");
            dns.prefetch("203.0.113.3");
            assertThat(dns.names("203.0.113.3")).isEmpty();
            assertThat(dns.stats()).containsEntry("reverse_dns_lookups", 2L).containsEntry("reverse_dns_over_cap", 1L);
        }
    }

    /** The JDK's resolver on the loopback address, answered from /etc/hosts without any network. */
    @Test
    void theSystemResolverNamesTheLoopbackFromTheHostsFile() throws Exception {
        Path hosts = Path.of("/etc/hosts");
        assumeTrue(Files.isReadable(hosts), "no /etc/hosts");
        List<String> listed = Files.readAllLines(hosts).stream()
                .map(l -> l.replaceAll("#.*", "").trim().split("\\s+"))
                .filter(f -> f.length > 1 && f[0].equals("127.0.0.1"))
                .flatMap(f -> java.util.Arrays.stream(f, 1, f.length)).toList();
        assumeTrue(!listed.isEmpty(), "/etc/hosts names no 127.0.0.1");
        assertThat(ReverseDns.SYSTEM.names(InetAddress.ofLiteral("127.0.0.1"))).singleElement().isIn(listed);
    }
}
