package io.netcap.engine;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.netcap.decoder.app.AppDispatch;
import io.netcap.decoder.app.AppDispatch.Protocol;
import io.netcap.decoder.flow.Addresses;
import io.netcap.decoder.flow.PacketFacts;
import io.netcap.packet.layer.LayerKind;
import io.netcap.types.RecordType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application decoders ({@link AppDispatch}) for the application layers the parser recognised, and
 * the TLS hello packet decoders for TCP payloads, with the packet context applied to their records
 * (decoders.md section 4: SrcIP/DstIP/SrcPort/DstPort from the first network and transport layer).
 */
final class AppDecoding {
    /** Parser kinds whose bytes an application decoder reads. */
    private static final Map<LayerKind, Protocol> BY_KIND = new EnumMap<>(LayerKind.class);

    static {
        BY_KIND.put(LayerKind.DNS, Protocol.DNS);
        BY_KIND.put(LayerKind.DHCPV4, Protocol.DHCPV4);
        BY_KIND.put(LayerKind.DHCPV6, Protocol.DHCPV6);
        BY_KIND.put(LayerKind.NTP, Protocol.NTP);
        BY_KIND.put(LayerKind.SIP, Protocol.SIP);
        BY_KIND.put(LayerKind.BFD, Protocol.BFD);
        BY_KIND.put(LayerKind.LCM, Protocol.LCM);
        BY_KIND.put(LayerKind.MODBUS, Protocol.MODBUS);
        BY_KIND.put(LayerKind.ENIP, Protocol.ENIP);
        BY_KIND.put(LayerKind.DIAMETER, Protocol.DIAMETER);
        BY_KIND.put(LayerKind.IGMP, Protocol.IGMP);
        BY_KIND.put(LayerKind.OSPF, Protocol.OSPF);
        BY_KIND.put(LayerKind.VRRP, Protocol.VRRP);
        BY_KIND.put(LayerKind.LLDP, Protocol.LLDP);
        BY_KIND.put(LayerKind.CDP, Protocol.CDP);
        BY_KIND.put(LayerKind.NORTEL_DISCOVERY, Protocol.NORTEL_DISCOVERY);
        BY_KIND.put(LayerKind.EAPOL, Protocol.EAPOL);
        BY_KIND.put(LayerKind.EAP, Protocol.EAP);
    }

    /** The context fields a record type has (looked up once per type). */
    private record ContextFields(FieldDescriptor srcIp, FieldDescriptor dstIp, FieldDescriptor srcPort,
                                 FieldDescriptor dstPort, FieldDescriptor srcMac, FieldDescriptor dstMac) {
        static ContextFields of(Descriptor d) {
            return new ContextFields(d.findFieldByName("SrcIP"), d.findFieldByName("DstIP"), d.findFieldByName("SrcPort"),
                    d.findFieldByName("DstPort"), d.findFieldByName("SrcMAC"), d.findFieldByName("DstMAC"));
        }
    }

    private static final Map<Descriptor, ContextFields> FIELDS = new ConcurrentHashMap<>();

    private final Map<Protocol, Boolean> enabled = new EnumMap<>(Protocol.class);
    private final boolean hellos;
    private final boolean context;
    private final boolean datagrams;
    private final AppDispatch.Options udpOptions;
    private final AppDispatch.Options tcpOptions;

    AppDecoding(Set<RecordType> types, boolean payload, boolean context, boolean datagrams) {
        for (Protocol p : Protocol.values()) {
            enabled.put(p, p.types().stream().anyMatch(types::contains));
        }
        this.hellos = enabled.get(Protocol.TLS_HELLO);
        this.context = context;
        this.datagrams = datagrams;
        this.udpOptions = new AppDispatch.Options(payload, false);
        this.tcpOptions = new AppDispatch.Options(payload, true);
    }

    /** Whether an enabled application decoder consumes layers of this kind. */
    boolean decodes(LayerKind kind) {
        Protocol p = BY_KIND.get(kind);
        return p != null ? enabled.get(p) : kind == LayerKind.TLS && hellos;
    }

    /** Decodes application layer {@code kind} spanning {@code buf[off .. off+len)}. */
    void layer(LayerKind kind, byte[] buf, int off, int len, long ts, boolean overTcp, PacketFacts facts,
               RecordSink sink, PacketOutcome outcome) {
        Protocol p = BY_KIND.get(kind);
        if (p == null || !enabled.get(p)) {
            return;
        }
        List<Message> records = AppDispatch.decode(p, buf, off, len, ts, overTcp ? tcpOptions : udpOptions);
        if (records.isEmpty() && len > 0) {
            outcome.error("MALFORMED_" + p.name(), kind.layerName() + " message could not be decoded");
        }
        emit(records, facts, sink);
    }

    /** Offers a TCP payload to the TLS hello packet decoders (decoders.md section 9: any port). */
    void tcpPayload(byte[] buf, int off, int len, long ts, PacketFacts facts, RecordSink sink) {
        if (!hellos || len < 6 || buf[off] != 0x16) { // TLS record type 22 (handshake), RFC 8446 5.1
            return;
        }
        emit(AppDispatch.decode(Protocol.TLS_HELLO, buf, off, len, ts, tcpOptions), facts, sink);
    }

    boolean datagrams() {
        return datagrams;
    }

    private void emit(List<Message> records, PacketFacts facts, RecordSink sink) {
        for (Message m : records) {
            RecordType t = LayerDecoding.type(m);
            if (t != null) {
                sink.accept(t, withContext(m, facts));
            }
        }
    }

    private Message withContext(Message m, PacketFacts f) {
        ContextFields c = FIELDS.computeIfAbsent(m.getDescriptorForType(), ContextFields::of);
        if (c.srcIp() == null && c.srcPort() == null && c.srcMac() == null) {
            return m;
        }
        Message.Builder b = m.toBuilder();
        boolean net = context && f.hasNetwork();
        boolean tr = context && f.hasTransport();
        if (c.srcIp() != null) {
            b.setField(c.srcIp(), net ? Addresses.ip(f.srcIp, 0, f.ipLength) : "");
            b.setField(c.dstIp(), net ? Addresses.ip(f.dstIp, 0, f.ipLength) : "");
        }
        if (c.srcPort() != null && c.srcPort().getJavaType() == FieldDescriptor.JavaType.INT) {
            b.setField(c.srcPort(), tr ? f.srcPort : 0);
            b.setField(c.dstPort(), tr ? f.dstPort : 0);
        }
        if (c.srcMac() != null && c.srcMac().getJavaType() == FieldDescriptor.JavaType.STRING && f.hasMac
                && ((String) m.getField(c.srcMac())).isEmpty()) {
            b.setField(c.srcMac(), Addresses.mac(f.srcMac, 0));
            b.setField(c.dstMac(), Addresses.mac(f.dstMac, 0));
        }
        return b.build();
    }
}
