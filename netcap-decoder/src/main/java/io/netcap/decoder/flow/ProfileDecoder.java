package io.netcap.decoder.flow;

import io.netcap.types.DeviceProfile;
import io.netcap.types.IPProfile;
import io.netcap.types.Port;
import io.netcap.types.PortStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The DeviceProfile and IPProfile packet decoders (decoders.md 13.2). Each worker accumulates its own
 * tables; {@link #emit} merges them at shutdown, so the records do not depend on how packets were spread
 * over workers: first-seen times are minima, last-seen times maxima, and lists are ordered by first
 * sighting (ties by value). Enrichment fields (manufacturer, geolocation, DNS names, JA3, SNI,
 * DPI protocols) stay empty until the resolvers exist.
 *
 * <p>Tables are keyed by numbers (MAC as 48 bits, addresses as two longs, port and protocol packed in
 * an int); text is only produced when the records are written.
 */
public final class ProfileDecoder {
    public static final String DEVICE_PROFILE = "DeviceProfile";
    public static final String IP_PROFILE = "IPProfile";

    /** Key of "no MAC" (packets without link addresses share one profile with MacAddr ""). */
    private static final long NO_MAC = -1L;
    private static final String[] PROTOCOLS = {"", "TCP", "UDP", "SCTP"};

    /** An IPv4 (hi = 0, v6 = false) or IPv6 address. */
    private record Ip(long hi, long lo, boolean v6) {
        // Explicit, so the per-packet table lookups do not go through the generic record methods.
        @Override
        public boolean equals(Object o) {
            return o instanceof Ip other && other.lo == lo && other.hi == hi && other.v6 == v6;
        }

        @Override
        public int hashCode() {
            long h = (hi * 31 + lo) * 0x9e3779b97f4a7c15L;
            return (int) (h ^ (h >>> 32)) ^ (v6 ? 1 : 0);
        }

        boolean is(byte[] a, int len) {
            return len == 4 ? !v6 && lo == u32(a, 0) : v6 && hi == u64(a, 0) && lo == u64(a, 8);
        }

        static Ip of(byte[] a, int len) {
            if (len == 4) {
                return new Ip(0, u32(a, 0), false);
            }
            return new Ip(u64(a, 0), u64(a, 8), true);
        }

        String text() {
            byte[] b = new byte[16];
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (hi >>> (56 - 8 * i));
                b[8 + i] = (byte) (lo >>> (56 - 8 * i));
            }
            return v6 ? Addresses.ip(b, 0, 16) : Addresses.ip(b, 12, 4);
        }
    }

    private final LongMap<Device> devices = new LongMap<>();
    private final Map<Ip, IpAcc> ips = new HashMap<>();
    // The previous packet's profiles: packets of one flow come in bursts, so most lookups are repeats.
    private Device lastDevice;
    private IpAcc lastSrc;
    private IpAcc lastDst;

    public void handle(PacketFacts f) {
        long mac = f.hasMac ? u48(f.srcMac) : NO_MAC;
        long ts = f.timestampNanos;
        Device d = lastDevice;
        if (d == null || d.mac != mac) {
            d = devices.get(mac);
            if (d == null) {
                d = new Device(mac);
                devices.put(mac, d);
            }
            lastDevice = d;
        }
        d.first = Math.min(d.first, ts);
        d.packets++;
        d.bytes += f.capturedLength;
        if (!f.hasNetwork()) {
            return;
        }
        // A reply swaps the addresses of the previous packet: both cached profiles are candidates.
        IpAcc s = profile(lastSrc, lastDst, f.srcIp, f.ipLength);
        IpAcc t = profile(lastDst, lastSrc, f.dstIp, f.ipLength);
        lastSrc = s;
        lastDst = t;
        if (s.asIpOf != d) {
            s.asIpOf = d;
            s.asIpFirst = firstSeen(d.ips, s.addr, ts);
        } else if (ts < s.asIpFirst) {
            s.asIpFirst = ts;
            d.ips.put(s.addr, ts);
        }
        if (t.asContactOf != d) {
            t.asContactOf = d;
            t.asContactFirst = firstSeen(d.contacts, t.addr, ts);
        } else if (ts < t.asContactFirst) {
            t.asContactFirst = ts;
            d.contacts.put(t.addr, ts);
        }
        s.see(f, ts);
        t.see(f, ts);
        if (f.hasTransport()) {
            int proto = switch (f.transportEndpoint) {
                case FlowHash.ENDPOINT_TCP -> 1;
                case FlowHash.ENDPOINT_UDP -> 2;
                default -> 3;
            };
            s.lastSrcPort = port(s.srcPorts, s.lastSrcPort, f.srcPort, proto, f, ts);
            s.lastContactedPort = port(s.contactedPorts, s.lastContactedPort, f.dstPort, proto, f, ts);
            t.lastDstPort = port(t.dstPorts, t.lastDstPort, f.dstPort, proto, f, ts);
            t.lastContactedPort = port(t.contactedPorts, t.lastContactedPort, f.srcPort, proto, f, ts);
        }
    }

    private IpAcc profile(IpAcc cached, IpAcc other, byte[] addr, int len) {
        if (cached != null && cached.addr.is(addr, len)) {
            return cached;
        }
        if (other != null && other.addr.is(addr, len)) {
            return other;
        }
        Ip ip = Ip.of(addr, len);
        IpAcc a = ips.get(ip);
        if (a == null) {
            a = new IpAcc(ip);
            ips.put(ip, a);
        }
        return a;
    }

    /**
     * Keeps the earliest time an address was seen with a device (boxing only when it changes); returns
     * the time now in the table.
     */
    private static long firstSeen(Map<Ip, Long> m, Ip ip, long ts) {
        Long prev = m.get(ip);
        if (prev == null || ts < prev) {
            m.put(ip, ts);
            return ts;
        }
        return prev;
    }

    /** Counts the packet for a port of {@code m}; {@code cached} is the entry the previous call returned. */
    private static PortAcc port(LongMap<PortAcc> m, PortAcc cached, int port, int proto, PacketFacts f, long ts) {
        PortAcc a = cached;
        if (a == null || a.port != port || a.proto != proto) {
            int key = port << 2 | proto;
            a = m.get(key);
            if (a == null) {
                a = new PortAcc(port, proto);
                m.put(key, a);
            }
        }
        a.first = Math.min(a.first, ts);
        a.packets++;
        a.bytes += f.capturedLength;
        return a;
    }

    /** Merges the tables of all workers and writes DeviceProfiles, then IPProfiles. */
    public static void emit(List<ProfileDecoder> parts, Consumer<DeviceProfile> devicesOut,
                            Consumer<IPProfile> ipsOut) {
        Map<Long, Device> devices = new HashMap<>();
        Map<Ip, IpAcc> ips = new HashMap<>();
        for (ProfileDecoder p : parts) {
            p.lastDevice = null;
            p.lastSrc = null;
            p.lastDst = null;
            p.ips.forEach((k, v) -> {
                v.asIpOf = null;
                v.asContactOf = null;
            });
            p.devices.forEach((k, v) -> devices.merge(k, v, Device::merge));
            p.ips.forEach((k, v) -> ips.merge(k, v, IpAcc::merge));
            p.devices.clear();
            p.ips.clear();
        }
        // Building the records (sorting every port list) runs on all cores: this is the serial tail of a
        // capture. The records are handed to the consumers in order, from the calling thread; their
        // serialized size is computed (and memoised) in parallel as well.
        if (devicesOut != null) {
            devices.values().parallelStream()
                    .map(Device::toRecord)
                    .peek(DeviceProfile::getSerializedSize)
                    .sorted(Comparator.comparingLong(DeviceProfile::getTimestamp).thenComparing(DeviceProfile::getMacAddr))
                    .toList()
                    .forEach(devicesOut);
        }
        if (ipsOut != null) {
            ips.values().parallelStream()
                    .map(IpAcc::toRecord)
                    .peek(IPProfile::getSerializedSize)
                    .sorted(Comparator.comparingLong(IPProfile::getTimestampFirst).thenComparing(IPProfile::getAddr))
                    .toList()
                    .forEach(ipsOut);
        }
    }

    private static List<String> byFirstSeen(Map<Ip, Long> m) {
        record Seen(String addr, long first) {}
        List<Seen> l = new ArrayList<>(m.size());
        m.forEach((k, v) -> l.add(new Seen(k.text(), v)));
        l.sort(Comparator.comparingLong(Seen::first).thenComparing(Seen::addr));
        return l.stream().map(Seen::addr).toList();
    }

    private static List<Port> ports(LongMap<PortAcc> m) {
        List<PortAcc> l = new ArrayList<>(m.size());
        m.forEach((k, v) -> l.add(v));
        return l.stream()
                .sorted(Comparator.comparingLong((PortAcc a) -> a.first).thenComparingInt(a -> a.port)
                        .thenComparingInt(a -> a.proto))
                .map(a -> Port.newBuilder().setPortNumber(a.port).setProtocol(PROTOCOLS[a.proto])
                        .setStats(PortStats.newBuilder().setPackets(a.packets).setBytes(a.bytes)).build())
                .toList();
    }

    private static void mergePorts(LongMap<PortAcc> into, LongMap<PortAcc> from) {
        from.forEach((k, b) -> {
            PortAcc a = into.get(k);
            if (a == null) {
                into.put(k, b);
            } else {
                a.first = Math.min(a.first, b.first);
                a.packets += b.packets;
                a.bytes += b.bytes;
            }
        });
    }

    private static long u48(byte[] b) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }

    private static long u32(byte[] b, int off) {
        return ((b[off] & 0xffL) << 24) | ((b[off + 1] & 0xffL) << 16) | ((b[off + 2] & 0xffL) << 8) | (b[off + 3] & 0xffL);
    }

    private static long u64(byte[] b, int off) {
        return u32(b, off) << 32 | u32(b, off + 4);
    }

    private static final class Device {
        final long mac;
        long first = Long.MAX_VALUE;
        long packets;
        long bytes;
        final Map<Ip, Long> ips = new HashMap<>();
        final Map<Ip, Long> contacts = new HashMap<>();

        Device(long mac) {
            this.mac = mac;
        }

        Device merge(Device o) {
            first = Math.min(first, o.first);
            packets += o.packets;
            bytes += o.bytes;
            o.ips.forEach((k, v) -> ips.merge(k, v, Math::min));
            o.contacts.forEach((k, v) -> contacts.merge(k, v, Math::min));
            return this;
        }

        DeviceProfile toRecord() {
            String text = "";
            if (mac != NO_MAC) {
                byte[] b = new byte[6];
                for (int i = 0; i < 6; i++) {
                    b[i] = (byte) (mac >>> (40 - 8 * i));
                }
                text = Addresses.mac(b, 0);
            }
            return DeviceProfile.newBuilder()
                    .setMacAddr(text)
                    .setDeviceManufacturer("")
                    .addAllDeviceIPs(byFirstSeen(ips))
                    .addAllContacts(byFirstSeen(contacts))
                    .setNumPackets(packets)
                    .setTimestamp(first)
                    .setBytes(bytes)
                    .build();
        }
    }

    private static final class IpAcc {
        final Ip addr;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long packets;
        long bytes;
        final LongMap<PortAcc> srcPorts = new LongMap<>();
        final LongMap<PortAcc> dstPorts = new LongMap<>();
        final LongMap<PortAcc> contactedPorts = new LongMap<>();
        /*
         * The device whose ips (contacts) table this address was last entered in, and the time stored
         * there: an address mostly shows up with the same device packet after packet, so the table is
         * only consulted when the device changes or the time is earlier.
         */
        Device asIpOf;
        long asIpFirst;
        Device asContactOf;
        long asContactFirst;
        /* The port entries the previous packet of this address counted, per table. */
        PortAcc lastSrcPort;
        PortAcc lastDstPort;
        PortAcc lastContactedPort;

        IpAcc(Ip addr) {
            this.addr = addr;
        }

        void see(PacketFacts f, long ts) {
            first = Math.min(first, ts);
            last = Math.max(last, ts);
            packets++;
            bytes += f.capturedLength;
        }

        IpAcc merge(IpAcc o) {
            first = Math.min(first, o.first);
            last = Math.max(last, o.last);
            packets += o.packets;
            bytes += o.bytes;
            mergePorts(srcPorts, o.srcPorts);
            mergePorts(dstPorts, o.dstPorts);
            mergePorts(contactedPorts, o.contactedPorts);
            return this;
        }

        IPProfile toRecord() {
            return IPProfile.newBuilder()
                    .setAddr(addr.text())
                    .setNumPackets(packets)
                    .setTimestampFirst(first)
                    // The original sets TimestampLast on updates only: 0 for an address seen once.
                    .setTimestampLast(packets > 1 ? last : 0)
                    .setBytes(bytes)
                    .addAllSrcPorts(ports(srcPorts))
                    .addAllDstPorts(ports(dstPorts))
                    .addAllContactedPorts(ports(contactedPorts))
                    .build();
        }
    }

    private static final class PortAcc {
        final int port;
        final int proto;
        long first = Long.MAX_VALUE;
        long packets;
        long bytes;

        PortAcc(int port, int proto) {
            this.port = port;
            this.proto = proto;
        }
    }
}
