package io.netcap.types.format;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.netcap.types.RecordType;
import io.netcap.types.format.CsvFormat.Column;
import io.netcap.types.format.CsvFormat.Renderer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The declared differences between a record's schema and its CSV columns (docs/original.md, "CSV columns"). Without an
 * entry a type's columns are all its fields in schema order; top-level {@code Timestamp},
 * {@code TimestampFirst} and {@code TimestampLast} are time columns (T).
 */
final class CsvLayouts {
    static final Set<String> TIME_FIELDS = Set.of("Timestamp", "TimestampFirst", "TimestampLast");
    private static final Map<RecordType, Layout> LAYOUTS = new EnumMap<>(RecordType.class);

    private CsvLayouts() {}

    /** Edits of the generic column list of one type. */
    private static final class Layout {
        int decimals = 6;
        boolean timeColumns = true;
        final Set<String> omit = new java.util.HashSet<>();
        /** field name -> replacement column at the field's position */
        final Map<String, Function<Descriptor, Column>> replace = new LinkedHashMap<>();
        List<String> order;
        /** extension columns (fields the original has no column for) that {@code net dump} prints by default */
        List<String> shown = List.of();

        Layout decimals(int n) { decimals = n; return this; }
        Layout integerTimestamps() { timeColumns = false; return this; }
        Layout omit(String... fields) { omit.addAll(List.of(fields)); return this; }
        Layout order(String... headers) { order = List.of(headers); return this; }
        Layout show(String... fields) { shown = List.of(fields); return this; }

        Layout col(String field, String header, Function<FieldDescriptor, Renderer> renderer) {
            replace.put(field, d -> new Column(header, renderer.apply(find(d, field))));
            return this;
        }

        /** A column of a number derived from the field (a count). */
        Layout number(String field, String header, Function<FieldDescriptor, Renderer> renderer) {
            replace.put(field, d -> new Column(header, renderer.apply(find(d, field)), CsvFormat.Kind.NUMBER));
            return this;
        }

        Layout col(String field, Function<FieldDescriptor, Renderer> renderer) {
            return col(field, field, renderer);
        }

        Layout rename(String field, String header) {
            replace.put(field, d -> CsvFormat.column(header, find(d, field), decimals));
            return this;
        }
    }

    private static Layout layout(RecordType t) {
        return LAYOUTS.computeIfAbsent(t, k -> new Layout());
    }

    static {
        // Extensions of the schema (docs/schema-extensions.md) are not part of the original's CSV.
        layout(RecordType.Alert).omit("Domain", "Protocol", "Notes");
        layout(RecordType.CIP).omit("Data").col("AdditionalStatus", CsvLayouts::cipAdditionalStatus);
        // Connection: UID and CommunityID are the keys users join on; dump prints them after the original's columns.
        layout(RecordType.Connection).show("UID", "CommunityID").order("TimestampFirst", "LinkProto", "NetworkProto",
                "TransportProto", "ApplicationProto", "SrcMAC", "DstMAC", "SrcIP", "SrcPort", "DstIP", "DstPort",
                "TotalSize", "AppPayloadSize", "NumPackets", "Duration", "TimestampLast", "BytesClientToServer",
                "BytesServerToClient", "NumFINFlags", "NumRSTFlags", "NumACKFlags", "NumSYNFlags", "NumURGFlags",
                "NumECEFlags", "NumPSHFlags", "NumCWRFlags", "NumNSFlags", "MeanWindowSize");
        layout(RecordType.DeviceProfile)
                .number("DeviceIPs", "NumDeviceIPs", CsvLayouts::count)
                .number("Contacts", "NumContacts", CsvLayouts::count)
                .order("Timestamp", "MacAddr", "DeviceManufacturer", "NumDeviceIPs", "NumContacts", "NumPackets", "Bytes");
        layout(RecordType.DHCPv4).omit("Options", "Fingerprint");
        layout(RecordType.DHCPv6).omit("Options", "Fingerprint");
        layout(RecordType.Diameter).omit("AVPs");
        layout(RecordType.DNS).col("Questions", CsvLayouts::concatenated)
                .col("Answers", CsvLayouts::dnsSection)
                .col("Authorities", CsvLayouts::dnsSection)
                .col("Additionals", CsvLayouts::dnsSection);
        layout(RecordType.EAP).omit("TypeData");
        layout(RecordType.EAPOLKey).omit("Nonce", "IV", "MIC", "EncryptedKeyData");
        layout(RecordType.ENIP).omit("CommandSpecific");
        layout(RecordType.Ethernet).decimals(6);
        layout(RecordType.EthernetCTPReply).omit("Data");
        layout(RecordType.Exploit).omit("Date", "Author", "Typ", "Platform", "Port")
                .col("Software", CsvLayouts::compactText);
        // File: SHA256 is the hash other tools index files by; dump prints it after the original's columns.
        layout(RecordType.File).omit("Host", "ContentTypeDetected", "SHA256").show("SHA256");
        layout(RecordType.Geneve).col("Options", CsvLayouts::concatenated);
        layout(RecordType.HTTP).omit("ReqCookies", "ResCookies", "ResContentType", "DoneAfter", "DNSDoneAfter",
                "FirstByteAfter", "TLSDoneAfter", "ContentTypeDetected", "ResContentTypeDetected", "RequestHeader",
                "ResponseHeader", "Parameters", "RequestBody", "ResponseBody");
        layout(RecordType.ICMPv6NeighborAdvertisement).col("Options", CsvLayouts::concatenated);
        layout(RecordType.ICMPv6NeighborSolicitation).col("Options", CsvLayouts::concatenated);
        layout(RecordType.ICMPv6RouterAdvertisement).col("Options", CsvLayouts::concatenated);
        layout(RecordType.ICMPv6RouterSolicitation).col("Options", CsvLayouts::concatenated);
        layout(RecordType.IGMP).col("GroupRecords", CsvLayouts::concatenated);
        layout(RecordType.IPProfile).integerTimestamps()
                .omit("Ja3Hashes", "Protocols", "SNIs", "SrcPorts", "DstPorts", "ContactedPorts");
        layout(RecordType.IPSecAH).omit("AuthenticationData");
        layout(RecordType.IPSecESP).rename("LenEncrypted", "Encrypted");
        // IPv4: the original's row carries Padding (its header did not); Options are not in CSV.
        layout(RecordType.IPv4).decimals(6).omit("Options", "SrcPort", "DstPort");
        layout(RecordType.IPv6).decimals(6).omit("HopByHop", "SrcPort", "DstPort");
        layout(RecordType.IPv6Fragment).order("Timestamp", "NextHeader", "Reserved1", "FragmentOffset",
                "Reserved2", "MoreFragments", "Identification", "SrcIP", "DstIP", "SrcPort", "DstPort");
        layout(RecordType.IPv6HopByHop).col("Options", CsvLayouts::concatenated);
        layout(RecordType.LinkLayerDiscoveryInfo).col("OrgTLVs", CsvLayouts::concatenated)
                .col("Unknown", CsvLayouts::concatenated);
        layout(RecordType.Mail).omit("Body", "DeliveryDate", "Origin");
        layout(RecordType.NortelDiscovery).omit("SrcMac", "DstMac");
        layout(RecordType.OSPFv2).col("LSU", CsvLayouts::emptyIfAbsent).col("DbDesc", CsvLayouts::emptyIfAbsent)
                .col("HelloV2", CsvLayouts::emptyIfAbsent);
        layout(RecordType.OSPFv3).col("Hello", CsvLayouts::emptyIfAbsent).col("DbDesc", CsvLayouts::emptyIfAbsent)
                .col("LSU", CsvLayouts::emptyIfAbsent);
        layout(RecordType.POP3).rename("ClientIP", "Client").rename("ServerIP", "Server")
                .number("MailIDs", "NumMails", CsvLayouts::count).omit("Commands");
        // Service: the original's header also names Notes, which has no value; NumFlows is bug-compatible.
        layout(RecordType.Service).omit("Notes").number("Flows", "NumFlows", CsvLayouts::renderedListLength);
        layout(RecordType.SMTP).order("Timestamp", "IsEncrypted", "IsResponse", "MailIDs", "Commands",
                "SrcIP", "DstIP", "SrcPort", "DstPort");
        layout(RecordType.Software).omit("Website", "OS");
        layout(RecordType.SSH).omit("Ident", "Algorithms", "IsClient", "HASSHServer");
        // TCP: the original's row carries Options (its header did not); Padding and Payload are not in CSV.
        layout(RecordType.TCP).decimals(8).omit("Padding", "Payload").col("Options", CsvLayouts::concatenated);
        layout(RecordType.TLSClientHello).omit("Extensions", "Ja4", "Ja4R");
        layout(RecordType.TLSServerHello).omit("Random", "SessionID", "Scts").rename("Ja3s", "Ja3S");
        layout(RecordType.UDP).decimals(8).omit("Payload");
        layout(RecordType.USB).omit("Payload");
        layout(RecordType.VRRPv2).rename("IPAddress", "IPAddresses");
        layout(RecordType.Vulnerability).col("Software", CsvLayouts::compactText);
    }

    static List<Column> columns(RecordType type) {
        Layout l = LAYOUTS.getOrDefault(type, new Layout());
        Descriptor d = type.descriptor();
        List<Column> cols = new ArrayList<>();
        for (FieldDescriptor fd : d.getFields()) {
            String name = fd.getName();
            if (l.omit.contains(name)) {
                continue;
            }
            Function<Descriptor, Column> replacement = l.replace.get(name);
            if (replacement != null) {
                cols.add(replacement.apply(d));
            } else if (l.timeColumns && TIME_FIELDS.contains(name) && fd.getType() == FieldDescriptor.Type.INT64) {
                cols.add(CsvFormat.timestampColumn(name, fd));
            } else {
                cols.add(CsvFormat.column(name, fd, l.decimals));
            }
        }
        if (l.order == null) {
            return cols;
        }
        List<Column> ordered = new ArrayList<>();
        for (String header : l.order) {
            Column c = cols.stream().filter(x -> x.name().equals(header)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(type + ": no column " + header));
            ordered.add(c);
        }
        // fields the order does not name (added later) are not original columns: extensions() lists them
        return ordered;
    }

    /**
     * One column for every field the original's columns leave out or show under another name, by field
     * name in schema order, rendered generically: every field is reachable by {@code -select}.
     */
    static List<Column> extensions(RecordType type, List<String> header) {
        Layout l = LAYOUTS.getOrDefault(type, new Layout());
        List<Column> cols = new ArrayList<>();
        for (FieldDescriptor fd : type.descriptor().getFields()) {
            if (header.contains(fd.getName())) {
                continue;
            }
            cols.add(l.timeColumns && TIME_FIELDS.contains(fd.getName()) && fd.getType() == FieldDescriptor.Type.INT64
                    ? CsvFormat.timestampColumn(fd.getName(), fd)
                    : CsvFormat.column(fd.getName(), fd, l.decimals));
        }
        return cols;
    }

    /** Extension columns {@code net dump} prints after the original's columns. */
    static List<String> shown(RecordType type) {
        return LAYOUTS.getOrDefault(type, new Layout()).shown;
    }

    private static FieldDescriptor find(Descriptor d, String field) {
        FieldDescriptor fd = d.findFieldByName(field);
        if (fd == null) {
            throw new IllegalStateException(d.getName() + " has no field " + field);
        }
        return fd;
    }

    // ---- declared renderers ----

    /** Number of elements of a repeated field (DeviceProfile NumDeviceIPs, POP3 NumMails). */
    private static Renderer count(FieldDescriptor fd) {
        return (m, s, out) -> out.append(m.getRepeatedFieldCount(fd));
    }

    /** Structures (S) concatenated without separator and without outer brackets. */
    private static Renderer concatenated(FieldDescriptor fd) {
        return new WireCsv.Dual((m, s, out) -> {
            for (int i = 0, n = m.getRepeatedFieldCount(fd); i < n; i++) {
                CsvFormat.appendStruct(out, s, (Message) m.getRepeatedField(fd, i), new ArrayList<>());
            }
        }, WireCsv.concatenated(fd));
    }

    /** (S), or the empty string when the message is absent. */
    private static Renderer emptyIfAbsent(FieldDescriptor fd) {
        return (m, s, out) -> {
            if (m.hasField(fd)) {
                CsvFormat.appendStruct(out, s, (Message) Accessors.get(m, fd), new ArrayList<>());
            }
        };
    }

    /**
     * DNS section: every record, concatenated like the questions. With {@code -legacy-csv} the
     * original's bug: it appends the section's records to the questions list, then renders only the last
     * record after all questions; an empty section renders empty (docs/cli.md, "Deviations").
     */
    private static Renderer dnsSection(FieldDescriptor fd) {
        FieldDescriptor questions = fd.getContainingType().findFieldByName("Questions");
        Renderer fixed = concatenated(fd);
        return new WireCsv.Dual((m, s, out) -> {
            if (!s.legacy()) {
                fixed.render(m, s, out);
                return;
            }
            int n = m.getRepeatedFieldCount(fd);
            if (n == 0) {
                return;
            }
            for (int i = 0, q = m.getRepeatedFieldCount(questions); i < q; i++) {
                CsvFormat.appendStruct(out, s, (Message) m.getRepeatedField(questions, i), new ArrayList<>());
            }
            CsvFormat.appendStruct(out, s, (Message) m.getRepeatedField(fd, n - 1), new ArrayList<>());
        }, WireCsv.unlessLegacy(WireCsv.concatenated(fd)));
    }

    /**
     * CIP AdditionalStatus: only for responses, joined by the structure separator without brackets, and
     * prefixed by one empty element per value (the original sizes its slice and then appends).
     */
    private static Renderer cipAdditionalStatus(FieldDescriptor fd) {
        FieldDescriptor response = fd.getContainingType().findFieldByName("Response");
        return (m, s, out) -> {
            if (!(Boolean) Accessors.get(m, response)) {
                return;
            }
            int n = m.getRepeatedFieldCount(fd);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.append(s.structSep());
                }
            }
            for (int i = 0; i < n; i++) {
                out.append(s.structSep()).append(Integer.toUnsignedString((Integer) m.getRepeatedField(fd, i)));
            }
        };
    }

    /** Service NumFlows: the byte length of the rendered flow list (L), not the number of flows. */
    private static Renderer renderedListLength(FieldDescriptor fd) {
        return (m, s, out) -> {
            StringBuilder list = new StringBuilder();
            CsvFormat.appendList(list, s, fd, (List<?>) Accessors.get(m, fd));
            out.append(list.toString().getBytes(StandardCharsets.UTF_8).length);
        };
    }

    /** A nested message in the protobuf compact text format (Vulnerability and Exploit Software). */
    private static Renderer compactText(FieldDescriptor fd) {
        return (m, s, out) -> {
            if (m.hasField(fd)) {
                TextFormat.appendCompact(out, (Message) Accessors.get(m, fd));
            }
        };
    }
}
