package io.netcap.cli;

import io.netcap.cli.flags.CaptureFlags;
import io.netcap.cli.flags.FlagSet;
import io.netcap.cli.maltego.Transforms;
import io.netcap.packet.source.LiveCapture;
import io.netcap.packet.source.NetInterface;
import io.netcap.types.RecordType;
import io.netcap.types.format.CsvFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Tab completion, as the original answers it: its bash function (bash-completion/net here) runs {@code net
 * -previous=WORD -current=WORD -full=LINE} at each Tab and offers the words printed, one per line, that begin
 * with the current word. After {@code net} (and {@code net help}): the tools. After a flag that takes a file:
 * the directories and the files it reads beside the current word (captures for {@code capture -read}, record
 * files for {@code dump -read}, {@code .conf} for {@code -config}); after {@code -include} or {@code -exclude} the
 * record types, after {@code dump -select} the columns of the type {@code -read} names, after {@code -iface} the
 * interfaces, after any other flag with a value nothing. Otherwise the tool's flags not yet on the line (and for
 * capture, which reads a capture named without a flag, the captures too).
 */
final class Completion {
    private static final int MAX_FILES = 1000;
    private static final Predicate<String> CAPTURES = endsWith(".pcap", ".pcapng", ".cap");
    private static final Predicate<String> RECORDS = endsWith(".ncap.gz", ".ncap");
    private static final Predicate<String> ANY = n -> true;
    private static final Predicate<String> DIRECTORIES = n -> false;
    private static final Predicate<String> NONE = n -> false;

    private Completion() {}

    /** The arguments are the completion function's: only -previous=, -current= and -full=. */
    static boolean asked(String[] args) {
        return args.length > 0 && Arrays.stream(args)
                .allMatch(a -> a.startsWith("-previous=") || a.startsWith("-current=") || a.startsWith("-full="));
    }

    /** The candidates for the completion function's arguments, in the working directory {@code cwd}. */
    static List<String> candidates(String[] args, Path cwd) {
        String previous = "";
        String current = "";
        String full = "";
        for (String a : args) {
            String value = a.substring(a.indexOf('=') + 1);
            if (a.startsWith("-previous=")) {
                previous = value;
            } else if (a.startsWith("-current=")) {
                current = value;
            } else {
                full = value.replace("\"", ""); // the original's function passes the line in quotes
            }
        }
        List<String> line = Arrays.stream(full.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        return candidates(previous, current, line, cwd);
    }

    static List<String> candidates(String previous, String current, List<String> line, Path cwd) {
        int at = current.isEmpty() ? line.size() : line.size() - 1; // the current word's place on the line
        if (at <= 1) {
            return Net.toolNames();
        }
        String tool = line.get(1);
        if (tool.equals("help")) {
            return at == 2 ? Net.toolNames().stream().filter(t -> !t.equals("help")).toList() : List.of();
        }
        if (tool.equals("transform")) { // then Maltego's arguments, nothing to complete
            return at == 2 ? Transforms.all().stream().map(Transforms.Transform::name).toList() : List.of();
        }
        Map<String, Flag> flags = flags(tool);
        if (flags == null) {
            return List.of();
        }
        Flag after = flags.get(previous.replaceFirst("^--?", ""));
        if (after != null && after.value() != null) {
            return switch (after.name()) {
                case "include", "exclude" -> tool.equals(CaptureFlags.TOOL)
                        ? listed(current, Arrays.stream(RecordType.values()).map(RecordType::name).toList())
                        : List.of();
                case "select" -> tool.equals("dump") ? listed(current, fields(line)) : List.of();
                case "iface" -> interfaces();
                case "mkpacket" -> List.of("tcp", "udp");
                default -> after.value() == NONE ? List.of() : files(current, cwd, after.value());
            };
        }
        Set<String> used = new HashSet<>();
        for (String w : line.subList(2, at)) {
            Flag f = flags.get(w.replaceFirst("^--?", "").replaceFirst("=.*", ""));
            if (w.startsWith("-") && f != null) {
                used.add(f.name());
            }
        }
        List<String> out = new ArrayList<>();
        flags.values().stream().map(Flag::name).distinct().filter(f -> !used.contains(f)).sorted()
                .forEach(f -> out.add("-" + f));
        if (tool.equals(CaptureFlags.TOOL) && !current.startsWith("-")) {
            out.addAll(files(current, cwd, CAPTURES));
        }
        return out;
    }

    /**
     * A flag: its name in usage, and what its value may be: null for none, {@link #NONE} for a value that is not
     * a file, else the files it reads ({@link #DIRECTORIES}: none), directories being offered too.
     */
    private record Flag(String name, Predicate<String> value) {}

    /** A tool's flags by every spelling (without dashes); null for an unknown tool. */
    private static Map<String, Flag> flags(String tool) {
        Map<String, Flag> flags = new LinkedHashMap<>();
        if (tool.equals(CaptureFlags.TOOL)) {
            FlagSet f = CaptureFlags.define();
            for (String name : f.names()) {
                if (!f.isUnavailable(name)) {
                    flags.put(name, new Flag(name, f.kind(name) == FlagSet.Kind.BOOL ? null : switch (name) {
                        case "read" -> CAPTURES;
                        case "config" -> endsWith(".conf");
                        case "labels" -> ANY;
                        case "out", "fileStorage" -> DIRECTORIES;
                        default -> NONE;
                    }));
                }
            }
            f.aliases().forEach((alias, name) -> {
                if (flags.containsKey(name)) {
                    flags.put(alias, flags.get(name));
                }
            });
            return flags;
        }
        CommandLine cmd = Net.commandLine(tool, Map.of()).getSubcommands().get(tool);
        if (cmd == null) {
            return null;
        }
        for (OptionSpec o : cmd.getCommandSpec().options()) {
            if (o.hidden() || o.usageHelp() || o.versionHelp()) {
                continue;
            }
            String name = Arrays.stream(o.names()).filter(n -> !n.startsWith("--")).findFirst()
                    .orElse(o.longestName()).replaceFirst("^--?", "");
            boolean bool = o.type() == boolean.class || o.type() == Boolean.class;
            String label = o.paramLabel().toLowerCase(Locale.ROOT);
            Flag flag = new Flag(name, bool ? null
                    : name.equals("read") && label.equals("<file>") ? readBy(tool)
                    : name.equals("r") ? CAPTURES
                    : label.matches("<(file|path|pcap|out)>") ? ANY
                    : label.equals("<dir>") ? DIRECTORIES
                    : NONE);
            for (String n : o.names()) {
                flags.put(n.replaceFirst("^--?", ""), flag);
            }
        }
        return flags;
    }

    /** What {@code -read} of a tool reads. */
    private static Predicate<String> readBy(String tool) {
        return switch (tool) {
            case "dump" -> RECORDS;
            case "util" -> RECORDS.or(endsWith(".csv"));
            case "export", "agent" -> CAPTURES.or(RECORDS);
            default -> ANY;
        };
    }

    /** The directories, and the files {@code wanted} accepts, in the directory the current word names. */
    private static List<String> files(String current, Path cwd, Predicate<String> wanted) {
        int slash = current.lastIndexOf('/');
        String prefix = current.substring(0, slash + 1);
        Path dir = prefix.isEmpty() ? cwd : cwd.resolve(prefix.startsWith("~/")
                ? System.getProperty("user.home") + prefix.substring(1) : prefix);
        boolean hidden = current.substring(slash + 1).startsWith(".");
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.limit(MAX_FILES).forEach(p -> {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && !hidden) {
                    return;
                }
                if (Files.isDirectory(p)) {
                    out.add(prefix + name + "/");
                } else if (wanted.test(name)) {
                    out.add(prefix + name);
                }
            });
        } catch (IOException | RuntimeException e) {
            return List.of(); // no such directory, not readable: nothing to offer
        }
        out.sort(null);
        return out;
    }

    /** Each word after the comma-separated ones already typed. */
    private static List<String> listed(String current, List<String> words) {
        String typed = current.substring(0, current.lastIndexOf(',') + 1);
        return words.stream().map(w -> typed + w).toList();
    }

    /** The columns of the record type whose file {@code dump -read} names (TCP.ncap.gz: TCP's), if any. */
    private static List<String> fields(List<String> line) {
        int read = Math.max(line.indexOf("-read"), line.indexOf("--read"));
        if (read < 0 || read + 1 >= line.size()) {
            return List.of();
        }
        String name = Path.of(line.get(read + 1)).getFileName().toString().replaceFirst("\\.ncap(\\.gz)?$", "");
        // by the file's base name, which is not always the type's (VRRP.ncap.gz holds VRRPv2)
        return RecordType.byName(name).map(t -> CsvFormat.of(t).names()).orElse(List.of());
    }

    /** The interfaces as {@code -interfaces} lists them. */
    private static List<String> interfaces() {
        try {
            return LiveCapture.interfaces().stream().map(NetInterface::name).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static Predicate<String> endsWith(String... suffixes) {
        return n -> Arrays.stream(suffixes).anyMatch(n::endsWith);
    }
}
