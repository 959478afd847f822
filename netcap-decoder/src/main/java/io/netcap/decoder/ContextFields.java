package io.netcap.decoder;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.netcap.decoder.flow.PacketFacts;
import io.netcap.packet.layer.Addresses;
import io.netcap.types.RecordType;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies the packet context to a record built elsewhere (the application decoders leave these fields
 * to the caller), following the packet context of docs/layers.md. The layer decoders of this package set
 * the fields themselves; this is for decoders that return finished messages. The fields of each
 * message type, and the generated accessors that set them, are looked up once.
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

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    /** Sets a string field on a builder of one generated type. */
    @FunctionalInterface
    interface StringSetter {
        Message.Builder set(Message.Builder b, String v);
    }

    /** Sets an int field on a builder of one generated type. */
    @FunctionalInterface
    interface IntSetter {
        Message.Builder set(Message.Builder b, int v);
    }

    /** Reads a string field of one generated message type. */
    @FunctionalInterface
    interface StringGetter {
        String get(Message m);
    }

    /**
     * A type's context fields and their generated accessors, bound once through LambdaMetafactory:
     * {@code Message.Builder.setField} goes through the accessor table and {@code Method.invoke} on every
     * call, which C1 does not optimise away. {@code direct} is false when a generated class lacks the
     * expected accessors; that type then keeps the reflective path.
     */
    private record Fields(FieldDescriptor srcIp, FieldDescriptor dstIp, FieldDescriptor srcPort, FieldDescriptor dstPort,
                          FieldDescriptor srcMac, FieldDescriptor dstMac, boolean direct,
                          StringSetter setSrcIp, StringSetter setDstIp, IntSetter setSrcPort, IntSetter setDstPort,
                          StringGetter getSrcMac, StringSetter setSrcMac, StringSetter setDstMac) {
        static Fields of(Descriptor d, Message prototype) {
            FieldDescriptor srcIp = d.findFieldByName("SrcIP"), dstIp = d.findFieldByName("DstIP");
            FieldDescriptor srcPort = d.findFieldByName("SrcPort"), dstPort = d.findFieldByName("DstPort");
            FieldDescriptor srcMac = d.findFieldByName("SrcMAC"), dstMac = d.findFieldByName("DstMAC");
            try {
                Class<?> message = prototype.getClass();
                Class<?> builder = prototype.newBuilderForType().getClass();
                boolean ip = srcIp != null && dstIp != null && srcIp.getJavaType() == FieldDescriptor.JavaType.STRING
                        && dstIp.getJavaType() == FieldDescriptor.JavaType.STRING;
                boolean port = isInt(srcPort) && isInt(dstPort);
                boolean mac = isString(srcMac) && isString(dstMac);
                return new Fields(srcIp, dstIp, srcPort, dstPort, srcMac, dstMac, true,
                        ip ? stringSetter(builder, srcIp) : null, ip ? stringSetter(builder, dstIp) : null,
                        port ? intSetter(builder, srcPort) : null, port ? intSetter(builder, dstPort) : null,
                        mac ? stringGetter(message, srcMac) : null, mac ? stringSetter(builder, srcMac) : null,
                        mac ? stringSetter(builder, dstMac) : null);
            } catch (Throwable e) {
                return new Fields(srcIp, dstIp, srcPort, dstPort, srcMac, dstMac, false,
                        null, null, null, null, null, null, null);
            }
        }
    }

    private static final ConcurrentHashMap<Descriptor, Fields> FIELDS = new ConcurrentHashMap<>();

    private ContextFields() {}

    private static Fields fields(Message m) {
        Descriptor d = m.getDescriptorForType();
        Fields f = FIELDS.get(d);
        if (f == null) {
            f = Fields.of(d, m);
            FIELDS.putIfAbsent(d, f);
        }
        return f;
    }

    /** Whether the type of {@code m} sets its context fields through bound accessors. */
    static boolean direct(Message m) {
        return fields(m).direct();
    }

    private static boolean isInt(FieldDescriptor f) {
        return f != null && !f.isRepeated() && f.getJavaType() == FieldDescriptor.JavaType.INT;
    }

    private static boolean isString(FieldDescriptor f) {
        return f != null && !f.isRepeated() && f.getJavaType() == FieldDescriptor.JavaType.STRING;
    }

    /** protoc's Java accessor name: the field name in camel case after {@code prefix}. */
    static String accessor(String prefix, FieldDescriptor f) {
        StringBuilder sb = new StringBuilder(prefix);
        boolean upper = true;
        for (char c : f.getName().toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = Character.isDigit(c);
            }
        }
        return sb.toString();
    }

    private static StringSetter stringSetter(Class<?> builder, FieldDescriptor f) throws Throwable {
        MethodHandle h = LOOKUP.findVirtual(builder, accessor("set", f), MethodType.methodType(builder, String.class));
        return (StringSetter) bind(StringSetter.class, "set",
                MethodType.methodType(Message.Builder.class, Message.Builder.class, String.class), h);
    }

    private static IntSetter intSetter(Class<?> builder, FieldDescriptor f) throws Throwable {
        MethodHandle h = LOOKUP.findVirtual(builder, accessor("set", f), MethodType.methodType(builder, int.class));
        return (IntSetter) bind(IntSetter.class, "set",
                MethodType.methodType(Message.Builder.class, Message.Builder.class, int.class), h);
    }

    private static StringGetter stringGetter(Class<?> message, FieldDescriptor f) throws Throwable {
        MethodHandle h = LOOKUP.findVirtual(message, accessor("get", f), MethodType.methodType(String.class));
        return (StringGetter) bind(StringGetter.class, "get", MethodType.methodType(String.class, Message.class), h);
    }

    private static Object bind(Class<?> iface, String name, MethodType erased, MethodHandle impl) throws Throwable {
        return LambdaMetafactory.metafactory(LOOKUP, name, MethodType.methodType(iface), erased, impl, impl.type())
                .getTarget().invoke();
    }

    /** The record with the context fields its type takes set from {@code ctx}; other records unchanged. */
    public static Message apply(Message m, RecordType type, DecodeContext ctx) {
        boolean ips = ADDRESSES_AND_PORTS.contains(type) || ADDRESSES.contains(type);
        boolean ports = ADDRESSES_AND_PORTS.contains(type) || PORTS.contains(type);
        if (!ips && !ports) {
            return m;
        }
        Fields f = fields(m);
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
        Fields c = fields(m);
        if (c.srcIp() == null && c.srcPort() == null && c.srcMac() == null) {
            return m;
        }
        if (!c.direct()) {
            return reflective(m, c, facts, context);
        }
        Message.Builder b = m.toBuilder();
        boolean net = context && facts.hasNetwork();
        boolean tr = context && facts.hasTransport();
        if (c.setSrcIp() != null) {
            c.setSrcIp().set(b, net ? Addresses.ip(facts.srcIp, 0, facts.ipLength) : "");
            c.setDstIp().set(b, net ? Addresses.ip(facts.dstIp, 0, facts.ipLength) : "");
        }
        if (c.setSrcPort() != null) {
            c.setSrcPort().set(b, tr ? facts.srcPort : 0);
            c.setDstPort().set(b, tr ? facts.dstPort : 0);
        }
        if (c.setSrcMac() != null && facts.hasMac && c.getSrcMac().get(m).isEmpty()) {
            c.setSrcMac().set(b, Addresses.mac(facts.srcMac, 0));
            c.setDstMac().set(b, Addresses.mac(facts.dstMac, 0));
        }
        return b.build();
    }

    /** {@link #apply(Message, PacketFacts, boolean)} through the descriptors, for a type without bound accessors. */
    static Message reflective(Message m, PacketFacts facts, boolean context) {
        return reflective(m, fields(m), facts, context);
    }

    private static Message reflective(Message m, Fields c, PacketFacts facts, boolean context) {
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
