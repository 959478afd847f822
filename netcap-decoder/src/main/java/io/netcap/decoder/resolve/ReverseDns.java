package io.netcap.decoder.resolve;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Reverse DNS ({@code -reverse-dns}, docs/enrichment.md "Reverse DNS"): the names of a server address for
 * {@code Service.Hostname}, joined by {@code "; "} as the original joins them. Private, loopback and link-local
 * addresses are never looked up (the original's list). A lookup starts on a small pool of its own when a service
 * is first seen ({@link #prefetch}), so no worker waits for DNS; the answer is taken at the end of the capture,
 * waiting at most until {@link #TIMEOUT_NANOS} after the lookup started. Failures and timeouts are remembered
 * as "no name", as the original caches them. The cache holds {@link #DEFAULT_CAP} addresses; addresses beyond
 * it are not looked up and are counted.
 */
public final class ReverseDns implements AutoCloseable {
    /** The original's timeout of one lookup. */
    public static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    public static final int DEFAULT_CAP = 100_000;
    /** Lookups at the same time: the resolver of the operating system blocks a thread per lookup. */
    static final int THREADS = 4;

    /** The names of an address, as the resolver gives them; an exception is a failed lookup. */
    @FunctionalInterface
    public interface PtrLookup {
        List<String> names(InetAddress address) throws Exception;
    }

    /**
     * The JDK's resolver (the system's: {@code /etc/hosts}, then DNS, as nsswitch says). It gives one name, and
     * the address text when there is none.
     */
    public static final PtrLookup SYSTEM = a -> {
        String name = a.getCanonicalHostName();
        return name.equals(a.getHostAddress()) ? List.of() : List.of(name);
    };

    private record Lookup(CompletableFuture<List<String>> names, long deadlineNanos) {}

    private static final Lookup NONE = new Lookup(CompletableFuture.completedFuture(List.of()), 0);

    private final PtrLookup resolver;
    private final long timeoutNanos;
    private final int cap;
    private final ExecutorService pool;
    private final ConcurrentHashMap<String, Lookup> cache = new ConcurrentHashMap<>();
    private final AtomicLong lookups = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong privateSkipped = new AtomicLong();
    private final AtomicLong overCap = new AtomicLong();

    public ReverseDns(PtrLookup resolver, long timeoutNanos, int cap) {
        this.resolver = resolver;
        this.timeoutNanos = timeoutNanos;
        this.cap = cap;
        this.pool = Executors.newFixedThreadPool(THREADS, r -> Thread.ofPlatform().daemon().name("netcap-reverse-dns")
                .unstarted(r));
    }

    /** The system's resolver with the original's timeout. */
    public static ReverseDns system() {
        return new ReverseDns(SYSTEM, TIMEOUT_NANOS, DEFAULT_CAP);
    }

    /** Starts looking up {@code ip} (an address text) unless it is known, private, or the cache is full. */
    public void prefetch(String ip) {
        lookup(ip, false);
    }

    /** The names of {@code ip} joined by {@code "; "}, or "": waits for a running lookup until its deadline. */
    public String names(String ip) {
        Lookup l = lookup(ip, true);
        try {
            long left = l.deadlineNanos - System.nanoTime();
            List<String> names = l.names.isDone() ? l.names.get() : l.names.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            return names.stream().map(ReverseDns::absolute).collect(Collectors.joining("; "));
        } catch (TimeoutException e) {
            timedOut.incrementAndGet();
            cache.put(ip, NONE); // as a failure: not asked again, and every later question gets the same answer
            return "";
        } catch (ExecutionException e) {
            return ""; // counted where it failed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The lookup of {@code ip}, started if need be; {@code count}: an address not looked up is counted. */
    private Lookup lookup(String ip, boolean count) {
        Lookup l = cache.get(ip);
        if (l != null) {
            return l;
        }
        InetAddress a;
        try {
            a = InetAddress.ofLiteral(ip);
        } catch (IllegalArgumentException e) {
            return NONE;
        }
        if (privateAddress(a)) {
            if (count) {
                privateSkipped.incrementAndGet();
            }
            return NONE;
        }
        if (cache.size() >= cap) {
            if (count) {
                overCap.incrementAndGet();
            }
            return NONE;
        }
        return cache.computeIfAbsent(ip, k -> {
            lookups.incrementAndGet();
            CompletableFuture<List<String>> f = new CompletableFuture<>();
            try {
                pool.execute(() -> {
                    try {
                        f.complete(List.copyOf(resolver.names(a)));
                    } catch (Exception | StackOverflowError e) {
                        failed.incrementAndGet();
                        f.complete(List.of());
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                f.complete(List.of()); // closed
            }
            return new Lookup(f, System.nanoTime() + timeoutNanos);
        });
    }

    /**
     * The original's private address space, never looked up: 127/8, 10/8, 172.16/12, 192.168/16, 169.254/16,
     * ::1, fe80::/10, fc00::/7, and link-local multicast (224.0.0/24, ff02::/16).
     */
    public static boolean privateAddress(InetAddress a) {
        byte[] b = a.getAddress();
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (a.isLoopbackAddress() || a.isLinkLocalAddress()) {
            return true; // 127/8, ::1, 169.254/16, fe80::/10
        }
        if (b.length == 4) {
            return b0 == 10 || (b0 == 172 && (b1 & 0xf0) == 16) || (b0 == 192 && b1 == 168)
                    || (b0 == 224 && b1 == 0 && b[2] == 0);
        }
        return (b0 & 0xfe) == 0xfc || (b0 == 0xff && (b1 & 0x0f) == 2);
    }

    /** Go's resolver gives names as absolute domain names, with the final dot; so did the original's records. */
    private static String absolute(String name) {
        return name.endsWith(".") ? name : name + ".";
    }

    /** Counters for the summary's statistics. */
    public Map<String, Long> stats() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("reverse_dns_lookups", lookups.get());
        m.put("reverse_dns_failed", failed.get());
        m.put("reverse_dns_timeouts", timedOut.get());
        m.put("reverse_dns_private_skipped", privateSkipped.get());
        m.put("reverse_dns_over_cap", overCap.get());
        return m;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
