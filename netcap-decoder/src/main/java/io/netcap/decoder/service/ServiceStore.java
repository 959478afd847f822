package io.netcap.decoder.service;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.ConversationTap;
import io.netcap.types.Service;
import io.netcap.types.Software;
import io.netcap.decoder.stream.software.SoftwareStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The capture's TCP services, one per server {@code IP:port} (docs/enrichment.md, "Service"). Every worker's
 * TCP conversations report here through a {@link ConversationTap}; at the end of the capture {@link #emit} matches
 * each service's banner against the probes and writes the records. The result does not depend on the number
 * of workers: the banner kept is the longest (the earliest of equally long ones), the byte counts are the
 * earliest conversation's, and the flows are sorted.
 */
public final class ServiceStore implements ConversationTap.Factory {
    private final ServiceConfig config;
    private final ServiceProbes probes;
    private final IntFunction<String> names;
    private final ServiceCounters counters;
    private final Map<String, Entry> services = new ConcurrentHashMap<>();
    private HostNames hostNames = HostNames.NONE;

    private static final class Entry {
        final String ip;
        final int port;
        long firstNanos;
        long bytesServer;
        long bytesClient;
        byte[] banner;
        long bannerNanos;
        final Set<String> flows = new LinkedHashSet<>();

        Entry(String ip, int port) {
            this.ip = ip;
            this.port = port;
        }
    }

    /** @param names the service name of a TCP port ({@code -serviceDB}), or null for none */
    public ServiceStore(ServiceConfig config, ServiceProbes probes, IntFunction<String> names) {
        this.config = config;
        this.probes = probes;
        this.names = names;
        this.counters = probes.counters();
    }

    public ServiceCounters counters() {
        return counters;
    }

    /** Where {@code Hostname} comes from besides the probes' {@code h/} (docs/enrichment.md, "Reverse DNS"). */
    public ServiceStore withHostNames(HostNames names) {
        this.hostNames = names;
        return this;
    }

    /** The counters of the store and of its host name source, for the summary. */
    public Map<String, Long> stats() {
        Map<String, Long> m = new java.util.LinkedHashMap<>(counters.stats());
        m.putAll(hostNames.stats());
        return m;
    }

    /** Services held. */
    public int size() {
        return services.size();
    }

    @Override
    public ConversationTap open(Conversation c) {
        return c.transport() == Conversation.Transport.TCP ? new Banner(config.bannerSize()) : null;
    }

    /**
     * Collects the server's first turn: its bytes until the client speaks after them, at most {@code -bsize}.
     * A probe line describes one answer, so later replies (an FTP server's {@code 331} after {@code USER}) are
     * left out (docs/enrichment.md, "Service").
     */
    private final class Banner implements ConversationTap {
        private final byte[] bytes;
        private int len;
        private boolean turnOver;

        Banner(int size) {
            bytes = new byte[Math.max(0, size)];
        }

        @Override
        public void data(Direction d, byte[] b, int off, int n) {
            if (d == Direction.CLIENT_TO_SERVER) {
                turnOver |= len > 0 && n > 0;
                return;
            }
            int take = turnOver ? 0 : Math.min(n, bytes.length - len);
            if (take > 0) {
                System.arraycopy(b, off, bytes, len, take);
                len += take;
            }
        }

        @Override
        public void end(Conversation c) {
            offer(c, Arrays.copyOf(bytes, len));
        }
    }

    /** One ended TCP conversation and the first server bytes it carried. */
    void offer(Conversation c, byte[] banner) {
        String key = c.serverIp() + ":" + c.serverPort();
        boolean served = c.bytes(Direction.SERVER_TO_CLIENT) > 0;
        if (!services.containsKey(key) && (!served || services.size() >= config.maxServices())) {
            if (served) {
                counters.servicesOverCap.incrementAndGet();
            }
            return;
        }
        services.compute(key, (k, e) -> {
            if (e == null) {
                e = new Entry(c.serverIp(), c.serverPort());
                e.firstNanos = Long.MAX_VALUE;
                hostNames.prefetch(c.serverIp());
            }
            if (served && c.firstSeenNanos() < e.firstNanos) {
                e.firstNanos = c.firstSeenNanos();
                e.bytesServer = c.bytes(Direction.SERVER_TO_CLIENT);
                e.bytesClient = c.bytes(Direction.CLIENT_TO_SERVER);
            }
            if (served && (e.banner == null || banner.length > e.banner.length
                    || (banner.length == e.banner.length && c.firstSeenNanos() < e.bannerNanos))) {
                e.banner = banner;
                e.bannerNanos = c.firstSeenNanos();
            }
            if (e.flows.size() < config.maxFlows()) {
                e.flows.add(c.ident());
            } else if (!e.flows.contains(c.ident())) {
                counters.flowsOverCap.incrementAndGet();
            }
            return e;
        });
    }

    /**
     * Matches every banner and writes one Service record per service, sorted by address and port, and, when
     * {@code software} is not null, offers one Software sighting per matching probe line to it: the capture's
     * software table then writes one record per product and version, whichever source saw it first
     * (docs/enrichment.md, "Software").
     */
    public void emit(Consumer<Service> records, SoftwareStore software) {
        List<Entry> all = new ArrayList<>(services.values());
        all.sort(Comparator.comparing((Entry e) -> e.ip).thenComparingInt(e -> e.port));
        // the same banner on the same port is the same answer: servers of one product repeat their banners, and
        // matching one against thousands of probe lines is the cost of these records
        Map<String, Identification> seen = new HashMap<>();
        for (Entry e : all) {
            Identification id = seen.computeIfAbsent(e.port + " " + new String(e.banner, StandardCharsets.ISO_8859_1),
                    k -> probes.match(e.banner, e.banner.length, e.port));
            List<String> flows = new ArrayList<>(e.flows);
            flows.sort(null);
            Service s = Service.newBuilder()
                    .setTimestamp(e.bannerNanos)
                    .setIP(e.ip)
                    .setPort(e.port)
                    .setName(name(e.port))
                    .setBanner(new String(e.banner, StandardCharsets.UTF_8))
                    .setProtocol("TCP")
                    .addAllFlows(flows)
                    .setProduct(id.product())
                    .setVendor(id.vendor())
                    .setVersion(id.version())
                    .setBytesServer((int) Math.min(Integer.MAX_VALUE, e.bytesServer))
                    .setBytesClient((int) Math.min(Integer.MAX_VALUE, e.bytesClient))
                    .setHostname(hostname(hostNames.name(e.ip), id.hostname()))
                    .setOS(id.os())
                    .build();
            records.accept(s);
            if (software != null) {
                for (Identification.Hit h : id.hits()) {
                    if (!h.soft()) {
                        software.offerOnce(software(h, e.bannerNanos, flows));
                    }
                }
            }
        }
        hostNames.close();
    }

    /**
     * The original sets the looked-up name when it creates the service; a probe's {@code h/} that differs is
     * appended after {@code " | "}, as every further match value is.
     */
    static String hostname(String looked, String probed) {
        if (probed.isEmpty() || probed.equals(looked)) {
            return looked;
        }
        return looked.isEmpty() ? probed : looked + " | " + probed;
    }

    /** The original's Software record of a probe match (docs/enrichment.md, "Service"). */
    static Software software(Identification.Hit h, long tsNanos, List<String> flows) {
        return Software.newBuilder()
                .setTimestamp(tsNanos)
                .setProduct(h.product())
                .setVendor(h.vendor())
                .setVersion(h.version())
                .setOS(h.os())
                .setService(h.service())
                .setSourceName("Service Probe Match: " + h.ident())
                .setNotes("Protocol: TCP")
                .addAllFlows(flows)
                .build();
    }

    private String name(int port) {
        String n = names == null ? null : names.apply(port);
        return n == null ? "" : n;
    }
}
