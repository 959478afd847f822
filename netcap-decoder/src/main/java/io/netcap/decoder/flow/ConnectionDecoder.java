package io.netcap.decoder.flow;

import io.netcap.types.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Connection packet decoder (decoders.md 13.1): one bidirectional record per connection key, with the
 * original's counters, plus a Community ID v1 string. A worker owns one instance; the engine shards
 * packets so that every packet of a key reaches the same instance.
 *
 * <p>Beyond the original, connections are also emitted when idle for {@code idleTimeoutNanos} or alive for
 * {@code activeTimeoutNanos} (measured in packet time, checked every {@code checkEvery} packets), so
 * memory stays bounded on long live captures; the rest are emitted by {@link #flush} at shutdown.
 */
public final class ConnectionDecoder {
    public static final String NAME = "Connection";

    /** The three flow hashes of the key; the decimal key string is only built for the UID at emit time. */
    private record Key(long link, long network, long transport) {
        // Explicit, so the per-packet table lookups do not go through the generic record methods.
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.network == network && k.transport == transport && k.link == link;
        }

        @Override
        public int hashCode() {
            // The value the generated record method gives, so the table's iteration order (expiry order) is unchanged.
            return (Long.hashCode(link) * 31 + Long.hashCode(network)) * 31 + Long.hashCode(transport);
        }
    }

    private final Map<Key, State> table = new HashMap<>();
    private final Consumer<Connection> out;
    private final long idleTimeoutNanos;
    private final long activeTimeoutNanos;
    private final int checkEvery;
    private final int communityIdSeed;
    /** Packet time between two scans of the table: a tenth of the shorter timeout, at least one second. */
    private final long scanInterval;
    private int sinceCheck;
    /** The state the previous packet updated (cleared whenever states leave the table). */
    private State last;
    private long lastScan = Long.MIN_VALUE;

    public ConnectionDecoder(Consumer<Connection> out, long idleTimeoutNanos, long activeTimeoutNanos,
                             int checkEvery, int communityIdSeed) {
        this.out = out;
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.activeTimeoutNanos = activeTimeoutNanos;
        this.checkEvery = Math.max(1, checkEvery);
        this.communityIdSeed = communityIdSeed;
        this.scanInterval = Math.max(1_000_000_000L, Math.min(idleTimeoutNanos, activeTimeoutNanos) / 10);
    }

    /** Open connections (for statistics and tests). */
    public int size() {
        return table.size();
    }

    public void handle(PacketFacts f) {
        long link = f.linkFlowHash();
        long network = f.networkFlowHash();
        long transport = f.transportFlowHash();
        State s = last;
        if (s != null && s.key.link() == link && s.key.network() == network && s.key.transport() == transport) {
            s.update(f); // packets of one flow come in bursts: skip the table lookup
        } else {
            Key key = new Key(link, network, transport);
            s = table.get(key);
            if (s == null) {
                s = new State(key, f);
                table.put(key, s);
            } else {
                s.update(f);
            }
            last = s;
        }
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

    /** Emits connections idle or active longer than the timeouts, as of packet time {@code now}. */
    public void expire(long now) {
        last = null;
        for (Iterator<State> it = table.values().iterator(); it.hasNext(); ) {
            State s = it.next();
            if (now - s.last > idleTimeoutNanos || s.last - s.first > activeTimeoutNanos) {
                it.remove();
                out.accept(s.toRecord(communityIdSeed));
            }
        }
    }

    /** Emits every open connection (de-init at shutdown), ordered by first timestamp then UID. */
    public void flush() {
        List<State> all = new ArrayList<>(table.values());
        table.clear();
        last = null;
        all.sort((a, b) -> a.first != b.first ? Long.compare(a.first, b.first) : a.uid().compareTo(b.uid()));
        for (State s : all) {
            out.accept(s.toRecord(communityIdSeed));
        }
    }

    private static final class State {
        final Key key;
        private String uid;
        long first;
        long last;
        final String linkProto;
        final String networkProto;
        final String transportProto;
        final String applicationProto;
        String srcMac = "";
        String dstMac = "";
        String srcIp = "";
        String dstIp = "";
        String srcPort = "";
        String dstPort = "";
        /** The creating packet's source IP: decides the direction of later packets. */
        final byte[] creatorIp;
        int totalSize;
        int numPackets;
        long bytesClientToServer;
        long bytesServerToClient;
        int fin, rst, ack, syn, urg, ece, psh, cwr, ns;
        int meanWindowSize;
        // Community ID inputs, from the earliest packet.
        byte[] cidSrc;
        byte[] cidDst;
        int cidProto;
        int cidSport;
        int cidDport;
        boolean cidUsable;

        String uid() {
            if (uid == null) {
                uid = FlowHash.uid(FlowHash.key(key.link(), key.network(), key.transport()));
            }
            return uid;
        }

        State(Key key, PacketFacts f) {
            this.key = key;
            first = f.timestampNanos;
            last = f.timestampNanos;
            linkProto = f.linkProto;
            networkProto = f.networkProto;
            transportProto = f.transportProto;
            applicationProto = f.applicationProto;
            creatorIp = f.hasNetwork() ? Arrays.copyOf(f.srcIp, f.ipLength) : null;
            endpoints(f);
            totalSize = f.wireLength;
            numPackets = 1;
            bytesClientToServer = f.wireLength;
            tcp(f);
        }

        void update(PacketFacts f) {
            numPackets++;
            totalSize += f.wireLength; // int32 like the original: may wrap on huge connections
            if (f.hasNetwork() && creatorIp != null) {
                if (Arrays.equals(f.srcIp, 0, f.ipLength, creatorIp, 0, creatorIp.length)) {
                    bytesClientToServer += f.wireLength;
                } else {
                    bytesServerToClient += f.wireLength;
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
                srcMac = Addresses.mac(f.srcMac, 0);
                dstMac = Addresses.mac(f.dstMac, 0);
            }
            if (f.hasNetwork()) {
                srcIp = Addresses.ip(f.srcIp, 0, f.ipLength);
                dstIp = Addresses.ip(f.dstIp, 0, f.ipLength);
                cidSrc = Arrays.copyOf(f.srcIp, f.ipLength);
                cidDst = Arrays.copyOf(f.dstIp, f.ipLength);
                cidProto = f.ipProtocol;
                if (f.hasTransport()) {
                    cidSport = f.srcPort;
                    cidDport = f.dstPort;
                    cidUsable = true;
                } else if (f.icmpType >= 0) {
                    cidSport = f.icmpType;
                    cidDport = f.icmpCode;
                    cidUsable = true;
                } else {
                    // Port-carrying protocols without ports (fragments, truncation) have no valid ID.
                    cidUsable = !f.fragment && f.ipProtocol != CommunityId.PROTO_TCP
                            && f.ipProtocol != CommunityId.PROTO_UDP && f.ipProtocol != CommunityId.PROTO_SCTP
                            && f.ipProtocol != CommunityId.PROTO_ICMP && f.ipProtocol != CommunityId.PROTO_ICMPV6;
                    cidSport = 0;
                    cidDport = 0;
                }
            }
            if (f.hasTransport()) {
                srcPort = Integer.toString(f.srcPort);
                dstPort = Integer.toString(f.dstPort);
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
            // stored 0 restarts from the packet's window (decoders.md 13.1). Kept for compatibility.
            meanWindowSize = meanWindowSize == 0 ? f.tcpWindow : f.tcpWindow / numPackets;
        }

        Connection toRecord(int seed) {
            long c2s = bytesClientToServer;
            long s2c = bytesServerToClient;
            if (creatorIp != null && cidSrc != null && !Arrays.equals(cidSrc, creatorIp)) {
                // The earliest packet came from the other side: its sender is the client.
                c2s = bytesServerToClient;
                s2c = bytesClientToServer;
            }
            String communityId = cidSrc != null && cidUsable
                    ? CommunityId.v1(seed, cidSrc, cidDst, cidProto, cidSport, cidDport) : "";
            return Connection.newBuilder()
                    .setTimestampFirst(first)
                    .setLinkProto(linkProto)
                    .setNetworkProto(networkProto)
                    .setTransportProto(transportProto)
                    .setApplicationProto(applicationProto)
                    .setSrcMAC(srcMac)
                    .setDstMAC(dstMac)
                    .setSrcIP(srcIp)
                    .setSrcPort(srcPort)
                    .setDstIP(dstIp)
                    .setDstPort(dstPort)
                    .setTotalSize(totalSize)
                    .setAppPayloadSize(0) // the original's AppPayloadSize is 0 in practice (decoders.md 13.1)
                    .setNumPackets(numPackets)
                    .setUID(uid())
                    .setTimestampLast(last)
                    .setDuration(last - first)
                    .setBytesClientToServer(c2s)
                    .setBytesServerToClient(s2c)
                    .setNumFINFlags(fin)
                    .setNumRSTFlags(rst)
                    .setNumACKFlags(ack)
                    .setNumSYNFlags(syn)
                    .setNumURGFlags(urg)
                    .setNumECEFlags(ece)
                    .setNumPSHFlags(psh)
                    .setNumCWRFlags(cwr)
                    .setNumNSFlags(ns)
                    .setMeanWindowSize(meanWindowSize)
                    .setCommunityID(communityId)
                    .build();
        }
    }
}
