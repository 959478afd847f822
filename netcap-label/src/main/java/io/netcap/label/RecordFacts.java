package io.netcap.label;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.netcap.types.RecordType;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * What the matching rules read from a record of one type, found by field name in its descriptor once
 * per type (so no code per record type): the time ({@code Timestamp}, or {@code TimestampFirst} and
 * {@code TimestampLast}), the addresses ({@code SrcIP}/{@code DstIP}, {@code ClientIP}/{@code ServerIP}),
 * the ports (integers, or decimal strings in Connection), the transport protocol and the Community ID.
 * The time is public: {@code net export -replay} paces records by it.
 */
public final class RecordFacts {
    /** How records of a type are matched (docs/labeling.md, "Matching"). */
    enum Rule {
        /** Connection: Community ID, or time window, protocol and both endpoints. */
        FLOW,
        /** TCP, UDP, SCTP: same time, protocol and endpoints. */
        TRANSPORT,
        /** HTTP and TLS hellos: same endpoints, alert at or after the record. */
        SESSION,
        /** Other records with addresses: same time and endpoints. */
        ADDRESSED,
        /** Records without addresses: same time. */
        LAYER
    }

    /** The types the original matches by addresses; {@code -disable-layers} labels only these. */
    static final Set<RecordType> FLOW_TYPES = Set.of(RecordType.Connection, RecordType.TCP, RecordType.UDP,
            RecordType.SCTP, RecordType.IPv4, RecordType.IPv6, RecordType.HTTP, RecordType.TLSClientHello,
            RecordType.TLSServerHello);

    private static final Map<RecordType, RecordFacts> BY_TYPE = new EnumMap<>(RecordType.class);

    static {
        for (RecordType t : RecordType.values()) {
            BY_TYPE.put(t, new RecordFacts(t));
        }
    }

    private final RecordType type;
    private final Rule rule;
    private final FieldDescriptor time;
    private final FieldDescriptor timeLast;
    private final FieldDescriptor srcIp;
    private final FieldDescriptor dstIp;
    private final FieldDescriptor srcPort;
    private final FieldDescriptor dstPort;
    private final FieldDescriptor transport;
    private final FieldDescriptor communityId;

    private RecordFacts(RecordType type) {
        this.type = type;
        Descriptor d = type.descriptor();
        this.time = first(d, "Timestamp", "TimestampFirst");
        this.timeLast = type == RecordType.Connection ? d.findFieldByName("TimestampLast") : null;
        // Service records name their host in IP (the attack descriptions' rule: docs/labeling.md)
        this.srcIp = first(d, "SrcIP", "ClientIP", "IP");
        this.dstIp = first(d, "DstIP", "ServerIP");
        this.srcPort = d.findFieldByName("SrcPort");
        this.dstPort = d.findFieldByName("DstPort");
        this.transport = d.findFieldByName("TransportProto");
        this.communityId = d.findFieldByName("CommunityID");
        this.rule = switch (type) {
            case Connection -> Rule.FLOW;
            case TCP, UDP, SCTP -> Rule.TRANSPORT;
            case HTTP, TLSClientHello, TLSServerHello -> Rule.SESSION;
            default -> srcIp != null && dstIp != null ? Rule.ADDRESSED : Rule.LAYER;
        };
    }

    private static FieldDescriptor first(Descriptor d, String... names) {
        for (String n : names) {
            FieldDescriptor f = d.findFieldByName(n);
            if (f != null && !f.isRepeated()) {
                return f;
            }
        }
        return null;
    }

    public static RecordFacts of(RecordType type) {
        return BY_TYPE.get(type);
    }

    RecordType type() { return type; }

    Rule rule() { return rule; }

    /** Whether the type has a time to match on (every record type does; a schema change would show here). */
    public boolean timed() { return time != null && time.getJavaType() == FieldDescriptor.JavaType.LONG; }

    public long time(Message m) {
        return (Long) m.getField(time);
    }

    /** End of the record's time window: {@code TimestampLast} for Connection, else {@link #time}. */
    long timeLast(Message m) {
        return timeLast == null ? time(m) : (Long) m.getField(timeLast);
    }

    String srcIp(Message m) {
        return text(m, srcIp);
    }

    String dstIp(Message m) {
        return text(m, dstIp);
    }

    int srcPort(Message m) {
        return port(m, srcPort);
    }

    int dstPort(Message m) {
        return port(m, dstPort);
    }

    /** The transport protocol in canonical form: the type's own for TCP/UDP/SCTP, Connection's field, else empty. */
    String proto(Message m) {
        return switch (type) {
            case TCP, UDP, SCTP -> type.name();
            default -> transport == null ? "" : IpProtocols.canonical((String) m.getField(transport));
        };
    }

    String communityId(Message m) {
        return text(m, communityId);
    }

    private static String text(Message m, FieldDescriptor f) {
        return f == null || f.getJavaType() != FieldDescriptor.JavaType.STRING ? "" : (String) m.getField(f);
    }

    /** The port, or {@link Alert#NO_PORT} when the type has none or the text is no port. */
    private static int port(Message m, FieldDescriptor f) {
        if (f == null) {
            return Alert.NO_PORT;
        }
        Object v = m.getField(f);
        if (v instanceof Integer i) {
            return i;
        }
        String s = v.toString();
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Alert.NO_PORT;
        }
        return Integer.parseInt(s);
    }
}
