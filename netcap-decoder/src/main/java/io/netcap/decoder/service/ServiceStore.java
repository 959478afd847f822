package io.netcap.decoder.service;

import io.netcap.decoder.WireSink;
import io.netcap.decoder.WireWriter;
import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.ConversationTap;
import io.netcap.types.RecordType;
import io.netcap.types.Software;
import io.netcap.decoder.stream.software.SoftwareStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The capture's TCP and UDP services, one per server {@code IP:port} and transport (docs/enrichment.md,
 * "Service"). Every worker's conversations report here through a {@link ConversationTap}; at the end of the capture {@link #emit} matches
 * each service's banner against the probes and writes the records. The result does not depend on the number
 * of workers: the banner kept is the longest (the earliest of equally long ones), the byte counts are the
 * earliest conversation's, and the flows are sorted.
 */
public final class ServiceStore implements ConversationTap.Factory {
    private final ServiceConfig config;
    /** The probes and port names, asked for only when the records are written: they may still be loading until then. */
    private final Supplier<Matching> matching;
    private final ServiceCounters counters;
    private final Map<String, Entry> services = new ConcurrentHashMap<>();
    private HostNames hostNames = HostNames.NONE;

    /** The service name of a port of {@code TCP} or {@code UDP} ({@code -serviceDB}). */
    @FunctionalInterface
    public interface PortNames {
        String name(int port, String transport);
    }

    private static final class Entry {
        final String ip;
        final int port;
        final boolean udp;
        long firstNanos;
        long bytesServer;
        long bytesClient;
        byte[] banner;
        long bannerNanos;
        final Set<String> flows = new LinkedHashSet<>();

        /** The first 16 characters of {@link #ip}, one byte each and padded with zeros, when it is ASCII without NUL. */
        final long ipHigh;
        final long ipLow;
        final boolean packed;

        Entry(String ip, int port, boolean udp) {
            this.ip = ip;
            this.port = port;
            this.udp = udp;
            long high = 0;
            long low = 0;
            boolean ascii = true;
            for (int i = 0; i < 16; i++) {
                int c = i < ip.length() ? ip.charAt(i) : 0;
                ascii &= c < 0x80 && (c != 0 || i >= ip.length());
                if (i < 8) {
                    high = high << 8 | c;
                } else {
                    low = low << 8 | c;
                }
            }
            for (int i = 16; i < ip.length(); i++) {
                ascii &= ip.charAt(i) < 0x80;
            }
            this.ipHigh = high;
            this.ipLow = low;
            this.packed = ascii;
        }

        String protocol() {
            return udp ? "UDP" : "TCP";
        }

        List<String> sortedFlows() {
            String[] a = flows.toArray(new String[0]);
            Arrays.sort(a);
            return Arrays.asList(a);
        }
    }

    /**
     * What writing the records needs beside the conversations: the probes, and the service name of a port
     * ({@code -serviceDB}; null for none).
     */
    public record Matching(ServiceProbes probes, PortNames names) {}

    /** @param names the service name of a port ({@code -serviceDB}), or null for none */
    public ServiceStore(ServiceConfig config, ServiceProbes probes, PortNames names) {
        this(config, probes.counters(), () -> new Matching(probes, names));
    }

    /**
     * A store whose probes and port names come from {@code matching} when the records are written, so reading them
     * can overlap the capture (docs/engine.md, "Start-up"); {@code counters} are the ones the probes count into.
     */
    public ServiceStore(ServiceConfig config, ServiceCounters counters, Supplier<Matching> matching) {
        this.config = config;
        this.matching = matching;
        this.counters = counters;
    }

    public ServiceCounters counters() {
        return counters;
    }

    /** Where {@code Hostname} comes from besides the probes' {@code h/} (docs/enrichment.md, "Reverse DNS"). */
    public ServiceStore withHostNames(HostNames names) {
        this.hostNames = names;
        return this;
    }

    /** The counters of the store and of its host name source, for the summary; the probe file's once it is read. */
    public Map<String, Long> stats() {
        try {
            matching.get();
        } catch (RuntimeException e) {
            // the probe file failed to load: its counters stay as far as they got, and the failure is reported where
            // the records are written
        }
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
        return new Banner(config.bannerSize(), c.transport() == Conversation.Transport.UDP);
    }

    /**
     * Collects the server's first turn: its bytes until the client speaks after them, at most {@code -bsize}.
     * A probe line describes one answer, so later replies (an FTP server's {@code 331} after {@code USER}) are
     * left out (docs/enrichment.md, "Service"). Of a UDP conversation, the original's: the first {@code -bsize}
     * bytes of all server datagrams.
     */
    private final class Banner implements ConversationTap {
        private static final byte[] NONE = new byte[0];
        private final int size;
        private final boolean udp;
        /** Made at the first server bytes, as large as they are (most banners come whole in one segment). */
        private byte[] bytes = NONE;
        private int len;
        private boolean turnOver;

        Banner(int size, boolean udp) {
            this.size = Math.max(0, size);
            this.udp = udp;
        }

        @Override
        public void data(Direction d, byte[] b, int off, int n) {
            if (d == Direction.CLIENT_TO_SERVER) {
                turnOver |= !udp && len > 0 && n > 0;
                return;
            }
            int take = turnOver ? 0 : Math.min(n, size - len);
            if (take > 0) {
                if (len + take > bytes.length) {
                    bytes = Arrays.copyOf(bytes, Math.min(size, Math.max(len + take, bytes.length * 2)));
                }
                System.arraycopy(b, off, bytes, len, take);
                len += take;
            }
        }

        @Override
        public void end(Conversation c) {
            offer(c, len == bytes.length ? bytes : Arrays.copyOf(bytes, len));
        }
    }

    /**
     * One ended conversation and the first server bytes it carried. A TCP service exists once its server sent
     * bytes and keeps the longest banner; a UDP service, as the original's, exists from the first conversation
     * towards it, answered or not, and keeps the banner of its earliest conversation.
     */
    void offer(Conversation c, byte[] banner) {
        boolean udp = c.transport() == Conversation.Transport.UDP;
        String key = (udp ? "UDP " : "TCP ") + c.serverIp() + ":" + c.serverPort();
        boolean counts = udp || c.bytes(Direction.SERVER_TO_CLIENT) > 0;
        if (!services.containsKey(key) && (!counts || services.size() >= config.maxServices())) {
            if (counts) {
                counters.servicesOverCap.incrementAndGet();
            }
            return;
        }
        services.compute(key, (k, e) -> {
            if (e == null) {
                e = new Entry(c.serverIp(), c.serverPort(), udp);
                e.firstNanos = Long.MAX_VALUE;
                hostNames.prefetch(c.serverIp());
            }
            boolean earliest = counts && c.firstSeenNanos() < e.firstNanos;
            if (earliest) {
                e.firstNanos = c.firstSeenNanos();
                e.bytesServer = c.bytes(Direction.SERVER_TO_CLIENT);
                e.bytesClient = c.bytes(Direction.CLIENT_TO_SERVER);
            }
            boolean longer = e.banner == null || banner.length > e.banner.length
                    || (banner.length == e.banner.length && c.firstSeenNanos() < e.bannerNanos);
            if (counts && (udp ? earliest : longer)) {
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
    public void emit(WireSink records, SoftwareStore software) {
        Matching m = matching.get();
        ServiceProbes probes = m.probes();
        PortNames names = m.names();
        // The workers are done: the services are sorted and their banners matched on every core.
        Entry[] all = services.values().toArray(new Entry[0]);
        Arrays.parallelSort(all, ServiceStore::byAddress);
        String[] looked = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            looked[i] = hostNames.name(all[i].ip);
        }
        // the same banner on the same port is the same answer: servers of one product repeat their banners, and
        // matching one against thousands of probe lines is the cost of these records. Each answer is matched once,
        // the answers in parallel (the probes' patterns are shared safely), then the records are written.
        Map<Answer, Integer> distinct = new HashMap<>();
        List<Answer> answers = new ArrayList<>();
        int[] answerOf = new int[all.length];
        for (int i = 0; i < all.length; i++) {
            Entry e = all[i];
            Answer a = new Answer(e.udp, e.port, e.banner);
            Integer k = distinct.putIfAbsent(a, answers.size());
            if (k == null) {
                k = answers.size();
                answers.add(a);
            }
            answerOf[i] = k;
        }
        Identification[] matched = new Identification[answers.size()];
        byte[][] banners = new byte[answers.size()][];
        IntStream.range(0, matched.length).parallel().forEach(k -> {
            Answer a = answers.get(k);
            matched[k] = probes.match(a.banner, a.banner.length, a.port, a.udp);
            banners[k] = ServiceWire.banner(a.banner);
        });
        // written here in order, each straight into the sink's buffer: writing costs little beside matching, and
        // records written on every core would each be copied once more
        WireWriter w = new WireWriter();
        for (int i = 0; i < all.length; i++) {
            Entry e = all[i];
            Identification id = matched[answerOf[i]];
            List<String> flows = e.sortedFlows();
            records.open(RecordType.Service, w);
            ServiceWire.write(w, e.bannerNanos, e.ip, e.port, name(names, e.port, e.protocol()), banners[answerOf[i]],
                    e.protocol(), flows, id, (int) Math.min(Integer.MAX_VALUE, e.bytesServer),
                    (int) Math.min(Integer.MAX_VALUE, e.bytesClient), hostname(looked[i], id.hostname()));
            records.close(RecordType.Service, w);
            if (software != null) {
                for (Identification.Hit h : id.hits()) {
                    if (!h.soft()) {
                        software.offerOnce(software(h, e.bannerNanos, flows, e.protocol()));
                    }
                }
            }
        }
        hostNames.close();
    }

    /**
     * A banner on a port: the key of one probe match. Its hash reads the length and at most 16 bytes spread over
     * the banner (hashing every byte of thousands of equal banners cost more under C1 than comparing them, which
     * the equal ones need anyway).
     */
    private record Answer(boolean udp, int port, byte[] banner) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Answer a && a.port == port && a.udp == udp && Arrays.equals(a.banner, banner);
        }

        @Override
        public int hashCode() {
            int n = banner.length;
            int h = n;
            int step = Math.max(1, n / 16);
            for (int i = 0; i < n; i += step) {
                h = h * 31 + banner[i];
            }
            return (h * 31 + port) * 2 + (udp ? 1 : 0);
        }
    }

    /**
     * Address, port, then transport ("TCP" before "UDP"); written out, as a chain of key extractors costs several
     * calls per comparison under C1 and the services of a long capture are many. Addresses that differ in their
     * first 16 characters are ordered by the numbers those pack into, as their text is, without comparing strings.
     */
    private static int byAddress(Entry a, Entry b) {
        int c = 0;
        if (a.packed && b.packed) {
            c = Long.compare(a.ipHigh, b.ipHigh);
            if (c == 0) {
                c = Long.compare(a.ipLow, b.ipLow);
            }
        }
        if (c == 0) {
            c = a.ip.compareTo(b.ip);
        }
        if (c == 0) {
            c = Integer.compare(a.port, b.port);
        }
        return c != 0 ? c : Boolean.compare(a.udp, b.udp);
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
    static Software software(Identification.Hit h, long tsNanos, List<String> flows, String protocol) {
        return Software.newBuilder()
                .setTimestamp(tsNanos)
                .setProduct(h.product())
                .setVendor(h.vendor())
                .setVersion(h.version())
                .setOS(h.os())
                .setService(h.service())
                .setSourceName("Service Probe Match: " + h.ident())
                .setNotes("Protocol: " + protocol)
                .addAllFlows(flows)
                .build();
    }

    private static String name(PortNames names, int port, String transport) {
        String n = names == null ? null : names.name(port, transport);
        return n == null ? "" : n;
    }
}
