package io.netcap.cli;

import com.google.protobuf.Message;
import io.netcap.cli.sensor.Agent;
import io.netcap.cli.sensor.KeyFiles;
import io.netcap.cli.sensor.Sodium;
import io.netcap.io.RecordReader;
import io.netcap.types.RecordType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code net agent}: a sensor that decodes a capture and sends its records to a collector, encrypted
 * for the collector's public key (docs/scale-out.md, "Sensors"). The capture runs first (into a
 * temporary directory), then its records are sent: live streaming from an interface is not built.
 */
@Command(name = "agent", description = "Decode packets and send the audit records to a collector (net collect).",
        footer = {"", "Examples:", "  net agent -pubkey pub.key -read trace.pcap -addr 127.0.0.1:1335"})
public final class AgentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-pubkey", "--pubkey"}, paramLabel = "<file>", description = "the collector's public key file")
    String pubkey = "";

    @Option(names = {"-addr", "--addr"}, paramLabel = "<host:port>", description = "the collector's UDP address")
    String addr = "127.0.0.1:1335";

    @Option(names = {"-read", "--read"}, paramLabel = "<file>", description = "pcap or pcapng file to decode and send")
    String read = "";

    @Option(names = {"-iface", "--iface"}, paramLabel = "<name>", hidden = true)
    String iface = "";

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
        if (!iface.isEmpty()) {
            err.println("-iface: not available yet (live sending needs records streamed from the capture); use -read");
            return GoFlags.USAGE_ERROR;
        }
        if (pubkey.isEmpty()) {
            err.println("need public key of server: give -pubkey pub.key");
            return 1;
        }
        if (read.isEmpty()) {
            err.println("nothing to do. give -read <pcap file>");
            return 1;
        }
        String id = !client.isEmpty() ? client : System.getenv().getOrDefault("USER", "netcap");
        Path work = null;
        try {
            byte[] server = KeyFiles.read(Path.of(pubkey));
            Sodium sodium = Sodium.get();
            work = Files.createTempDirectory("netcap-agent");
            List<String> args = new ArrayList<>(List.of("-read", read, "-out", work.toString(), "-quiet"));
            args.addAll(captureFlags);
            err.flush();
            int status = new CaptureCommand(Net.VERSION, System.out, System.err, null).run(args, System.getenv());
            if (status != 0) {
                return status;
            }
            try (Agent agent = new Agent(Addresses.parse("-addr", addr), server, id, max, sodium)) {
                for (Path file : recordFiles(work)) {
                    try (RecordReader reader = RecordReader.open(file)) {
                        RecordType type = reader.type();
                        for (Message m = reader.next(); m != null; m = reader.next()) {
                            agent.add(type, m);
                        }
                    }
                }
                agent.flush();
                err.println("sent " + agent.records() + " records in " + agent.datagrams() + " datagrams to " + addr
                        + (agent.oversize() > 0 ? "; " + agent.oversize() + " records too large for a datagram not sent" : ""));
            }
            return 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            err.println("agent: " + IoReason.describe(e));
            return 1;
        } finally {
            deleteQuietly(work);
        }
    }

    private static List<Path> recordFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".ncap.gz")
                    || f.getFileName().toString().endsWith(".ncap")).sorted().toList();
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is no failure of the run
        }
    }
}
