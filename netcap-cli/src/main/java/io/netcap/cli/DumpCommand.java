package io.netcap.cli;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.netcap.io.CorruptRecordException;
import io.netcap.io.RecordReader;
import io.netcap.types.Header;
import io.netcap.types.RecordType;
import io.netcap.types.format.CsvEncoder;
import io.netcap.types.format.CsvFormat;
import io.netcap.types.format.CsvStyle;
import io.netcap.types.format.GoValues;
import io.netcap.types.format.JsonFormat;
import io.netcap.types.format.TextFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code net dump}: prints an audit record file as structured text (default), CSV/TSV, a table or
 * JSON lines (docs/original.md, "net dump"). Streams in constant memory; the table mode holds 100 rows.
 */
@Command(name = "dump", description = "Read and print audit record files.",
        footer = {"", "Examples:", "  net dump -read TCP.ncap.gz", "  net dump -read TCP.ncap.gz -csv",
                "  net dump -read UDP.ncap.gz -csv -select Length,SrcPort,DstPort", "  net dump -read DNS.ncap.gz -json"})
public final class DumpCommand implements Callable<Integer> {
    static final int TABLE_ROWS = 100;
    private static final int OUTPUT_BUFFER = 1 << 20;

    @Spec
    CommandSpec spec;

    /** Standard input, for {@code -read -}; tests set their own. */
    InputStream stdin = System.in;

    @Option(names = {"-read", "--read"}, paramLabel = "<file>",
            description = "audit record file (.ncap or .ncap.gz), a directory of them, or - for standard input")
    String read = "";

    @Option(names = {"-struc", "--struc"}, arity = "0..1", fallbackValue = "true", description = "structured output (default)")
    boolean struc = true;

    @Option(names = {"-csv", "--csv"}, arity = "0..1", fallbackValue = "true", description = "CSV output with header line")
    boolean csv;

    @Option(names = {"-tsv", "--tsv"}, arity = "0..1", fallbackValue = "true", description = "CSV output with tab separator")
    boolean tsv;

    @Option(names = {"-legacy-csv", "--legacy-csv"}, arity = "0..1", fallbackValue = "true",
            description = "CSV as the original writes it: no quoting, DNS sections with its append bug")
    boolean legacyCsv;

    @Option(names = {"-encode", "--encode"}, arity = "0..1", fallbackValue = "true",
            description = "CSV with every value a number for machine learning, as capture -csv -encode writes it")
    boolean encode;

    @Option(names = {"-sep", "--sep"}, description = "CSV separator; \\t selects TSV")
    String sep = ",";

    @Option(names = {"-select", "--select"}, description = "comma-separated CSV columns, printed in this order")
    String select = "";

    @Option(names = {"-fields", "--fields"}, arity = "0..1", fallbackValue = "true", description = "print the CSV header line and exit")
    boolean fields;

    @Option(names = {"-utc", "--utc"}, arity = "0..1", fallbackValue = "true", description = "timestamps as UTC strings")
    boolean utc = true;

    @Option(names = {"-table", "--table"}, arity = "0..1", fallbackValue = "true", description = "table view")
    boolean table;

    @Option(names = {"-json", "--json"}, arity = "0..1", fallbackValue = "true", description = "JSON lines")
    boolean json;

    @Option(names = {"-parquet", "--parquet"}, paramLabel = "<out>",
            description = "write the records as Apache Parquet to this file (a directory for a directory of record files)")
    String parquet = "";

    @Option(names = {"-header", "--header"}, arity = "0..1", fallbackValue = "true", description = "print the file header and exit")
    boolean header;

    @Option(names = {"-begin", "--begin"}, description = "start of a nested structure in CSV")
    String begin = "(";

    @Option(names = {"-end", "--end"}, description = "end of a nested structure in CSV")
    String end = ")";

    @Option(names = {"-struct-sep", "--struct-sep"}, description = "separator inside nested structures in CSV")
    String structSep = "-";

    @Option(names = {"-c", "--c"}, arity = "0..1", fallbackValue = "true", description = "force ANSI colours in structured mode")
    boolean color;

    @Option(names = {"-membuf-size", "--membuf-size"}, description = "read buffer size (only used by -header)")
    int membufSize = 12582912;

    @Option(names = {"-h", "-help", "--help"}, description = "print usage and exit")
    boolean help;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        String conflict = conflict();
        if (conflict != null) {
            err.println(conflict);
            return GoFlags.USAGE_ERROR;
        }
        if (read.isEmpty()) {
            err.println("input file missing: use -read <file.ncap.gz> (see: net dump -h)");
            return 1;
        }
        if (read.equals("-")) {
            return dumpEach(List.of(new Input("stdin", null)), err);
        }
        Path path = Path.of(read);
        if (Files.isDirectory(path)) {
            List<Input> files = recordFiles(path);
            if (files.isEmpty()) {
                err.println(read + " is a directory without audit record files (.ncap, .ncap.gz); "
                        + "give one file: -read " + path.resolve("<Type>.ncap.gz"));
                return 1;
            }
            return dumpEach(files, err);
        }
        String lower = read.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".pcap") || lower.endsWith(".pcapng")) {
            err.println("input file must be an audit record file (.ncap or .ncap.gz), not a packet capture; "
                    + "create audit records with: net capture -read " + read);
            return 1;
        }
        if (!Files.exists(path)) {
            err.println("failed to open audit record file: open " + read + ": no such file or directory");
            return 1;
        }
        if (!lower.endsWith(".ncap") && !lower.endsWith(".gz")) {
            // the original prints nothing for other extensions (docs/cli.md, "Deviations")
            err.println("not an audit record file (.ncap or .ncap.gz): " + read);
            return 1;
        }
        return dumpEach(List.of(new Input(read, path)), err);
    }

    /**
     * One output format per run (docs/cli.md, "Output formats"): two of them, or a CSV-only flag with
     * another format, is an error naming both, not a silent choice.
     */
    private String conflict() {
        boolean strucGiven = struc && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("-struc");
        List<String> formats = new ArrayList<>();
        if (strucGiven) formats.add("-struc");
        if (csv) formats.add("-csv");
        if (tsv) formats.add("-tsv");
        if (table) formats.add("-table");
        if (json) formats.add("-json");
        if (header) formats.add("-header");
        if (!parquet.isEmpty()) formats.add("-parquet");
        if (formats.size() > 1) {
            return "conflicting flags " + formats.get(0) + " and " + formats.get(1)
                    + ": use one output format of -struc, -csv, -tsv, -table, -json, -header, -parquet";
        }
        String other = formats.isEmpty() ? null : formats.get(0);
        boolean csvOutput = other == null || other.equals("-csv") || other.equals("-tsv");
        String csvOnly = fields ? "-fields" : legacyCsv ? "-legacy-csv" : !sep.equals(",") ? "-sep" : encode ? "-encode" : null;
        if (csvOnly != null && !csvOutput) {
            return "conflicting flags " + csvOnly + " and " + other + ": " + csvOnly + " applies to -csv and -tsv only";
        }
        if (encode && sep.chars().anyMatch(c -> Character.isDigit(c) || c == '.' || c == '-')) {
            return "conflicting flags -encode and -sep " + sep + ": encoded values hold digits, '.' and '-'";
        }
        if (encode && legacyCsv) {
            return "conflicting flags -encode and -legacy-csv: encoded values are numbers, rendered one way";
        }
        if (!parquet.isEmpty() && !select.isEmpty()) {
            return "conflicting flags -select and -parquet: a Parquet file has every field; select columns when reading it";
        }
        if (tsv && !sep.equals(",") && !isTab(sep)) {
            return "conflicting flags -tsv and -sep " + sep + ": -tsv means -sep '\\t'";
        }
        if (sep.isEmpty()) {
            return "-sep must not be empty: give a character such as , ; or \\t"; // the columns would run together
        }
        return null;
    }

    private static boolean isTab(String s) {
        return s.equals("\\t") || s.equals("\t");
    }

    /** An input: a record file, or standard input when {@code path} is null. */
    private record Input(String name, Path path) {
        RecordReader open(InputStream stdin) throws IOException {
            return path == null ? RecordReader.open(stdin, name) : RecordReader.open(path);
        }
    }

    /** The record files of a directory, in file-name order. */
    private static List<Input> recordFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return Files.isRegularFile(f) && (n.endsWith(".ncap") || n.endsWith(".ncap.gz"));
            }).sorted().map(f -> new Input(f.toString(), f)).toList();
        }
    }

    private int dumpEach(List<Input> inputs, PrintWriter err) throws IOException {
        Writer out = new BufferedWriter(spec.commandLine().getOut(), OUTPUT_BUFFER);
        try {
            for (Input input : inputs) {
                if (inputs.size() > 1) {
                    out.flush();
                    err.println("==> " + input.name() + " <==");
                }
                try (RecordReader reader = input.open(stdin)) {
                    int status = header ? printHeader(out, reader.header())
                            : !parquet.isEmpty() ? ParquetDump.write(reader, parquetTarget(input, reader, inputs.size() > 1), err)
                            : dump(reader, out, err);
                    if (status != 0) {
                        return status;
                    }
                } catch (NoSuchFileException e) {
                    err.println("failed to open audit record file: open " + input.name() + ": no such file or directory");
                    return 1;
                } catch (CorruptRecordException e) {
                    out.flush();
                    err.println("failed to read next audit record: " + e.getMessage());
                    return 1;
                }
            }
            return 0;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * The Parquet file of one input: {@code -parquet} itself, or a file in it named after the input when
     * it is a directory or there are several inputs.
     */
    private Path parquetTarget(Input input, RecordReader reader, boolean several) throws IOException {
        Path out = Path.of(parquet);
        if (!several && !Files.isDirectory(out)) {
            return out;
        }
        Files.createDirectories(out);
        String base = input.path() == null ? reader.type().fileName()
                : input.path().getFileName().toString().replaceFirst("\\.ncap(\\.gz)?$|\\.gz$", "");
        return out.resolve(base + ".parquet");
    }

    private int dump(RecordReader reader, Writer out, PrintWriter err) throws IOException {
        RecordType type = reader.type();
        CsvFormat format = CsvFormat.of(type);
        String separator = sep;
        // -fields, -legacy-csv and -sep alone mean CSV (conflict() rejected them with other formats)
        boolean csvMode = csv || fields || legacyCsv || encode || !sep.equals(",");
        if (tsv || isTab(sep)) {
            csvMode = true;
            separator = "\t";
        }
        List<FieldDescriptor> only = null;
        if (!select.isEmpty() && !csvMode && !table) {
            only = selectedFields(type, err);
            if (only == null) {
                return 1;
            }
        }
        int[] selection = format.dumpSelection();
        List<String> columns = format.header(selection);
        if (!select.isEmpty() && (csvMode || table)) {
            String[] names = select.split(",");
            selection = new int[names.length];
            List<String> selected = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                selection[i] = format.indexOf(names[i]);
                if (selection[i] < 0) {
                    err.println("invalid field: " + names[i]);
                    err.println("available fields: " + String.join(",", format.names()));
                    return 1;
                }
                selected.add(names[i]);
            }
            columns = selected;
        }
        CsvStyle style = new CsvStyle(utc, begin, end, structSep, legacyCsv);
        StringBuilder sb = new StringBuilder(1024);
        long count = 0;
        boolean footer = false;
        if (json) {
            for (Message m = reader.next(); m != null; m = reader.next()) {
                sb.setLength(0);
                JsonFormat.dump().append(sb, selected(m, only));
                out.append(sb).append('\n');
                count++;
            }
        } else if (table) {
            List<List<String>> rows = new ArrayList<>(TABLE_ROWS);
            for (Message m = reader.next(); m != null; m = reader.next()) {
                rows.add(format.values(m, style, selection));
                count++;
                if (rows.size() == TABLE_ROWS) {
                    TableWriter.write(out, columns, rows);
                    rows.clear();
                }
            }
            if (!rows.isEmpty()) {
                TableWriter.write(out, columns, rows);
            }
            footer = true;
        } else if (csvMode) {
            CsvFormat.appendFields(columns, style, separator, sb);
            out.append(sb).append('\n');
            if (fields) {
                return 0;
            }
            CsvEncoder encoder = encode ? new CsvEncoder(type, selection) : null;
            CsvFormat.WireRows wire = format.wireRows();
            for (Message m = reader.next(); m != null; m = reader.next()) {
                sb.setLength(0);
                if (encoder != null) {
                    encoder.appendRow(m, separator, sb);
                } else {
                    wire.appendRow(m, reader.lastBuffer(), reader.lastOffset(), reader.lastLength(), style, separator,
                            selection, sb);
                }
                out.append(sb).append('\n');
                count++;
            }
        } else {
            boolean colored = color || (System.console() != null && System.console().isTerminal());
            TextFormat text = colored ? TextFormat.colored(utc) : TextFormat.plain();
            String typeLine = type.type().name() + "\n";
            for (Message m = reader.next(); m != null; m = reader.next()) {
                sb.setLength(0);
                sb.append(typeLine);
                text.append(sb, selected(m, only));
                sb.append('\n');
                out.append(sb);
                count++;
            }
            footer = true;
        }
        if (footer) {
            // human output on stderr: stdout stays data only, fit for pipes (docs/cli.md, "Deviations")
            out.flush();
            err.println(count + " records.");
        }
        out.flush();
        warnIfTruncated(reader, err, "printed");
        return 0;
    }

    /** A file cut short ends the records quietly (docs/cli.md, "Deviations"), but with a warning. */
    static void warnIfTruncated(RecordReader reader, PrintWriter err, String done) {
        if (reader.truncation().isPresent()) {
            err.println("warning: " + reader.name() + ": " + reader.truncation().get().describe()
                    + "; the records before it were " + done);
        }
    }

    /**
     * {@code -select} for JSON and text: the selected fields by schema field name; null after printing
     * the error for a name that is no field of the type.
     */
    private List<FieldDescriptor> selectedFields(RecordType type, PrintWriter err) {
        Descriptor d = type.descriptor();
        List<FieldDescriptor> keep = new ArrayList<>();
        for (String name : select.split(",")) {
            FieldDescriptor fd = d.findFieldByName(name);
            if (fd == null) {
                err.println("invalid field: " + name + " (with -json and the structured output -select takes field names: "
                        + String.join(",", d.getFields().stream().map(FieldDescriptor::getName).toList()) + ")");
                return null;
            }
            keep.add(fd);
        }
        return keep;
    }

    /** The record with only the given fields set, or the record itself when {@code fields} is null. */
    private static Message selected(Message m, List<FieldDescriptor> fields) {
        if (fields == null) {
            return m;
        }
        Message.Builder b = m.newBuilderForType();
        for (FieldDescriptor fd : fields) {
            if (fd.isRepeated() ? m.getRepeatedFieldCount(fd) > 0 : m.hasField(fd)) {
                b.setField(fd, m.getField(fd));
            }
        }
        return b.build();
    }

    private static int printHeader(Writer out, Header h) throws IOException {
        List<List<String>> rows = List.of(
                List.of("Created", GoValues.utc(h.getCreated())),
                List.of("Source", h.getInputSource()),
                List.of("Version", h.getVersion()),
                List.of("Type", h.getType().name()),
                List.of("ContainsPayloads", Boolean.toString(h.getContainsPayloads())));
        TableWriter.write(out, List.of("Field", "Value"), rows);
        return 0;
    }
}
