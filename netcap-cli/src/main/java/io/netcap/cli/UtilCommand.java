package io.netcap.cli;

import com.google.protobuf.Message;
import io.netcap.cli.flags.Environment;
import io.netcap.decoder.resolve.ResolverConfig;
import io.netcap.io.CorruptRecordException;
import io.netcap.io.RecordReader;
import io.netcap.packet.Packet;
import io.netcap.packet.source.LinkType;
import io.netcap.packet.source.PcapngWriter;
import io.netcap.types.format.CsvFormat;
import io.netcap.types.format.CsvReader;
import io.netcap.types.format.CsvStyle;
import io.netcap.types.format.GoValues;
import io.netcap.types.format.SchemaTsv;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code net util}: timestamp conversion, CSV check, environment and schema listing (docs/original.md, "net util"),
 * and the resolver databases (docs/enrichment.md).
 */
@Command(name = "util", description = "Utilities: timestamp conversion, CSV check, schema, resolver databases.",
        footer = {"", "Examples:", "  net util -ts2utc 1499254962.234259", "  net util -read TCP.ncap.gz -check",
                "  net util -read TCP.csv -check -sep ';'", "  net util -env", "  net util -schema",
                "  NC_CONFIG_ROOT=~/netcap net util -generate-dbs", "  echo 474554202f20 | net util -mkpacket tcp",
                "  net util -interfaces"})
public final class UtilCommand implements Callable<Integer> {
    private static final String HIGHLIGHT = "\u001b[31m";
    private static final String RESET = "\u001b[0m";

    @Spec
    CommandSpec spec;

    @Option(names = {"-read", "--read"}, paramLabel = "<file>", description = "audit record file or CSV file")
    String read = "";

    @Option(names = {"-check", "--check"}, arity = "0..1", fallbackValue = "true",
            description = "check the CSV rendering (or a CSV file) with an RFC 4180 reader: every record must have the header's number of fields")
    boolean check;

    @Option(names = {"-sep", "--sep"}, description = "CSV separator for -check")
    String sep = ",";

    @Option(names = {"-ts2utc", "--ts2utc"}, paramLabel = "<seconds.micro>", description = "legacy timestamp to UTC")
    String ts2utc = "";

    @Option(names = {"-env", "--env"}, arity = "0..1", fallbackValue = "true", description = "print NC_ environment variables")
    boolean env;

    @Option(names = {"-schema", "--schema"}, arity = "0..1", fallbackValue = "true",
            description = "print the compiled record schema as TSV (columns of records.tsv)")
    boolean schema;

    @Option(names = {"-mkpacket", "--mkpacket"}, paramLabel = "<tcp|udp>",
            description = "read a payload in hex from standard input and write it in one frame to packet.pcapng")
    String mkpacket = "";

    @Option(names = {"-interfaces", "--interfaces"}, arity = "0..1", fallbackValue = "true",
            description = "list the network interfaces")
    boolean interfaces;

    @Option(names = {"-generate-dbs", "--generate-dbs"}, arity = "0..1", fallbackValue = "true",
            description = "fill the database directory ($NC_CONFIG_ROOT/dbs) from installed Debian data (ieee-data)")
    boolean generateDbs;

    @Option(names = {"-clone-dbs", "--clone-dbs"}, arity = "0..1", fallbackValue = "true",
            description = "clone the original's database repository (needs the network: not available offline)")
    boolean cloneDbs;

    @Option(names = {"-update-dbs", "--update-dbs"}, arity = "0..1", fallbackValue = "true",
            description = "update the databases from their sources (needs the network: not available offline)")
    boolean updateDbs;

    @Option(names = {"-download-geolite", "--download-geolite"}, arity = "0..1", fallbackValue = "true",
            description = "download GeoLite2 from MaxMind (needs the network: not available offline)")
    boolean downloadGeolite;

    @Option(names = {"-index", "--index"}, paramLabel = "<type>", description = "build the vulnerability (nvd) or exploit (exploit-db) index, or both (all), from files in the database directory")
    String index = "";

    @Option(names = {"-nvd-start-year", "--nvd-start-year"}, description = "first year of NVD feeds for -index")
    int nvdStartYear = 2002;

    @Option(names = {"-force", "--force"}, arity = "0..1", fallbackValue = "true",
            description = "-generate-dbs replaces existing files")
    boolean force;

    @Option(names = {"-verbose", "--verbose"}, arity = "0..1", fallbackValue = "true", description = "more output for database actions")
    boolean verbose;

    @Option(names = {"-membuf-size", "--membuf-size"}, description = "buffer for reading")
    int membufSize = 12582912;

    @Option(names = {"-h", "-help", "--help"}, description = "print usage and exit")
    boolean help;

    private final Map<String, String> environment;
    /** What -mkpacket reads, and where it writes packet.pcapng (tests set them). */
    InputStream stdin = System.in;
    Path workingDirectory = Path.of("");

    public UtilCommand() {
        this(System.getenv());
    }

    UtilCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Writer out = new BufferedWriter(spec.commandLine().getOut(), 1 << 16);
        try {
            if (!ts2utc.isEmpty()) {
                String utc = legacyToUtc(ts2utc);
                if (utc == null) {
                    err.println("invalid -ts2utc value " + ts2utc + ": want seconds.microseconds, e.g. 1499254962.234259");
                    return 1;
                }
                out.append(utc).append('\n');
                return 0;
            }
            if (env) {
                int n = 0;
                for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
                    if (e.getKey().startsWith(Environment.PREFIX)) {
                        out.append(e.getKey()).append('=').append(e.getValue()).append('\n');
                        n++;
                    }
                }
                if (n == 0) {
                    err.println("no " + Environment.PREFIX + " variables set");
                }
                return 0;
            }
            if (schema) {
                for (String line : SchemaTsv.lines()) {
                    out.append(line).append('\n');
                }
                return 0;
            }
            if (check && !read.isEmpty()) {
                return check(out, err);
            }
            if (!mkpacket.isEmpty()) {
                return mkpacket(out, err);
            }
            if (interfaces) {
                return CaptureCommand.interfaces(new PrintWriter(out), err);
            }
            Integer db = databases(err);
            if (db != null) {
                return db;
            }
            out.append(GoFlags.usage(spec));
            return 0;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Hex from standard input as the payload of one frame in packet.pcapng ({@link PacketMaker}). */
    private int mkpacket(Writer out, PrintWriter err) throws IOException {
        Path file = workingDirectory.resolve("packet.pcapng");
        try {
            boolean tcp = PacketMaker.tcp(mkpacket);
            if (stdin == System.in && System.console() != null) {
                err.println("reading the payload in hex from standard input (end with Ctrl-D)");
            }
            byte[] frame = PacketMaker.frame(tcp, PacketMaker.payload(new String(stdin.readAllBytes(), StandardCharsets.US_ASCII)));
            try (PcapngWriter w = PcapngWriter.create(file, LinkType.ETHERNET, 65535)) {
                w.write(Packet.of(System.currentTimeMillis() * 1_000_000L, frame.length, LinkType.ETHERNET, frame));
            }
            out.append("wrote ").append(file.toString()).append(": one ").append(mkpacket.toUpperCase(Locale.ROOT))
                    .append(" frame of ").append(String.valueOf(frame.length)).append(" bytes\n");
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("-mkpacket: " + e.getMessage());
        } catch (IOException e) {
            err.println("-mkpacket: cannot write " + file + ": " + IoReason.describe(e));
        }
        return 1;
    }

    /** The database action asked for, or null for none. */
    private Integer databases(PrintWriter err) {
        DatabaseCommands db = new DatabaseCommands(ResolverConfig.databaseDirectory(environment),
                spec.commandLine().getOut(), err);
        if (generateDbs) {
            return db.generate(DatabaseCommands.IEEE_DATA, force);
        }
        if (!index.isEmpty()) {
            return db.index(index, nvdStartYear);
        }
        for (var action : List.of(Map.entry("-clone-dbs", cloneDbs), Map.entry("-update-dbs", updateDbs),
                Map.entry("-download-geolite", downloadGeolite))) {
            if (action.getValue()) {
                return db.needsDownload(action.getKey());
            }
        }
        return null;
    }

    /**
     * Legacy {@code seconds.microseconds} text (the microseconds without zero padding, as the old
     * encoder wrote them), or null when the text is not of that form (the original echoed it).
     */
    static String legacyToUtc(String ts) {
        String[] parts = ts.split("\\.", -1);
        if (parts.length != 2 || !parts[0].matches("-?[0-9]+") || !parts[1].matches("[0-9]+")) {
            return null;
        }
        try {
            long seconds = Long.parseLong(parts[0]);
            long micros = Long.parseLong(parts[1]);
            return GoValues.utc(Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), Math.multiplyExact(micros, 1000L)));
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private int check(Writer out, PrintWriter err) throws IOException {
        String separator = sep.equals("\\t") ? "\t" : sep;
        if (separator.isEmpty()) {
            err.println("invalid -sep: empty; use a character such as , ; or \\t");
            return 1;
        }
        Path file = Path.of(read);
        if (!Files.exists(file)) {
            err.println("failed to open " + read + ": no such file or directory");
            return 1;
        }
        String lower = read.toLowerCase(Locale.ROOT);
        boolean text = lower.endsWith(".csv") || lower.endsWith(".tsv");
        boolean gzipText = lower.endsWith(".csv.gz") || lower.endsWith(".tsv.gz"); // what capture -csv writes
        if (Files.isDirectory(file)) {
            err.println("-read " + read + ": a directory; -check reads one file (an audit record file, or a .csv or"
                    + " .tsv file, gzipped or not)");
            return 1;
        }
        if (!text && !lower.endsWith(".ncap") && !lower.endsWith(".gz")) {
            err.println("not an audit record file (.ncap or .ncap.gz) nor a .csv or .tsv file: " + read);
            return 1;
        }
        RecordCheck result = new RecordCheck(separator, out, terminal());
        if (text || gzipText) {
            try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(gzipText
                    ? new java.util.zip.GZIPInputStream(Files.newInputStream(file), 1 << 16) : Files.newInputStream(file),
                    StandardCharsets.UTF_8))) {
                CsvReader csv = new CsvReader(r, separator);
                CsvReader.Record header = csv.next();
                if (header == null) {
                    out.append("empty file\n");
                    return 0;
                }
                result.expect(header.fields().size());
                for (CsvReader.Record rec = csv.next(); rec != null; rec = csv.next()) {
                    result.record(rec, rec.line());
                }
            }
        } else {
            // the rows dump -csv writes, read back by the RFC 4180 reader
            try (RecordReader reader = RecordReader.open(file)) {
                CsvFormat csv = CsvFormat.of(reader.type());
                int[] selection = csv.dumpSelection();
                result.expect(selection == null ? csv.header().size() : selection.length);
                StringBuilder sb = new StringBuilder();
                long row = 1;
                for (Message m = reader.next(); m != null; m = reader.next()) {
                    sb.setLength(0);
                    csv.appendRow(m, CsvStyle.raw(), separator, selection, sb);
                    result.record(new CsvReader(new StringReader(sb.toString()), separator).next(), ++row);
                }
            } catch (CorruptRecordException e) {
                out.flush();
                err.println("failed to read next audit record: " + e.getMessage());
                return 1;
            } catch (IOException e) {
                out.flush();
                err.println("failed to read " + read + ": " + IoReason.describe(e));
                return 1;
            }
        }
        out.append("checked ").append(Long.toString(result.records)).append(" records, ")
                .append(Long.toString(result.bad)).append(" not valid CSV or with a wrong number of fields (expected ")
                .append(Integer.toString(result.expected)).append(")\n");
        return result.bad == 0 ? 0 : 1;
    }

    /** ANSI colours only on a terminal, never into a pipe or file. */
    static boolean terminal() {
        return System.console() != null && System.console().isTerminal();
    }

    /** Counts fields per RFC 4180 record and prints offending records, the separators highlighted on a terminal. */
    private static final class RecordCheck {
        final String separator;
        final Writer out;
        final boolean colour;
        int expected;
        long records;
        long bad;

        RecordCheck(String separator, Writer out, boolean colour) {
            this.separator = separator;
            this.out = out;
            this.colour = colour;
        }

        void expect(int n) {
            expected = n;
        }

        void record(CsvReader.Record rec, long line) throws IOException {
            records++;
            if (rec.error() == null && rec.fields().size() == expected) {
                return;
            }
            bad++;
            String shown = colour ? HIGHLIGHT + separator + RESET : separator;
            out.append("line ").append(Long.toString(line)).append(": ")
                    .append(rec.error() != null ? rec.error() : rec.fields().size() + " fields").append(": ")
                    .append(String.join(shown, rec.fields())).append('\n');
        }
    }
}
