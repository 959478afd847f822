package io.netcap.cli.maltego;

import static io.netcap.cli.maltego.Transforms.IPADDR;
import static io.netcap.cli.maltego.Transforms.IPADDR_LABEL;
import static io.netcap.cli.maltego.Transforms.each;
import static io.netcap.cli.maltego.Transforms.recordFile;

import io.netcap.decoder.resolve.DomainAllowList;
import io.netcap.decoder.resolve.LocalHosts;
import io.netcap.decoder.resolve.Log;
import io.netcap.decoder.resolve.ResolverConfig;
import io.netcap.decoder.resolve.ServiceNames;
import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.ConversationDumps;
import io.netcap.types.Connection;
import io.netcap.types.Service;
import io.netcap.types.format.GoValues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.function.Predicate;

/**
 * The transforms over Connection records (the connections of an address, a port or a service, the IANA services
 * an address used) and toHostsForService over the flows of a Service record.
 */
final class ConnectionTransforms {
    private ConnectionTransforms() {}

    /** The first bytes of a conversation file shown in a connection's detail view, as the original shows them. */
    private static final int SHOWN = 1024;

    /**
     * toConnectionsForHost ({@code ipaddr} at either end), toConnectionsForPort ({@code port} at either end),
     * toConnectionsForService (the input's value {@code IP:port} or {@code IP} as the server): a netcap.Connection
     * per connection, its conversation (capture -conns) in the detail view.
     */
    static Transforms.Body connections(Which which) {
        return (in, out, context) -> {
            Path file = recordFile(in, Connection.class);
            Predicate<Connection> wanted = switch (which) {
                case HOST -> c -> c.getSrcIP().equals(in.get(IPADDR)) || c.getDstIP().equals(in.get(IPADDR));
                case PORT -> c -> c.getSrcPort().equals(in.get("port")) || c.getDstPort().equals(in.get("port"));
                case SERVICE -> {
                    // the service's ip property (toServices sets it), else its value IP:port or IP; an IPv6
                    // value without the property is taken whole
                    String value = in.value().lines().findFirst().orElse("");
                    int colon = value.lastIndexOf(':');
                    String server = !in.get("ip").isEmpty() ? in.get("ip")
                            : colon > 0 && value.indexOf(':') == colon ? value.substring(0, colon) : value;
                    yield c -> c.getDstIP().equals(server);
                }
            };
            List<Connection> found = Transforms.matching(file, Connection.class, wanted);
            add(out, file, found, context, true);
        };
    }

    /**
     * toOutgoingConnsFiltered, toIncomingConnsFiltered: the connections the address opened (or that were opened to
     * it) whose other end has no name on the domain allow list ({@code domain-whitelist.csv} in the database
     * directory; names from its {@code hosts} file, as {@code -local-dns} reads it), the twelve largest: those whose
     * size is among the twelve largest sizes. With twelve or fewer the original showed none; here all of them.
     */
    static Transforms.Body filtered(boolean outgoing) {
        return (in, out, context) -> {
            Path file = recordFile(in, Connection.class);
            String ip = in.get(IPADDR);
            Path dbs = ResolverConfig.databaseDirectory(context.env());
            DomainAllowList allowed = allowList(dbs, out);
            LocalHosts hosts = LocalHosts.load(dbs, Log.NONE);
            List<Connection> kept = Transforms.matching(file, Connection.class, c -> {
                String peer = outgoing ? c.getDstIP() : c.getSrcIP();
                String name = hosts == null ? "" : hosts.name(peer);
                return (outgoing ? c.getSrcIP() : c.getDstIP()).equals(ip)
                        && (name.isEmpty() || allowed == null || !allowed.contains(name));
            });
            long[] sizes = kept.stream().mapToLong(Connection::getTotalSize).sorted().toArray();
            long least = sizes.length > TOP ? sizes[sizes.length - TOP] : Long.MIN_VALUE;
            add(out, file, kept.stream().filter(c -> c.getTotalSize() >= least).toList(), context, outgoing);
        };
    }

    /** How many of the largest connections the filtered views show. */
    private static final int TOP = 12;

    /** The domain allow list of the database directory, or null with a message that nothing is left out. */
    static DomainAllowList allowList(Path dbs, MaltegoResponse out) throws IOException {
        DomainAllowList list = DomainAllowList.load(dbs, Log.NONE);
        if (list == null) {
            out.message(MaltegoResponse.INFORM, "no " + dbs.resolve(DomainAllowList.FILE) + ": nothing left out");
        }
        return list;
    }

    /** A netcap.Connection per connection, link thickness by its share of their sizes. */
    private static void add(MaltegoResponse out, Path file, List<Connection> connections, Transforms.Context context,
                            boolean inputToOutput) {
        ServiceNames names = connections.isEmpty() ? null : Transforms.serviceNames(context);
        LongSummaryStatistics range = connections.stream().mapToLong(Connection::getTotalSize).summaryStatistics();
        for (Connection c : connections) {
            String service = serviceName(names, c);
            String flow = c.getSrcIP() + ":" + c.getSrcPort() + "->" + c.getDstIP() + ":" + c.getDstPort();
            out.entity("netcap.Connection", flow).property("path", "Path", file.toString())
                    .linkDirection(inputToOutput)
                    .linkLabel(c.getNumPackets() + " pkts\n" + Transforms.bytes(c.getTotalSize()))
                    .linkThickness(MaltegoResponse.thickness(c.getTotalSize(), range))
                    .property("srcip", "SrcIP", c.getSrcIP())
                    .property("srcport", "SrcPort", c.getSrcPort())
                    .property("dstip", "DstIP", c.getDstIP())
                    .property("dstport", "DstPort", c.getDstPort())
                    .property("protocol", "Protocol", c.getTransportProto())
                    .property("service", "Service", service)
                    .property("totalsize", "TotalSize", Integer.toString(c.getTotalSize()))
                    .property("apppayloadsize", "AppPayloadSize", Integer.toString(c.getAppPayloadSize()))
                    .display("Conversation: Client (Red), Server (Blue)", conversation(file, c, flow));
        }
    }

    enum Which { HOST, PORT, SERVICE }

    /**
     * toIANAServices: the service name of the server port of every connection the address opened, the connection's
     * bytes on the link. The original listed the services of every connection of the capture, whatever the address.
     */
    static void ianaServices(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        Path file = recordFile(in, Connection.class);
        String ip = in.get(IPADDR);
        List<Connection> found = Transforms.matching(file, Connection.class, c -> c.getSrcIP().equals(ip));
        ServiceNames names = found.isEmpty() ? null : Transforms.serviceNames(context);
        LongSummaryStatistics range = found.stream().mapToLong(Connection::getTotalSize).summaryStatistics();
        for (Connection c : found) {
            String service = serviceName(names, c);
            if (!service.isEmpty()) {
                out.entity("netcap.Service", service).property("path", "Path", file.toString())
                        .linkLabel(Transforms.bytes(c.getTotalSize()))
                        .linkThickness(MaltegoResponse.thickness(c.getTotalSize(), range))
                        .property("ip", "IP", c.getDstIP())
                        .property("port", "Port", c.getDstPort());
            }
        }
    }

    /**
     * toHostsForService: both ends of every flow of the Service record of {@code ip} (and {@code port}, when set) as
     * netcap.IPAddr. The original gave each destination the source's address as its {@code ipaddr}.
     */
    static void hostsForService(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        Path file = recordFile(in, Service.class);
        String ip = in.get("ip");
        int port = port(in.get("port"));
        each(file, Service.class, (Service s) -> {
            if (s.getIP().equals(ip) && (port == 0 || s.getPort() == port)) {
                for (String flow : s.getFlowsList()) {
                    for (String a : Transforms.flowAddresses(flow)) {
                        out.entity("netcap.IPAddr", a).property("path", "Path", file.toString())
                                .property("timestamp", "Timestamp", GoValues.utc(s.getTimestamp()))
                                .property(IPADDR, IPADDR_LABEL, a);
                    }
                }
            }
        });
    }

    /** A port property: 0 when not set. */
    private static int port(String text) throws Transforms.Failure {
        try {
            return text.isEmpty() ? 0 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new Transforms.Failure("invalid port: " + text);
        }
    }

    /** The service name of the connection's server port, "" when unknown. */
    private static String serviceName(ServiceNames names, Connection c) {
        try {
            return names == null ? "" : names.name(Integer.parseInt(c.getDstPort()), c.getTransportProto());
        } catch (NumberFormatException e) {
            return "";
        }
    }

    /**
     * The first {@link #SHOWN} bytes of the connection's conversation file ({@code capture -conns}:
     * {@code tcp|udp/<service>/<flow>.bin} beside the record files), client bytes red and server bytes blue.
     */
    private static String conversation(Path file, Connection c, String flow) {
        Path transport = file.toAbsolutePath().getParent().resolve(c.getTransportProto().toLowerCase(Locale.ROOT));
        String name = Conversation.cleanIdent(flow) + ".bin";
        if (Files.isDirectory(transport)) {
            try (DirectoryStream<Path> services = Files.newDirectoryStream(transport)) {
                for (Path service : services) {
                    Path bin = service.resolve(name);
                    if (Files.isRegularFile(bin)) {
                        return html(bin);
                    }
                }
            } catch (IOException e) {
                return Transforms.html(transport + ": " + e.getMessage());
            }
        }
        return "no conversation file " + Transforms.html(name) + " under " + Transforms.html(transport.toString())
                + " (capture with -conns)";
    }

    private static String html(Path bin) throws IOException {
        byte[] head;
        try (InputStream s = Files.newInputStream(bin)) {
            head = s.readNBytes(SHOWN + 1);
        }
        boolean cut = head.length > SHOWN;
        String text = new String(head, 0, Math.min(head.length, SHOWN), StandardCharsets.UTF_8).strip();
        return Transforms.html(text).replace("\r\n", "<br>").replace("\n", "<br>")
                .replace(ConversationDumps.CLIENT_CODE, "<p style='color: red;'>")
                .replace(ConversationDumps.SERVER_CODE, "<p style='color: dodgerblue;'>")
                .replace(ConversationDumps.END_CODE, "</p>")
                + (cut ? "<br><br>...  result truncated to " + SHOWN + " bytes." : "");
    }
}
