package io.netcap.decoder;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.netcap.decoder.flow.Addresses;
import io.netcap.decoder.flow.PacketFacts;
import io.netcap.types.RecordType;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies the packet context to a record built elsewhere (the application decoders leave these fields
 * to the caller), following the table of decoders.md section 4. The layer decoders of this package set
 * the fields themselves; this is for decoders that return finished messages. The fields of each
 * message type are looked up once.
 */
public final class ContextFields {
    /** Records whose SrcIP, DstIP, SrcPort and DstPort come from the context. */
    public static final Set<RecordType> ADDRESSES_AND_PORTS = EnumSet.of(RecordType.CIP, RecordType.DHCPv4,
            RecordType.DHCPv6, RecordType.Diameter, RecordType.DNS, RecordType.ENIP, RecordType.IPv6Fragment,
            RecordType.LCM, RecordType.Modbus, RecordType.NTP, RecordType.SIP);
    /** Records whose SrcIP and DstIP come from the context (their ports, if any, are their own). */
    public static final Set<RecordType> ADDRESSES = EnumSet.of(RecordType.GRE, RecordType.ICMPv4, RecordType.ICMPv6,
            RecordType.ICMPv6Echo, RecordType.ICMPv6NeighborAdvertisement, RecordType.ICMPv6NeighborSolicitation,
            RecordType.ICMPv6RouterAdvertisement, RecordType.ICMPv6RouterSolicitation, RecordType.IGMP,
            RecordType.IPv6HopByHop, RecordType.IPSecAH, RecordType.IPSecESP, RecordType.OSPFv2, RecordType.OSPFv3,
            RecordType.SCTP, RecordType.TCP, RecordType.UDP, RecordType.VRRPv2);
    /** Records that take only SrcPort and DstPort (their addresses are their own header's). */
    public static final Set<RecordType> PORTS = EnumSet.of(RecordType.IPv4, RecordType.IPv6);

    private record Fields(FieldDescriptor srcIp, FieldDescriptor dstIp, FieldDescriptor srcPort, FieldDescriptor dstPort,
                          FieldDescriptor srcMac, FieldDescriptor dstMac) {
        static Fields of(Descriptor d) {
            return new Fields(d.findFieldByName("SrcIP"), d.findFieldByName("DstIP"), d.findFieldByName("SrcPort"),
                    d.findFieldByName("DstPort"), d.findFieldByName("SrcMAC"), d.findFieldByName("DstMAC"));
        }
    }

    private static final ConcurrentHashMap<Descriptor, Fields> FIELDS = new ConcurrentHashMap<>();

    private ContextFields() {}

    /** The record with the context fields its type takes set from {@code ctx}; other records unchanged. */
    public static Message apply(Message m, RecordType type, DecodeContext ctx) {
        boolean ips = ADDRESSES_AND_PORTS.contains(type) || ADDRESSES.contains(type);
        boolean ports = ADDRESSES_AND_PORTS.contains(type) || PORTS.contains(type);
        if (!ips && !ports) {
            return m;
        }
        Fields f = FIELDS.computeIfAbsent(m.getDescriptorForType(), Fields::of);
        Message.Builder b = m.toBuilder();
        if (ips && f.srcIp() != null && f.dstIp() != null) {
            b.setField(f.srcIp(), ctx.srcIp()).setField(f.dstIp(), ctx.dstIp());
        }
        if (ports && f.srcPort() != null && f.dstPort() != null) {
            b.setField(f.srcPort(), ctx.srcPort()).setField(f.dstPort(), ctx.dstPort());
        }
        return b.build();
    }

    /**
     * The record of an application decoder with the packet context of {@code facts}: every record with
     * SrcIP/DstIP takes the first network layer's addresses, every record with integer SrcPort/DstPort the
     * first transport layer's ports (empty and zero when {@code context} is off or the packet has no such
     * layer), and a record with string SrcMAC/DstMAC left empty takes the link addresses.
     */
    public static Message apply(Message m, PacketFacts facts, boolean context) {
        Fields c = FIELDS.computeIfAbsent(m.getDescriptorForType(), Fields::of);
        if (c.srcIp() == null && c.srcPort() == null && c.srcMac() == null) {
            return m;
        }
        Message.Builder b = m.toBuilder();
        boolean net = context && facts.hasNetwork();
        boolean tr = context && facts.hasTransport();
        if (c.srcIp() != null) {
            b.setField(c.srcIp(), net ? Addresses.ip(facts.srcIp, 0, facts.ipLength) : "");
            b.setField(c.dstIp(), net ? Addresses.ip(facts.dstIp, 0, facts.ipLength) : "");
        }
        if (c.srcPort() != null && c.srcPort().getJavaType() == FieldDescriptor.JavaType.INT) {
            b.setField(c.srcPort(), tr ? facts.srcPort : 0);
            b.setField(c.dstPort(), tr ? facts.dstPort : 0);
        }
        if (c.srcMac() != null && c.srcMac().getJavaType() == FieldDescriptor.JavaType.STRING && facts.hasMac
                && ((String) m.getField(c.srcMac())).isEmpty()) {
            b.setField(c.srcMac(), Addresses.mac(facts.srcMac, 0));
            b.setField(c.dstMac(), Addresses.mac(facts.dstMac, 0));
        }
        return b.build();
    }
}
