package io.netcap.decoder.flow;

import io.netcap.decoder.ConnectionCaps;
import io.netcap.decoder.Digests;
import io.netcap.decoder.WireSink;
import io.netcap.decoder.WireWriter;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.StreamTally;
import io.netcap.packet.layer.Addresses;
import io.netcap.packet.layer.IpProtocol;
import io.netcap.types.Connection;
import io.netcap.types.RecordType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The Connection packet decoder (docs/original.md, "Connection"): one bidirectional record per connection key, with the
 * original's counters, plus a Community ID v1 string. A worker owns one instance; the engine shards
 * packets so that every packet of a key reaches the same instance.
 *
 * <p>Beyond the original, connections are also emitted when idle for {@code idleTimeoutNanos} or alive for
 * {@code activeTimeoutNanos} (measured in packet time, checked every {@code checkEvery} packets), so
 * memory stays bounded on long live captures; the rest are emitted by {@link #flush} at shutdown. The table also
 * has a cap ({@code maxConnections}): when a flood of new keys fills it, the tenth of it seen longest ago is
 * emitted at once, as a timeout would emit it (a connection that goes on starts a new record), and counted
 * ({@link #flushedAtCap}).
 *
 * <p>With TCP reassembly on, the stream layer attaches each packet's connection ({@link #tally}) to its TCP
 * connection, so the record also carries the stream's delivered and missed bytes (docs/streams.md,
 * "Connection records and reassembly").
 */
public final class ConnectionDecoder {
    public static final String NAME = "Connection";

    /**
     * The three flow hashes of the key; the decimal key string is only built for the UID at emit time.
     * Mutable only for the decoder's lookup probe: keys in the table are never changed.
     */
    private static final class Key {
        long link;
        long network;
        long transport;

        Key(long link, long network, long transport) {
            this.link = link;
            this.network = network;
            this.transport = transport;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.network == network && k.transport == transport && k.link == link;
        }

        @Override
        public int hashCode() {
            // The value a record of the three longs gives, so the table's iteration order (expiry order) is as before.
            return (Long.hashCode(link) * 31 + Long.hashCode(network)) * 31 + Long.hashCode(transport);
        }
    }

    /**
     * Connections in the table of a decoder made without a cap (tools and tests). A capture shares
     * {@link ConnectionCaps#forHeap()} among its workers, as the stream layer does.
     */
    public static final int DEFAULT_MAX_CONNECTIONS = ConnectionCaps.MAX;

    private final Map<Key, State> table = new HashMap<>();
    /** The cap in force: the one given, lowered by {@link #shrink}. */
    private int maxConnections;
    private long flushedAtCap;
    /** Reused for lookups: C1 does no escape analysis, so a key per lookup would be a real allocation. */
    private final Key probe = new Key(0, 0, 0);
    private final WireSink out;
    private final long idleTimeoutNanos;
    private final long activeTimeoutNanos;
    private final int checkEvery;
    private final int communityIdSeed;
    /** Packet time between two scans of the table: a tenth of the shorter timeout, at least one second. */
    private final long scanInterval;
    private int sinceCheck;
    /** The state the previous packet updated (cleared whenever states leave the table). */
    private State last;
    /** The state the current packet updated, even when a scan has cleared {@link #last} since. */
    private State current;
    private long lastScan = Long.MIN_VALUE;
    private final Text text = new Text();
    /** Names of DPI protocol ids ({@link PacketFacts#dpiProtocol}) and of their categories, with {@code -dpi}. */
    private LongFunction<String> dpiName = p -> "";
    private LongFunction<String> dpiCategory = p -> "";
    /** The connection whose record the sink is being handed (null otherwise): for the tests' builder oracle. */
    private State writing;
    /*
     * The flow hashes of the last distinct MAC pair and address pair: consecutive packets mostly share
     * them (one gateway, one flow), and comparing numbers costs less than hashing twelve or thirty-two
     * bytes. The hashes are symmetric, so either direction of the cached pair matches.
     */
    private long cachedMacA = -1;
    private long cachedMacB = -1;
    private long cachedLinkHash;
    private int cachedIpLength;
    private long cachedIpAHi;
    private long cachedIpALo;
    private long cachedIpBHi;
    private long cachedIpBLo;
    private long cachedNetworkHash;

    /** A decoder that hands out Connection messages (its records parsed back: tests and tools). */
    public ConnectionDecoder(Consumer<Connection> out, long idleTimeoutNanos, long activeTimeoutNanos,
                             int checkEvery, int communityIdSeed) {
        this(WireSink.<Connection>messages(out), idleTimeoutNanos, activeTimeoutNanos, checkEvery, communityIdSeed,
                DEFAULT_MAX_CONNECTIONS);
    }

    /** A decoder that writes Connection records in wire format, with at most {@code maxConnections} open. */
    public ConnectionDecoder(WireSink out, long idleTimeoutNanos, long activeTimeoutNanos,
                             int checkEvery, int communityIdSeed, int maxConnections) {
        this.out = out;
        this.maxConnections = Math.max(10, maxConnections);
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.activeTimeoutNanos = activeTimeoutNanos;
        this.checkEvery = Math.max(1, checkEvery);
        this.communityIdSeed = communityIdSeed;
        this.scanInterval = Math.max(1_000_000_000L, Math.min(idleTimeoutNanos, activeTimeoutNanos) / 10);
    }

    /**
     * With {@code -dpi}: a connection whose flow nDPI classified is written with nDPI's protocol as
     * {@code ApplicationProto} and its category as {@code ApplicationCategory} (docs/enrichment.md, "DPI").
     */
    public void nameDpi(LongFunction<String> protocol, LongFunction<String> category) {
        this.dpiName = protocol;
        this.dpiCategory = category;
    }

    /** Open connections (for statistics and tests). */
    public int size() {
        return table.size();
    }

    public void handle(PacketFacts f) {
        long link = f.hasMac ? linkHash(f) : 0;
        long network = f.hasNetwork() ? networkHash(f) : 0;
        long transport = f.transportFlowHash();
        State s = last;
        if (s != null && s.key.link == link && s.key.network == network && s.key.transport == transport) {
            s = updated(s, f); // packets of one flow come in bursts: skip the table lookup
            last = s;
        } else {
            probe.link = link;
            probe.network = network;
            probe.transport = transport;
            s = table.get(probe);
            if (s == null) {
                Key key = new Key(link, network, transport);
                s = new State(key, f);
                table.put(key, s);
                if (table.size() > maxConnections) {
                    flushOldest(s, table.size() / 10);
                }
            } else {
                s = updated(s, f);
            }
            last = s;
        }
        current = s;
        if (++sinceCheck >= checkEvery) {
            sinceCheck = 0;
            long now = f.timestampNanos;
            if (lastScan == Long.MIN_VALUE) {
                lastScan = now;
            } else if (now - lastScan >= scanInterval) {
                lastScan = now;
                expire(now);
            }
        }
    }

    /**
     * {@code s} with packet {@code f} counted; or, when the connection has been idle longer than the idle timeout
     * before it, a new connection of the same key that starts with {@code f}, {@code s} emitted as a scan would have
     * emitted it. So a flow's records do not depend on whether other traffic ran a scan during its silence (the
     * only traffic of a capture, or of a worker's share of it).
     */
    private State updated(State s, PacketFacts f) {
        if (f.timestampNanos - s.last <= idleTimeoutNanos) {
            s.update(f);
            return s;
        }
        emit(s);
        State next = new State(s.key, f);
        table.put(s.key, next);
        return next;
    }

    /**
     * The accounting of the connection of {@code f}, the packet {@link #handle} took last, for its TCP
     * connection in the stream layer; null before any packet.
     */
    public StreamTally tally(PacketFacts f) {
        State s = current;
        if (s != null) {
            s.segmentFromCreator = s.fromCreator(f);
        }
        return s;
    }

    /** {@link PacketFacts#linkFlowHash()} (from the numbers), computed only when the MAC pair differs from the previous one's. */
    private long linkHash(PacketFacts f) {
        long a = f.srcMac48;
        long c = f.dstMac48;
        if (!(a == cachedMacA && c == cachedMacB) && !(a == cachedMacB && c == cachedMacA)) {
            cachedLinkHash = FlowHash.flow(a, c, 6, FlowHash.ENDPOINT_MAC);
            cachedMacA = a;
            cachedMacB = c;
        }
        return cachedLinkHash;
    }

    /** {@link PacketFacts#networkFlowHash()} (from the numbers), computed only when the address pair differs from the previous one's. */
    private long networkHash(PacketFacts f) {
        if (f.ipLength != cachedIpLength
                || !(f.srcIpLo == cachedIpALo && f.dstIpLo == cachedIpBLo && f.srcIpHi == cachedIpAHi && f.dstIpHi == cachedIpBHi)
                && !(f.srcIpLo == cachedIpBLo && f.dstIpLo == cachedIpALo && f.srcIpHi == cachedIpBHi && f.dstIpHi == cachedIpAHi)) {
            cachedNetworkHash = f.ipLength == 4
                    ? FlowHash.flow(f.srcIpLo, f.dstIpLo, 4, FlowHash.ENDPOINT_IPV4)
                    : FlowHash.flow(f.srcIpHi, f.srcIpLo, f.dstIpHi, f.dstIpLo, FlowHash.ENDPOINT_IPV6);
            cachedIpLength = f.ipLength;
            cachedIpAHi = f.srcIpHi;
            cachedIpALo = f.srcIpLo;
            cachedIpBHi = f.dstIpHi;
            cachedIpBLo = f.dstIpLo;
        }
        return cachedNetworkHash;
    }

    /**
     * Lowers the cap ({@link ConnectionCaps#shrunk}) and emits the connections seen longest ago beyond it, as the cap
     * does: for a heap nearly full of live state (docs/streams.md, "Memory pressure").
     *
     * @return the cap now in force
     */
    public int shrink() {
        maxConnections = ConnectionCaps.shrunk(maxConnections, table.size());
        last = null;
        flushOldest(null, table.size() - maxConnections);
        return maxConnections;
    }

    /**
     * Emits the {@code n} connections seen longest ago (by last packet, then first, then table order), never
     * {@code keep} (the connection just opened, or null). A full table emits a tenth of itself: sorting the table
     * once per tenth keeps the cost per new key small, and it is paid only under a flood.
     */
    private void flushOldest(State keep, int n) {
        if (n <= 0) {
            return;
        }
        State[] all = table.values().toArray(new State[0]);
        Arrays.sort(all, OLDEST);
        for (int i = 0; i < all.length && n > 0; i++) {
            if (all[i] != keep) {
                table.remove(all[i].key);
                emit(all[i]);
                flushedAtCap++;
                n--;
            }
        }
    }

    private static final java.util.Comparator<State> OLDEST =
            java.util.Comparator.<State>comparingLong(st -> st.last).thenComparingLong(st -> st.first);

    /** Connections emitted early because the table was full. */
    public long flushedAtCap() {
        return flushedAtCap;
    }

    /** Emits connections idle or active longer than the timeouts, as of packet time {@code now}. */
    public void expire(long now) {
        last = null;
        for (Iterator<State> it = table.values().iterator(); it.hasNext(); ) {
            State s = it.next();
            if (now - s.last > idleTimeoutNanos || s.last - s.first > activeTimeoutNanos) {
                it.remove();
                emit(s);
            }
        }
    }

    /** Emits every open connection (de-init at shutdown), ordered by first timestamp then UID. */
    public void flush() {
        State[] all = table.values().toArray(new State[0]);
        table.clear();
        last = null;
        current = null;
        for (State s : all) {
            text.digest(s);
        }
        PackedSort.sort(all, s -> s.first, State.ORDER);
        for (State s : all) {
            emit(s);
        }
    }

    private void emit(State s) {
        String name = s.dpiProtocol == 0 ? "" : dpiName.apply(s.dpiProtocol);
        if (!name.isEmpty()) {
            // named once per record: the flow's last result, as nDPI refines (HTTP, then HTTP.AmazonAWS)
            s.applicationProto = name;
            s.applicationCategory = dpiCategory.apply(s.dpiProtocol);
        }
        text.write(s, communityIdSeed);
        writing = s;
        out.accept(RecordType.Connection, text.w.buffer(), text.w.length());
        writing = null;
    }

    /** The connection whose record the sink is being handed, during {@code accept}; else null. */
    State writing() {
        return writing;
    }

    /**
     * Digests and text buffers of one decoder, so that emitting a connection allocates nothing but what
     * the record itself needs: the UID and the Community ID are written as ASCII from the digests, the
     * addresses from their bytes.
     */
    private static final class Text {
        final WireWriter w = new WireWriter();
        final MessageDigest md5 = Digests.of("MD5");
        final MessageDigest sha1 = Digests.of("SHA-1");
        final byte[] scratch = new byte[64];
        final byte[] buf = new byte[64];
        final byte[] src = new byte[16];
        final byte[] dst = new byte[16];
        final long[] digest = new long[2];

        /** Computes the UID digest of {@code s} once. */
        void digest(State s) {
            if (!s.hasUid) {
                FlowHash.uidDigest(md5, scratch, s.key.link, s.key.network, s.key.transport, digest);
                s.uidHi = digest[0];
                s.uidLo = digest[1];
                s.hasUid = true;
            }
        }

        /** The addresses of {@code s} into {@link #src} and {@link #dst} ({@code s.ipLength} bytes each). */
        void addresses(State s) {
            if (s.ipLength == 16) {
                put64(s.srcHi, src, 0);
                put64(s.srcLo, src, 8);
                put64(s.dstHi, dst, 0);
                put64(s.dstLo, dst, 8);
            } else {
                put32(s.srcLo, src);
                put32(s.dstLo, dst);
            }
        }

        /** The record of {@code s}, fields in field-number order. */
        void write(State s, int seed) {
            digest(s);
            w.reset();
            w.int64(Connection.TIMESTAMPFIRST_FIELD_NUMBER, s.first);
            string(Connection.LINKPROTO_FIELD_NUMBER, s.linkProto);
            string(Connection.NETWORKPROTO_FIELD_NUMBER, s.networkProto);
            string(Connection.TRANSPORTPROTO_FIELD_NUMBER, s.transportProto);
            string(Connection.APPLICATIONPROTO_FIELD_NUMBER, s.applicationProto);
            if (s.hasMac) {
                put48(s.srcMac, scratch);
                w.bytes(Connection.SRCMAC_FIELD_NUMBER, buf, 0, Addresses.mac(scratch, 0, buf, 0));
                put48(s.dstMac, scratch);
                w.bytes(Connection.DSTMAC_FIELD_NUMBER, buf, 0, Addresses.mac(scratch, 0, buf, 0));
            }
            if (s.ipLength != 0) {
                addresses(s);
                w.bytes(Connection.SRCIP_FIELD_NUMBER, buf, 0, Addresses.ip(src, 0, s.ipLength, buf, 0));
            }
            if (s.hasPorts) {
                w.bytes(Connection.SRCPORT_FIELD_NUMBER, buf, 0, Addresses.decimal(s.srcPort, buf, 0));
            }
            if (s.ipLength != 0) {
                w.bytes(Connection.DSTIP_FIELD_NUMBER, buf, 0, Addresses.ip(dst, 0, s.ipLength, buf, 0));
            }
            if (s.hasPorts) {
                w.bytes(Connection.DSTPORT_FIELD_NUMBER, buf, 0, Addresses.decimal(s.dstPort, buf, 0));
            }
            w.int32(Connection.TOTALSIZE_FIELD_NUMBER, s.totalSize);
            // AppPayloadSize is 0 (docs/original.md, "Connection"), so it is not written.
            w.int32(Connection.NUMPACKETS_FIELD_NUMBER, s.numPackets);
            w.bytes(Connection.UID_FIELD_NUMBER, buf, 0, FlowHash.uidHex(s.uidHi, s.uidLo, buf, 0));
            w.int64(Connection.TIMESTAMPLAST_FIELD_NUMBER, s.last);
            w.int64(Connection.DURATION_FIELD_NUMBER, s.last - s.first);
            boolean swap = s.swapped();
            w.int64(Connection.BYTESSERVERTOCLIENT_FIELD_NUMBER, swap ? s.bytesClientToServer : s.bytesServerToClient);
            w.int64(Connection.BYTESCLIENTTOSERVER_FIELD_NUMBER, swap ? s.bytesServerToClient : s.bytesClientToServer);
            w.int32(Connection.NUMFINFLAGS_FIELD_NUMBER, s.fin);
            w.int32(Connection.NUMRSTFLAGS_FIELD_NUMBER, s.rst);
            w.int32(Connection.NUMACKFLAGS_FIELD_NUMBER, s.ack);
            w.int32(Connection.NUMSYNFLAGS_FIELD_NUMBER, s.syn);
            w.int32(Connection.NUMURGFLAGS_FIELD_NUMBER, s.urg);
            w.int32(Connection.NUMECEFLAGS_FIELD_NUMBER, s.ece);
            w.int32(Connection.NUMPSHFLAGS_FIELD_NUMBER, s.psh);
            w.int32(Connection.NUMCWRFLAGS_FIELD_NUMBER, s.cwr);
            w.int32(Connection.NUMNSFLAGS_FIELD_NUMBER, s.ns);
            w.int32(Connection.MEANWINDOWSIZE_FIELD_NUMBER, s.meanWindowSize);
            if (s.communityIdUsable()) {
                addresses(s);
                w.bytes(Connection.COMMUNITYID_FIELD_NUMBER, buf, 0, CommunityId.v1(sha1, scratch, seed, src, 0, dst, 0,
                        s.ipLength, s.cidProto, s.cidSport, s.cidDport, buf, 0));
            }
            boolean flip = s.endpointSwapped();
            w.int64(Connection.PAYLOADCLIENTTOSERVER_FIELD_NUMBER, flip ? s.payloadOther : s.payloadCreator);
            w.int64(Connection.PAYLOADSERVERTOCLIENT_FIELD_NUMBER, flip ? s.payloadCreator : s.payloadOther);
            w.int64(Connection.STREAMBYTESCLIENTTOSERVER_FIELD_NUMBER, flip ? s.streamOther : s.streamCreator);
            w.int64(Connection.STREAMBYTESSERVERTOCLIENT_FIELD_NUMBER, flip ? s.streamCreator : s.streamOther);
            w.int64(Connection.STREAMMISSEDCLIENTTOSERVER_FIELD_NUMBER, flip ? s.missedOther : s.missedCreator);
            w.int64(Connection.STREAMMISSEDSERVERTOCLIENT_FIELD_NUMBER, flip ? s.missedCreator : s.missedOther);
            string(Connection.APPLICATIONCATEGORY_FIELD_NUMBER, s.applicationCategory);
        }

        /** A layer name: ASCII in practice; anything else takes the UTF-8 encoding the generated code uses. */
        private void string(int field, String v) {
            int n = v.length();
            if (n <= buf.length) {
                boolean ascii = true;
                for (int i = 0; i < n && ascii; i++) {
                    char c = v.charAt(i);
                    buf[i] = (byte) c;
                    ascii = c < 0x80;
                }
                if (ascii) {
                    w.bytes(field, buf, 0, n);
                    return;
                }
            }
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            w.bytes(field, b, 0, b.length);
        }
    }

    private static void put64(long v, byte[] b, int off) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    private static void put32(long v, byte[] b) {
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) (v >>> (24 - 8 * i));
        }
    }

    private static void put48(long v, byte[] b) {
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (v >>> (40 - 8 * i));
        }
    }

    /**
     * One connection. Endpoints are kept as numbers (MACs as 48 bits, addresses as two longs like
     * {@link IpIndex}, ports as ints) and only turned into text when the record is written.
     */
    static final class State implements StreamTally {
        /**
         * First timestamp, then UID: the UID is the hex of the digest, so comparing the digests as unsigned numbers
         * orders the UIDs.
         */
        static final java.util.Comparator<State> ORDER = (a, b) -> a.first != b.first ? Long.compare(a.first, b.first)
                : a.uidHi != b.uidHi ? Long.compareUnsigned(a.uidHi, b.uidHi) : Long.compareUnsigned(a.uidLo, b.uidLo);

        final Key key;
        boolean hasUid;
        long uidHi;
        long uidLo;
        long first;
        long last;
        final String linkProto;
        final String networkProto;
        final String transportProto;
        /** The first packet's application layer, or nDPI's protocol set when the record is written. */
        String applicationProto;
        String applicationCategory = "";
        /** The flow's latest DPI protocol id, 0 while nDPI has none. */
        long dpiProtocol;
        // Endpoints of the earliest packet (each group kept from an earlier packet when a packet lacks it).
        boolean hasMac;
        long srcMac;
        long dstMac;
        /** 0 before a packet with network layer, else 4 or 16. */
        int ipLength;
        long srcHi;
        long srcLo;
        long dstHi;
        long dstLo;
        boolean hasPorts;
        int srcPort;
        int dstPort;
        /** The creating packet's source IP (length 0: none): decides the direction of later packets. */
        final int creatorLength;
        final long creatorHi;
        final long creatorLo;
        /** The creating packet's source port, -1 without transport: with the address, tells the payload's sender. */
        final int creatorPort;
        int totalSize;
        int numPackets;
        long bytesClientToServer;
        long bytesServerToClient;
        int fin, rst, ack, syn, urg, ece, psh, cwr, ns;
        int meanWindowSize;
        // Community ID inputs besides the addresses, from the earliest packet with network layer.
        int cidProto;
        int cidSport;
        int cidDport;
        boolean cidUsable;
        // Payload and stream bytes by sender, relative to the creating packet's address and port.
        long payloadCreator;
        long payloadOther;
        long streamCreator;
        long streamOther;
        long missedCreator;
        long missedOther;
        /** The segment the stream layer offers comes from the creator (set by {@link #tally}). */
        boolean segmentFromCreator;
        /** The reassembly's client is the creator (set when the tally is bound to a TCP connection). */
        boolean streamClientIsCreator;

        State(Key key, PacketFacts f) {
            this.key = key;
            first = f.timestampNanos;
            last = f.timestampNanos;
            linkProto = f.linkProto;
            networkProto = f.networkProto;
            transportProto = f.transportProto;
            applicationProto = f.applicationProto;
            dpiProtocol = f.dpiProtocol;
            creatorLength = f.ipLength;
            creatorHi = f.hasNetwork() ? f.srcIpHi : 0;
            creatorLo = f.hasNetwork() ? f.srcIpLo : 0;
            creatorPort = f.hasTransport() ? f.srcPort : -1;
            endpoints(f);
            totalSize = f.wireLength;
            numPackets = 1;
            bytesClientToServer = f.wireLength;
            payloadCreator = f.payloadLength;
            tcp(f);
        }

        void update(PacketFacts f) {
            numPackets++;
            if (f.dpiProtocol != 0) {
                dpiProtocol = f.dpiProtocol;
            }
            totalSize += f.wireLength; // int32 like the original: may wrap on huge connections
            if (f.hasNetwork() && creatorLength != 0) {
                if (f.ipLength == creatorLength && f.srcIpLo == creatorLo && f.srcIpHi == creatorHi) {
                    bytesClientToServer += f.wireLength;
                } else {
                    bytesServerToClient += f.wireLength;
                }
            }
            if (f.payloadLength != 0) {
                if (fromCreator(f)) {
                    payloadCreator += f.payloadLength;
                } else {
                    payloadOther += f.payloadLength;
                }
            }
            if (f.timestampNanos > last) {
                last = f.timestampNanos;
            }
            if (f.timestampNanos < first) {
                // The earliest packet defines the direction (parallel workers may deliver it late).
                first = f.timestampNanos;
                endpoints(f);
            }
            tcp(f);
        }

        private void endpoints(PacketFacts f) {
            if (f.hasMac) {
                hasMac = true;
                srcMac = f.srcMac48;
                dstMac = f.dstMac48;
            }
            if (f.hasNetwork()) {
                ipLength = f.ipLength;
                srcHi = f.srcIpHi;
                srcLo = f.srcIpLo;
                dstHi = f.dstIpHi;
                dstLo = f.dstIpLo;
                cidProto = f.ipProtocol;
                // The ports of a tunnelled transport (GRE, IP in IP) do not belong to the outer protocol.
                if (f.hasTransport() && f.transportProtocol == f.ipProtocol) {
                    cidSport = f.srcPort;
                    cidDport = f.dstPort;
                    cidUsable = true;
                } else if (f.icmpType >= 0) {
                    cidSport = f.icmpType;
                    cidDport = f.icmpCode;
                    cidUsable = true;
                } else {
                    // Port-carrying protocols without ports (fragments, truncation) have no valid ID.
                    cidUsable = !f.fragment && f.ipProtocol != IpProtocol.TCP
                            && f.ipProtocol != IpProtocol.UDP && f.ipProtocol != IpProtocol.SCTP
                            && f.ipProtocol != IpProtocol.ICMP && f.ipProtocol != IpProtocol.IPV6_ICMP;
                    cidSport = 0;
                    cidDport = 0;
                }
            }
            if (f.hasTransport()) {
                hasPorts = true;
                srcPort = f.srcPort;
                dstPort = f.dstPort;
            }
        }

        private void tcp(PacketFacts f) {
            int fl = f.tcpFlags;
            if (fl < 0) {
                return;
            }
            if ((fl & PacketFacts.TCP_FIN) != 0) fin++;
            if ((fl & PacketFacts.TCP_RST) != 0) rst++;
            if ((fl & PacketFacts.TCP_ACK) != 0) ack++;
            if ((fl & PacketFacts.TCP_SYN) != 0) syn++;
            if ((fl & PacketFacts.TCP_URG) != 0) urg++;
            if ((fl & PacketFacts.TCP_ECE) != 0) ece++;
            if ((fl & PacketFacts.TCP_PSH) != 0) psh++;
            if ((fl & PacketFacts.TCP_CWR) != 0) cwr++;
            if ((fl & PacketFacts.TCP_NS) != 0) ns++;
            // The original's running "mean": (current + (new - current)) / n == new / n, except that a
            // stored 0 restarts from the packet's window (docs/original.md, "Connection"). Kept for compatibility.
            meanWindowSize = meanWindowSize == 0 ? f.tcpWindow : f.tcpWindow / numPackets;
        }

        /** The earliest packet came from the other side than the creating one: its sender is the client. */
        boolean swapped() {
            return creatorLength != 0 && ipLength != 0
                    && !(ipLength == creatorLength && srcLo == creatorLo && srcHi == creatorHi);
        }

        /** The packet was sent from the creating packet's address and port (address alone without ports). */
        boolean fromCreator(PacketFacts f) {
            return f.ipLength == creatorLength && f.srcIpLo == creatorLo && f.srcIpHi == creatorHi
                    && (creatorPort < 0 || !f.hasTransport() || f.srcPort == creatorPort);
        }

        /**
         * The record's client (the earliest packet's sender) is not the creator, by address and port: unlike
         * {@link #swapped()}, which compares addresses only, this tells the two ends of a connection between
         * ports of one host apart.
         */
        boolean endpointSwapped() {
            return creatorLength != 0 && ipLength != 0 && !(ipLength == creatorLength && srcLo == creatorLo
                    && srcHi == creatorHi && (creatorPort < 0 || !hasPorts || srcPort == creatorPort));
        }

        @Override
        public void bind(Direction segment) {
            streamClientIsCreator = (segment == Direction.CLIENT_TO_SERVER) == segmentFromCreator;
        }

        @Override
        public void delivered(Direction d, long n) {
            if ((d == Direction.CLIENT_TO_SERVER) == streamClientIsCreator) {
                streamCreator += n;
            } else {
                streamOther += n;
            }
        }

        @Override
        public void missed(Direction d, long n) {
            if ((d == Direction.CLIENT_TO_SERVER) == streamClientIsCreator) {
                missedCreator += n;
            } else {
                missedOther += n;
            }
        }

        boolean communityIdUsable() {
            return ipLength != 0 && cidUsable;
        }
    }
}
