package io.netcap.cli;

import io.netcap.types.format.GoDuration;
import io.netcap.cli.sensor.Agent;
import io.netcap.cli.sensor.AgentTap;
import io.netcap.cli.sensor.Collector;
import io.netcap.cli.sensor.KeyFiles;
import io.netcap.cli.sensor.Sodium;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code net agent}: a sensor that decodes a capture file or a live interface and sends its records to a
 * collector while the capture runs, encrypted for the collector's public key (docs/scale-out.md,
 * "Sensors"). The records go from the engine to the {@link AgentTap}, not into files.
 */
@Command(name = "agent", description = "Decode packets and send the audit records to a collector (net collect).",
        footer = {"", "Examples:", "  net agent -pubkey pub.key -read trace.pcap -addr 127.0.0.1:1335",
                "  net agent -pubkey pub.key -iface eth0 -addr 10.0.0.5:1335 -client sensor1 -bpf 'not udp port 1335'",
                "", "The flags of net capture that choose and decode the packets apply too (-bpf, -include, -exclude,",
                "-workers, ...: net capture -h); those of record files and other outputs (-out, -kafka, -parquet, ...) do not."})
public final class AgentCommand implements Callable<Integer> {
    /** Records waiting for the sender at most, in bytes of their encoding; a chunk beyond it is dropped and counted. */
    static final long QUEUE_BYTES = 16L << 20;

    @Spec
    CommandSpec spec;

    @Option(names = {"-pubkey", "--pubkey"}, paramLabel = "<file>", description = "the collector's public key file")
    String pubkey = "";

    @Option(names = {"-addr", "--addr"}, paramLabel = "<host:port>", description = "the collector's UDP address")
    String addr = "127.0.0.1:1335";

    @Option(names = {"-read", "--read"}, paramLabel = "<file>", description = "pcap or pcapng file to decode and send")
    String read = "";

    @Option(names = {"-iface", "--iface"}, paramLabel = "<name>", description = "interface to capture live and send from")
    String iface = "";

    @Option(names = {"-interval", "--interval"}, paramLabel = "<duration>",
            description = "longest wait of a record before it is sent, also on a quiet link (Go syntax: 1s, 500ms)")
    String interval = "1s";

    @Option(names = {"-max", "--max"}, description = "largest datagram in bytes")
    int max = 10240;

    @Option(names = {"-client", "--client"}, paramLabel = "<id>",
            description = "sensor name, the collector's directory for it (default: $USER)")
    String client = "";

    @Option(names = {"-h", "-help", "--help"}, description = "print usage and exit")
    boolean help;

    /** Flags of {@code net capture} for the decoding ({@code -include}, {@code -workers}, ...). */
    @Unmatched
    List<String> captureFlags = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (pubkey.isEmpty()) {
            err.println("need public key of server: give -pubkey pub.key");
            return 1;
        }
        if (!read.isEmpty() && !iface.isEmpty()) {
            err.println("-read and -iface exclude each other: give one input");
            return GoFlags.USAGE_ERROR;
        }
        if (read.isEmpty() && iface.isEmpty()) {
            err.println("nothing to do. give -read <pcap file> or -iface <interface>");
            return 1;
        }
        Duration every;
        try {
            every = GoDuration.parse(interval);
        } catch (IllegalArgumentException e) {
            err.println("-interval: " + e.getMessage());
            return GoFlags.USAGE_ERROR;
        }
        if (every.isNegative() || every.isZero()) {
            err.println("-interval " + interval + ": must be positive");
            return GoFlags.USAGE_ERROR;
        }
        java.net.InetSocketAddress collector = Addresses.parse("-addr", addr, err); // a value error before anything starts
        if (collector == null) {
            return GoFlags.USAGE_ERROR;
        }
        String id = !client.isEmpty() ? client : System.getenv().getOrDefault("USER", "netcap");
        if (!Collector.CLIENT_ID.matcher(id).matches()) {
            // the collector names a directory after it and drops every batch of another name
            err.println((client.isEmpty() ? "$USER " : "-client ") + id + ": allowed are 1..64 of A-Z a-z 0-9 . _ @ + -"
                    + " (not . or ..)" + (client.isEmpty() ? "; give -client NAME" : ""));
            return GoFlags.USAGE_ERROR;
        }
        try {
            byte[] server = KeyFiles.read(Path.of(pubkey));
            Agent agent = new Agent(collector, server, id, max, Sodium.get());
            AgentTap tap = new AgentTap(agent, every, QUEUE_BYTES);
            List<String> args = new ArrayList<>(read.isEmpty() ? List.of("-iface", iface) : List.of("-read", read));
            args.add("-quiet");
            args.addAll(captureFlags);
            err.flush();
            int status = new CaptureCommand(Net.VERSION, System.out, System.err, null).withTap(tap)
                    .run(args, System.getenv());
            if (status != 0) {
                agent.close(); // a run refused before the capture never started the tap
                return status;
            }
            Map<String, Long> sent = tap.stats();
            err.println("sent " + sent.get("sent") + " records in " + sent.get("datagrams") + " datagrams to " + addr
                    + (sent.get("oversize") > 0 ? "; " + sent.get("oversize") + " records too large for a datagram not sent" : "")
                    + (sent.get("dropped") > 0 ? "; " + sent.get("dropped") + " records dropped (queue full)" : "")
                    + (sent.get("failed") > 0 ? "; " + sent.get("failed") + " records not sent: " + tap.failureReason() : ""));
            return 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            err.println("agent: " + IoReason.describe(e));
            return 1;
        }
    }
}
