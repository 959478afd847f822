package io.netcap.decoder.flow;

import io.netcap.decoder.ConnectionCaps;
import io.netcap.decoder.WireSink;
import io.netcap.decoder.WireWriter;
import io.netcap.packet.layer.Addresses;
import io.netcap.types.DeviceProfile;
import io.netcap.types.IPProfile;
import io.netcap.types.Port;
import io.netcap.types.PortStats;
import io.netcap.types.RecordType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The DeviceProfile and IPProfile packet decoders (docs/original.md, "DeviceProfile and IPProfile"). Each worker accumulates its own
 * tables; {@link #emit} merges them at shutdown, so the records do not depend on how packets were spread
 * over workers: first-seen times are minima, last-seen times maxima, and lists are ordered by first
 * sighting (ties by value). Manufacturer, geolocation and DNS names come from a {@link ProfileEnrichment}
 * asked once per profile while writing (docs/enrichment.md), as are the names of the DPI protocols counted
 * per address and the descriptions of the JA3/JA3S hashes of the TLS hellos an address took part in.
 *
 * <p>Tables are keyed by numbers (MAC as 48 bits, addresses by a dense id from {@link IpIndex}, port and
 * protocol packed in an int), so the packet path allocates only for new entries; text is only produced
 * when the records are written, straight in wire format (the records are written in bulk at shutdown,
 * where building one message per port and per record cost more than the whole profile accounting).
 */
public final class ProfileDecoder {
    public static final String DEVICE_PROFILE = "DeviceProfile";
    public static final String IP_PROFILE = "IPProfile";

    /** Distinct server names and TLS fingerprints kept per address by one worker; more are counted ({@link #tlsOverCap}). */
    static final int MAX_TLS_KEYS = 1_000;

    /** Key of "no MAC" (packets without link addresses share one profile with MacAddr ""). */
    private static final long NO_MAC = -1L;
    private static final byte[][] PROTOCOLS = {
        new byte[0], ascii("TCP"), ascii("UDP"), ascii("SCTP")
    };

    /*
     * The caps of this decoder's tables: devices and addresses each, and port entries over all addresses. A
     * flood of spoofed sources adds an address per packet; beyond the caps new entries are not kept and are
     * counted (overCap), the entries held go on counting.
     */
    private int maxDevices;
    private int maxAddresses;
    private int maxPorts;
    private int portEntries;
    private long overCap;
    private final LongMap<Device> devices = new LongMap<>();
    private IpIndex index = new IpIndex();
    /** The profile of each address id of {@link #index}. */
    private IpAcc[] ips = new IpAcc[64];
    // The previous packet's profiles: packets of one flow come in bursts, so most lookups are repeats.
    private Device lastDevice;
    private IpAcc lastSrc;
    private IpAcc lastDst;
    private long tlsOverCap;

    /** A decoder whose tables hold as many entries as a capture's do on a heap of 512 MB or more. */
    public ProfileDecoder() {
        this(ConnectionCaps.MAX, 4 * ConnectionCaps.MAX);
    }

    /** A decoder that keeps at most {@code maxAddresses} devices and addresses, and {@code maxPorts} port entries. */
    public ProfileDecoder(int maxAddresses, int maxPorts) {
        this.maxDevices = Math.max(1, maxAddresses);
        this.maxAddresses = this.maxDevices;
        this.maxPorts = Math.max(1, maxPorts);
    }

    /**
     * Lowers the caps to the entries held, so that the tables grow no more (new entries count as over the cap, the
     * held ones go on counting): for a heap nearly full of live state (docs/streams.md, "Memory pressure"). Profiles
     * are written once at the end, merged over the workers, so none is dropped early.
     */
    public void freeze() {
        maxDevices = Math.min(maxDevices, Math.max(1, devices.size()));
        maxAddresses = Math.min(maxAddresses, Math.max(1, index.size()));
        maxPorts = Math.min(maxPorts, Math.max(1, portEntries));
    }

    public void handle(PacketFacts f) {
        long mac = f.hasMac ? f.srcMac48 : NO_MAC;
        long ts = f.timestampNanos;
        Device d = lastDevice;
        if (d == null || d.mac != mac) {
            d = devices.get(mac);
            if (d == null) {
                if (devices.size() >= maxDevices) {
                    overCap++;
                    return;
                }
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
        boolean v6 = f.ipLength == 16;
        // A reply swaps the addresses of the previous packet: both cached profiles are candidates.
        IpAcc s = profile(lastSrc, lastDst, f.srcIpHi, f.srcIpLo, v6);
        IpAcc t = profile(lastDst, lastSrc, f.dstIpHi, f.dstIpLo, v6);
        if (s == null || t == null) {
            overCap++;
            return; // the address table is full: the packet counts for its device only
        }
        lastSrc = s;
        lastDst = t;
        if (s.asIpOf != d) {
            s.asIpOf = d;
            s.asIpFirst = firstSeen(d.ips, s.id, ts);
        } else if (ts < s.asIpFirst) {
            s.asIpFirst = ts;
            d.ips.put(s.id, ts);
        }
        if (t.asContactOf != d) {
            t.asContactOf = d;
            t.asContactFirst = firstSeen(d.contacts, t.id, ts);
        } else if (ts < t.asContactFirst) {
            t.asContactFirst = ts;
            d.contacts.put(t.id, ts);
        }
        s.see(f, ts);
        t.see(f, ts);
        if (f.dpiProtocol != 0) {
            s.protocol(f.dpiProtocol);
            t.protocol(f.dpiProtocol);
        }
        if (f.tlsFingerprint != null) {
            tls(s, f);
            tls(t, f);
        }
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

    /** A TLS hello of this address: its fingerprint, and the server name a ClientHello asked for, if any. */
    private void tls(IpAcc a, PacketFacts f) {
        if (!a.fingerprint(f.tlsFingerprint, MAX_TLS_KEYS)) {
            tlsOverCap++;
        }
        if (f.tlsServerName != null && !f.tlsServerName.isEmpty() && !a.serverName(f.tlsServerName, 1, MAX_TLS_KEYS)) {
            tlsOverCap++;
        }
    }

    /** Devices, addresses and port entries not kept because their table was full. */
    public long overCap() {
        return overCap;
    }

    /** Server names and fingerprints not kept because an address had {@link #MAX_TLS_KEYS} of them. */
    public long tlsOverCap() {
        return tlsOverCap;
    }

    private IpAcc profile(IpAcc cached, IpAcc other, long hi, long lo, boolean v6) {
        if (cached != null && cached.is(hi, lo, v6)) {
            return cached;
        }
        if (other != null && other.is(hi, lo, v6)) {
            return other;
        }
        int id = index.find(hi, lo, v6);
        if (id >= 0) {
            return ips[id];
        }
        return index.size() >= maxAddresses ? null : add(new IpAcc(hi, lo, v6));
    }

    /** Gives {@code a} the next address id of this table. */
    private IpAcc add(IpAcc a) {
        int id = index.add(a.hi, a.lo, a.v6);
        if (id == ips.length) {
            ips = Arrays.copyOf(ips, id * 2);
        }
        a.id = id;
        ips[id] = a;
        return a;
    }

    /** Keeps the earliest time an address was seen with a device; returns the time now in the table. */
    private static long firstSeen(IntLongMap m, int id, long ts) {
        long prev = m.get(id, Long.MAX_VALUE);
        if (ts < prev) {
            m.put(id, ts);
            return ts;
        }
        return prev;
    }

    /** Counts the packet for a port of {@code m}; {@code cached} is the entry the previous call returned. */
    private PortAcc port(LongMap<PortAcc> m, PortAcc cached, int port, int proto, PacketFacts f, long ts) {
        PortAcc a = cached;
        if (a == null || a.port != port || a.proto != proto) {
            int key = port << 2 | proto;
            a = m.get(key);
            if (a == null) {
                if (portEntries >= maxPorts) {
                    overCap++;
                    return cached;
                }
                portEntries++;
                a = new PortAcc(port, proto);
                m.put(key, a);
            }
        }
        a.first = Math.min(a.first, ts);
        a.packets++;
        a.bytes += f.capturedLength;
        return a;
    }

    /** Merges the tables of all workers and hands out DeviceProfiles, then IPProfiles, as messages (tests, tools). */
    public static void emit(List<ProfileDecoder> parts, Consumer<DeviceProfile> devicesOut,
                            Consumer<IPProfile> ipsOut) {
        emit(parts, devicesOut == null ? null : WireSink.<DeviceProfile>messages(devicesOut),
                ipsOut == null ? null : WireSink.<IPProfile>messages(ipsOut));
    }

    /**
     * Merges the tables of all workers (emptying them) and writes DeviceProfiles, then IPProfiles, in wire
     * format; a null sink skips that type. DeviceProfiles are ordered by first sighting then MAC,
     * IPProfiles by first sighting then address text.
     */
    public static void emit(List<ProfileDecoder> parts, WireSink devicesOut, WireSink ipsOut) {
        emit(parts, devicesOut, ipsOut, ProfileEnrichment.NONE);
    }

    /** As {@link #emit(List, WireSink, WireSink)}, with the resolver fields filled from {@code enrichment}. */
    public static void emit(List<ProfileDecoder> parts, WireSink devicesOut, WireSink ipsOut, ProfileEnrichment enrichment) {
        if (parts.isEmpty()) {
            return;
        }
        ProfileDecoder all = parts.getFirst();
        for (int i = 1; i < parts.size(); i++) {
            all.absorb(parts.get(i));
        }
        new Emission(all, enrichment).write(devicesOut, ipsOut);
        for (ProfileDecoder p : parts) {
            p.clear();
        }
    }

    /** Moves the tables of {@code o} into this one, translating its address ids to this table's. */
    private void absorb(ProfileDecoder o) {
        int n = o.index.size();
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            IpAcc x = o.ips[i];
            int id = index.find(x.hi, x.lo, x.v6);
            if (id < 0) {
                ids[i] = add(x).id;
            } else {
                ips[id].merge(x);
                ids[i] = id;
            }
        }
        o.devices.forEachValue(od -> {
            Device d = devices.get(od.mac);
            if (d == null) {
                d = new Device(od.mac);
                devices.put(od.mac, d);
            }
            d.merge(od, ids);
        });
    }

    private void clear() {
        lastDevice = null;
        lastSrc = null;
        lastDst = null;
        devices.clear();
        index = new IpIndex();
        ips = new IpAcc[64];
    }

    /** Writing the merged tables: address texts, sorting scratch and the record buffer of one emit. */
    private static final class Emission {
        private final Device[] devices;
        private final IpAcc[] ips;
        private final ProfileEnrichment enrichment;
        private final byte[] v4 = new byte[4];
        private final byte[] v6 = new byte[16];
        private final int ipCount;
        /** The text of every address, {@code IpAcc.textOff .. + textLen}. */
        private byte[] texts;
        private final WireWriter w = new WireWriter();
        private final byte[] mac = new byte[6];
        private final byte[] macText = new byte[17];
        private IpAcc[] seen = new IpAcc[16];
        private PortAcc[] ports = new PortAcc[16];
        private final Comparator<IpAcc> byFirst = (a, b) -> a.first != b.first ? Long.compare(a.first, b.first) : byText(a, b);
        private final Comparator<IpAcc> bySeen = (a, b) -> a.seen != b.seen ? Long.compare(a.seen, b.seen) : byText(a, b);

        Emission(ProfileDecoder all, ProfileEnrichment enrichment) {
            this.enrichment = enrichment;
            devices = new Device[all.devices.size()];
            all.devices.values(devices);
            ipCount = all.index.size();
            ips = Arrays.copyOf(all.ips, ipCount);
            byte[] addr = new byte[16];
            texts = new byte[Math.max(64, ipCount * 16)];
            int pos = 0;
            for (int i = 0; i < ipCount; i++) {
                IpAcc a = ips[i];
                if (texts.length - pos < 39) {
                    texts = Arrays.copyOf(texts, texts.length * 2);
                }
                int end;
                if (a.v6) {
                    put64(a.hi, addr, 0);
                    put64(a.lo, addr, 8);
                    end = Addresses.ip(addr, 0, 16, texts, pos);
                } else {
                    put64(a.lo, addr, 8);
                    end = Addresses.ip(addr, 12, 4, texts, pos);
                }
                a.textOff = pos;
                a.textLen = end - pos;
                pos = end;
            }
        }

        /**
         * Address text order; equal texts (an IPv4 address and its IPv4-mapped IPv6 form) are ordered
         * IPv4 first, so the order never depends on table layout.
         */
        private int byText(IpAcc a, IpAcc b) {
            int c = Arrays.compareUnsigned(texts, a.textOff, a.textOff + a.textLen, texts, b.textOff, b.textOff + b.textLen);
            return c != 0 ? c : Boolean.compare(a.v6, b.v6);
        }

        void write(WireSink devicesOut, WireSink ipsOut) {
            if (devicesOut != null) {
                PackedSort.sort(devices, d -> d.first, Device.ORDER);
                for (Device d : devices) {
                    device(d);
                    devicesOut.accept(RecordType.DeviceProfile, w.buffer(), w.length());
                }
            }
            if (ipsOut != null) {
                PackedSort.sort(ips, a -> a.first, byFirst);
                for (IpAcc a : ips) {
                    ip(a);
                    ipsOut.accept(RecordType.IPProfile, w.buffer(), w.length());
                }
            }
        }

        private void device(Device d) {
            w.reset();
            if (d.mac != NO_MAC) {
                for (int i = 0; i < 6; i++) {
                    mac[i] = (byte) (d.mac >>> (40 - 8 * i));
                }
                w.bytes(DeviceProfile.MACADDR_FIELD_NUMBER, macText, 0, Addresses.mac(mac, 0, macText, 0));
            }
            if (d.mac != NO_MAC) {
                text(DeviceProfile.DEVICEMANUFACTURER_FIELD_NUMBER, enrichment.manufacturer(d.mac));
            }
            addresses(DeviceProfile.DEVICEIPS_FIELD_NUMBER, d.ips);
            addresses(DeviceProfile.CONTACTS_FIELD_NUMBER, d.contacts);
            w.int64(DeviceProfile.NUMPACKETS_FIELD_NUMBER, d.packets);
            w.int64(DeviceProfile.TIMESTAMP_FIELD_NUMBER, d.first);
            w.int64(DeviceProfile.BYTES_FIELD_NUMBER, d.bytes);
        }

        /** The addresses of a device table, by first sighting; an address text is never empty, so every element is written. */
        private void addresses(int field, IntLongMap m) {
            int n = 0;
            if (seen.length < m.size()) {
                seen = new IpAcc[Math.max(m.size(), 2 * seen.length)];
            }
            for (int i = 0, cap = m.capacity(); i < cap; i++) {
                int id = m.keyAt(i);
                if (id >= 0) {
                    IpAcc a = ipById(id);
                    a.seen = m.valueAt(i);
                    seen[n++] = a;
                }
            }
            PackedSort.sort(seen, 0, n, a -> a.seen, bySeen);
            for (int i = 0; i < n; i++) {
                IpAcc a = seen[i];
                w.bytes(field, texts, a.textOff, a.textLen);
                seen[i] = null;
            }
        }

        /** Before the IPProfiles are sorted, {@link #ips} is still indexed by address id. */
        private IpAcc ipById(int id) {
            return ips[id];
        }

        private void ip(IpAcc a) {
            w.reset();
            w.bytes(IPProfile.ADDR_FIELD_NUMBER, texts, a.textOff, a.textLen);
            w.int64(IPProfile.NUMPACKETS_FIELD_NUMBER, a.packets);
            if (enrichment != ProfileEnrichment.NONE) {
                String addr = new String(texts, a.textOff, a.textLen, StandardCharsets.US_ASCII);
                text(IPProfile.GEOLOCATION_FIELD_NUMBER, enrichment.geolocation(address(a), addr));
                text(IPProfile.DNSNAMES_FIELD_NUMBER, enrichment.localName(addr));
            }
            w.int64(IPProfile.TIMESTAMPFIRST_FIELD_NUMBER, a.first);
            // The original sets TimestampLast on updates only: 0 for an address seen once.
            w.int64(IPProfile.TIMESTAMPLAST_FIELD_NUMBER, a.packets > 1 ? a.last : 0);
            if (a.fingerprints != null) {
                for (String hash : new java.util.TreeSet<>(a.fingerprints)) {
                    int entry = w.begin(IPProfile.JA3HASHES_FIELD_NUMBER);
                    text(1, hash);
                    text(2, enrichment.ja3Description(hash));
                    w.end(entry);
                }
            }
            protocols(a);
            w.int64(IPProfile.BYTES_FIELD_NUMBER, a.bytes);
            if (a.serverNames != null) {
                new java.util.TreeMap<>(a.serverNames).forEach((name, n) -> {
                    int entry = w.begin(IPProfile.SNIS_FIELD_NUMBER);
                    text(1, name);
                    w.int64(2, n[0]);
                    w.end(entry);
                });
            }
            ports(IPProfile.SRCPORTS_FIELD_NUMBER, a.srcPorts);
            ports(IPProfile.DSTPORTS_FIELD_NUMBER, a.dstPorts);
            ports(IPProfile.CONTACTEDPORTS_FIELD_NUMBER, a.contactedPorts);
        }

        /** {@code map<string, Protocol> Protocols}: one entry message per name, in name order. */
        private void protocols(IpAcc a) {
            if (a.protocols == null) {
                return;
            }
            java.util.TreeMap<String, long[]> byName = new java.util.TreeMap<>();
            a.protocols.forEach((id, packets) -> {
                long[] acc = byName.computeIfAbsent(enrichment.protocolName(id), k -> new long[] {0, id});
                acc[0] += packets[0];
            });
            byName.forEach((name, acc) -> {
                int entry = w.begin(IPProfile.PROTOCOLS_FIELD_NUMBER);
                text(1, name);
                int value = w.begin(2);
                w.int64(io.netcap.types.Protocol.PACKETS_FIELD_NUMBER, acc[0]);
                text(io.netcap.types.Protocol.CATEGORY_FIELD_NUMBER, enrichment.categoryName(acc[1]));
                w.end(value);
                w.end(entry);
            });
        }

        /** The address bytes of a profile; valid until the next call. */
        private byte[] address(IpAcc a) {
            if (a.v6) {
                put64(a.hi, v6, 0);
                put64(a.lo, v6, 8);
                return v6;
            }
            for (int i = 0; i < 4; i++) {
                v4[i] = (byte) (a.lo >>> (24 - 8 * i));
            }
            return v4;
        }

        /** A string field; proto3 leaves an empty one out. */
        private void text(int field, String value) {
            if (!value.isEmpty()) {
                byte[] b = value.getBytes(StandardCharsets.UTF_8);
                w.bytes(field, b, 0, b.length);
            }
        }

        private void ports(int field, LongMap<PortAcc> m) {
            if (ports.length < m.size()) {
                ports = new PortAcc[Math.max(m.size(), 2 * ports.length)];
            }
            int n = m.values(ports);
            PackedSort.sort(ports, 0, n, p -> p.first, PortAcc.ORDER);
            for (int i = 0; i < n; i++) {
                PortAcc p = ports[i];
                int port = w.begin(field);
                w.int32(Port.PORTNUMBER_FIELD_NUMBER, p.port);
                byte[] proto = PROTOCOLS[p.proto];
                w.bytes(Port.PROTOCOL_FIELD_NUMBER, proto, 0, proto.length);
                int stats = w.begin(Port.STATS_FIELD_NUMBER); // a set message field is written even when empty
                w.int64(PortStats.PACKETS_FIELD_NUMBER, p.packets);
                w.int64(PortStats.BYTES_FIELD_NUMBER, p.bytes);
                w.end(stats);
                w.end(port);
                ports[i] = null;
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void put64(long v, byte[] b, int off) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    private static final class Device {
        /** First sighting, then MAC: the numeric order of a MAC is the order of its fixed-width text, and "" (no MAC) comes first. */
        static final Comparator<Device> ORDER = (a, b) -> a.first != b.first ? Long.compare(a.first, b.first) : Long.compare(a.mac, b.mac);

        final long mac;
        long first = Long.MAX_VALUE;
        long packets;
        long bytes;
        /** First sighting per address id, as source (ips) and as destination (contacts) of the device's packets. */
        final IntLongMap ips = new IntLongMap();
        final IntLongMap contacts = new IntLongMap();

        Device(long mac) {
            this.mac = mac;
        }

        /** Adds another worker's profile of this device, whose address ids map to this table's through {@code ids}. */
        void merge(Device o, int[] ids) {
            first = Math.min(first, o.first);
            packets += o.packets;
            bytes += o.bytes;
            mergeSeen(ips, o.ips, ids);
            mergeSeen(contacts, o.contacts, ids);
        }

        private static void mergeSeen(IntLongMap into, IntLongMap from, int[] ids) {
            for (int i = 0, cap = from.capacity(); i < cap; i++) {
                int id = from.keyAt(i);
                if (id >= 0) {
                    into.putMin(ids[id], from.valueAt(i));
                }
            }
        }
    }

    private static final class IpAcc {
        /** The address: {@code (0, u32)} for IPv4, the two halves for IPv6. */
        final long hi;
        final long lo;
        final boolean v6;
        /** Id in the owning decoder's {@link IpIndex}. */
        int id;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long packets;
        long bytes;
        final LongMap<PortAcc> srcPorts = new LongMap<>();
        final LongMap<PortAcc> dstPorts = new LongMap<>();
        final LongMap<PortAcc> contactedPorts = new LongMap<>();
        /** Packets per DPI protocol id, only with {@code -dpi}. */
        java.util.Map<Long, long[]> protocols;
        /** JA3/JA3S hashes of the TLS hellos of this address, and hellos per ClientHello server name; null before the first. */
        java.util.Set<String> fingerprints;
        java.util.Map<String, long[]> serverNames;
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
        /* Emission only: the text's place in the emission's text array, and a device's first-seen time while sorting. */
        int textOff;
        int textLen;
        long seen;

        IpAcc(long hi, long lo, boolean v6) {
            this.hi = hi;
            this.lo = lo;
            this.v6 = v6;
        }

        boolean is(long h, long l, boolean six) {
            return lo == l && hi == h && v6 == six;
        }

        void see(PacketFacts f, long ts) {
            first = Math.min(first, ts);
            last = Math.max(last, ts);
            packets++;
            bytes += f.capturedLength;
        }

        void protocol(long id) {
            if (protocols == null) {
                protocols = new java.util.HashMap<>();
            }
            protocols.computeIfAbsent(id, k -> new long[1])[0]++;
        }

        /** False when the hash is new and the address has {@code cap} already. */
        boolean fingerprint(String hash, int cap) {
            if (fingerprints == null) {
                fingerprints = new java.util.HashSet<>();
            }
            if (fingerprints.size() >= cap && !fingerprints.contains(hash)) {
                return false;
            }
            fingerprints.add(hash);
            return true;
        }

        /** False when the name is new and the address has {@code cap} already. */
        boolean serverName(String name, long hellos, int cap) {
            if (serverNames == null) {
                serverNames = new java.util.HashMap<>();
            }
            long[] n = serverNames.get(name);
            if (n == null) {
                if (serverNames.size() >= cap) {
                    return false;
                }
                serverNames.put(name, n = new long[1]);
            }
            n[0] += hellos;
            return true;
        }

        void merge(IpAcc o) {
            first = Math.min(first, o.first);
            last = Math.max(last, o.last);
            packets += o.packets;
            bytes += o.bytes;
            mergePorts(srcPorts, o.srcPorts);
            mergePorts(dstPorts, o.dstPorts);
            mergePorts(contactedPorts, o.contactedPorts);
            if (o.protocols != null) {
                if (protocols == null) {
                    protocols = new java.util.HashMap<>();
                }
                o.protocols.forEach((id, n) -> protocols.computeIfAbsent(id, k -> new long[1])[0] += n[0]);
            }
            // each worker kept at most MAX_TLS_KEYS per address: their union is bounded by the number of workers
            if (o.fingerprints != null) {
                o.fingerprints.forEach(h -> fingerprint(h, Integer.MAX_VALUE));
            }
            if (o.serverNames != null) {
                o.serverNames.forEach((name, n) -> serverName(name, n[0], Integer.MAX_VALUE));
            }
        }

        private static void mergePorts(LongMap<PortAcc> into, LongMap<PortAcc> from) {
            // the records list ports sorted, so a table larger than the union by shared ports changes nothing
            into.reserve(from.size());
            from.forEachValue(b -> {
                long key = b.port << 2 | b.proto;
                PortAcc a = into.get(key);
                if (a == null) {
                    into.put(key, b);
                } else {
                    a.first = Math.min(a.first, b.first);
                    a.packets += b.packets;
                    a.bytes += b.bytes;
                }
            });
        }
    }

    private static final class PortAcc {
        /** First sighting, then port, then protocol. */
        static final Comparator<PortAcc> ORDER = (a, b) -> a.first != b.first ? Long.compare(a.first, b.first)
                : a.port != b.port ? Integer.compare(a.port, b.port) : Integer.compare(a.proto, b.proto);

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
