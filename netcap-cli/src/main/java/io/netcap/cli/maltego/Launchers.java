package io.netcap.cli.maltego;

import io.netcap.cli.ProgramPath;
import io.netcap.cli.maltego.Transforms.Context;
import io.netcap.cli.maltego.Transforms.Failure;
import io.netcap.cli.maltego.Transforms.Transform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The transforms that start a program on the analyst's desktop, as the original's do: the file handler for a file,
 * a folder or a link ({@code NETCAP_MALTEGO_OPEN_FILE_CMD}, else {@code xdg-open}), a terminal in the records' folder
 * ({@code NETCAP_MALTEGO_OPEN_TERMINAL_CMD}, else {@code x-terminal-emulator}), a disassembler
 * ({@code NETCAP_MALTEGO_OPEN_DISASM_CMD}, else {@code ida64}), and Wireshark on the packets of a host, device, port,
 * service, connection or software's flows, cut from the capture by tcpdump with a BPF filter into
 * {@code <capture>.net/extractedStreams/}. Programs are found on the {@code PATH} of the environment the transform
 * runs in and started without a shell; every value that goes into a filter is checked to be an address, a port or a
 * MAC address first.
 */
final class Launchers {
    private Launchers() {}

    /** The original's variables. */
    static final String OPEN_FILE = "NETCAP_MALTEGO_OPEN_FILE_CMD";
    static final String OPEN_TERMINAL = "NETCAP_MALTEGO_OPEN_TERMINAL_CMD";
    static final String OPEN_DISASSEMBLER = "NETCAP_MALTEGO_OPEN_DISASM_CMD";
    static final String EXPLOITS = "NC_MALTEGO_EXPLOIT_DIRECTORY";

    /** How long a started program is given to fail (a missing file, a bad filter) before it counts as running. */
    private static final long GRACE_MILLIS = 2_000;

    /** What a transform opens, from its input. */
    @FunctionalInterface
    interface Target {
        String of(LocalTransform in, Context context) throws IOException;
    }

    /** The BPF filter of a Wireshark view, from its input. */
    @FunctionalInterface
    private interface Filter {
        String of(LocalTransform in) throws Failure;
    }

    /** An extracted file to the file handler, unless it is executable. */
    private static final Transforms.Body OPEN_EXTRACTED = open((in, c) -> notExecutable(FileContentTransforms.file(in))
            .toString());
    private static final Transforms.Body HOST_IN_WIRESHARK = wireshark(in -> "host " + address(in, Transforms.IPADDR));

    static final List<Transform> ALL = List.of(
            new Transform("openFile", "a file (location)", "opens the extracted file with the file handler; refuses "
                    + "executables", OPEN_EXTRACTED),
            new Transform("openImage", "an image (location)", "opens the extracted image with the file handler; refuses "
                    + "executables", OPEN_EXTRACTED),
            new Transform("openFolder", "a file (location)", "opens the folder of the extracted file",
                    open((in, c) -> parent(FileContentTransforms.file(in)).toString())),
            new Transform("openFilesFolder", "netcap.FileAuditRecords", "opens the folder of the extracted files "
                    + "(files beside the record file, as toAuditRecords stores them)",
                    open((in, c) -> parent(Transforms.path(in)).resolve("files").toString())),
            new Transform("openContentTypeFolder", "a content type (properties.contenttype)", "opens the folder of the "
                    + "extracted files of that type", open((in, c) -> typeFolder(in).toString())),
            new Transform("openNetcapFolder", "netcap.PCAP", "opens the capture's records folder (<path>.net)",
                    open((in, c) -> Transforms.path(in) + ".net")),
            new Transform("openVulnerability", "netcap.Vulnerability", "opens the vulnerability (id) at NIST's NVD",
                    open((in, c) -> "https://nvd.nist.gov/vuln/detail/" + plain(Transforms.required(in, "id"), "id"))),
            new Transform("openExploit", "netcap.Exploit", "opens the exploit's file (file) in the exploit directory "
                    + "(" + EXPLOITS + ", else /usr/local/etc/netcap); refuses executables", open((in, c) ->
                    notExecutable(exploit(in, c)).toString())),
            new Transform("openNetcapFolderInTerminal", "netcap.PCAP", "opens a terminal in the capture's records "
                    + "folder", terminal((in, c) -> Transforms.path(in) + ".net")),
            new Transform("openFileInDisassembler", "a file (location)", "opens the extracted file in the "
                    + "disassembler", Launchers::disassembler),
            new Transform("openTrafficInWireshark", "an address (ipaddr)", "Wireshark on the address's packets",
                    HOST_IN_WIRESHARK),
            new Transform("openHostTrafficInWireshark", "an address (ipaddr)", "Wireshark on the address's packets",
                    HOST_IN_WIRESHARK),
            new Transform("openDeviceTrafficInWireshark", "netcap.Device (mac)", "Wireshark on the device's frames",
                    wireshark(in -> "ether host " + mac(in))),
            new Transform("openTrafficForPortInWireshark", "a port (port)", "Wireshark on the packets to or from the "
                    + "port", wireshark(in -> "port " + port(in, "port"))),
            new Transform("openServiceInWireshark", "netcap.Service (ip, port)", "Wireshark on the server's packets "
                    + "of that port", wireshark(in -> "host " + address(in, "ip") + " and port " + port(in, "port"))),
            new Transform("openConnectionInWireshark", "netcap.Connection (srcip, srcport, dstip, dstport)",
                    "Wireshark on the connection's packets", wireshark(Launchers::connection)),
            new Transform("openFlowInWireshark", "a flow (srcip, srcport, dstip, dstport)", "Wireshark on the flow's "
                    + "packets", wireshark(Launchers::connection)),
            new Transform("openSoftwareTrafficInWireshark", "netcap.Software (flows)", "Wireshark on the packets of "
                    + "the software's flows", wireshark(Launchers::flows)),
            new Transform("openVulnerabilityTrafficInWireshark", "netcap.Vulnerability (flows)", "Wireshark on the "
                    + "packets of the vulnerable software's flows", wireshark(Launchers::flows)));

    static Transforms.Body open(Target target) {
        return (in, out, context) -> {
            String what = target.of(in, context);
            // a path is given absolute: one that began with '-' would be read as an option of the handler
            what = what.contains("://") ? what : Path.of(what).toAbsolutePath().toString();
            String command = context.env().getOrDefault(OPEN_FILE, "");
            start(context, out, List.of(command.isEmpty() ? "xdg-open" : command, what));
        };
    }

    /**
     * The terminal in the records' folder; a terminal named {@code *-terminal} (GNOME's, Xfce's, MATE's) is told the
     * folder by {@code --working-directory=}, Kali's qterminal by {@code --workdir=}, others are started in it.
     */
    static Transforms.Body terminal(Target target) {
        return (in, out, context) -> {
            Path folder = Path.of(target.of(in, context)).toAbsolutePath();
            if (!Files.isDirectory(folder)) {
                throw new Failure(folder + ": no such folder");
            }
            String command = context.env().getOrDefault(OPEN_TERMINAL, "");
            command = command.isEmpty() ? "x-terminal-emulator" : command;
            String name = Path.of(command).getFileName().toString();
            List<String> argv = new ArrayList<>(List.of(command));
            if (name.endsWith("-terminal")) {
                argv.add("--working-directory=" + folder);
            } else if (name.equals("qterminal")) {
                argv.add("--workdir=" + folder);
            }
            start(context, out, argv, folder);
        };
    }

    private static void disassembler(LocalTransform in, MaltegoResponse out, Context context) throws IOException {
        Path file = FileContentTransforms.file(in).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new Failure(file + ": no such file");
        }
        String command = context.env().getOrDefault(OPEN_DISASSEMBLER, "");
        start(context, out, List.of(command.isEmpty() ? "ida64" : command, file.toString()));
    }

    /**
     * Wireshark on the packets the filter selects: cut from the capture (the folder above the record file, less its
     * {@code .net}, as toAuditRecords names it) by tcpdump into {@code extractedStreams/}, once per filter.
     */
    private static Transforms.Body wireshark(Filter filter) {
        return (in, out, context) -> {
            String bpf = filter.of(in);
            Path records = parent(Transforms.path(in));
            String folder = records.getFileName() == null ? "" : records.getFileName().toString();
            if (!folder.endsWith(".net") || folder.equals(".net")) {
                throw new Failure(records + ": not a capture's records folder (<capture>.net, as toAuditRecords "
                        + "writes it), so its capture is unknown");
            }
            Path capture = records.resolveSibling(folder.substring(0, folder.length() - ".net".length()));
            if (!Files.isRegularFile(capture)) {
                throw new Failure(capture + ": no such capture file");
            }
            Path extracted = records.resolve("extractedStreams").resolve(streamName(capture, bpf));
            if (!Files.exists(extracted)) {
                Files.createDirectories(extracted.getParent());
                Path tmp = extracted.resolveSibling(extracted.getFileName() + ".part");
                try {
                    run(context, List.of("tcpdump", "-r", capture.toString(), "-w", tmp.toString(), bpf));
                } catch (IOException e) {
                    Files.deleteIfExists(tmp);
                    throw e;
                }
                Files.move(tmp, extracted, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            start(context, out, List.of("wireshark", extracted.toString()));
        };
    }

    /**
     * The extracted capture's name: the capture's, then the filter with every character that is not a letter, a
     * digit, '.' or '-' as '-'; a long filter (a software's many flows) is cut and a digest of it added.
     */
    static String streamName(Path capture, String bpf) {
        String base = capture.getFileName().toString().replaceFirst("\\.(pcap|pcapng)$", "");
        String summary = bpf.replaceAll("[^A-Za-z0-9.-]+", "-").replaceAll("^-|-$", "");
        if (base.length() + summary.length() > 180) {
            try {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(bpf.getBytes(StandardCharsets.UTF_8));
                summary = summary.substring(0, Math.max(0, 170 - Math.min(base.length(), 100)))
                        + "-" + HexFormat.of().formatHex(d, 0, 6);
                base = base.length() > 100 ? base.substring(0, 100) : base;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e); // every JDK has SHA-256
            }
        }
        return base + "-" + summary + ".pcap";
    }

    private static String connection(LocalTransform in) throws Failure {
        return "(host " + address(in, "srcip") + " and port " + port(in, "srcport") + ") and (host "
                + address(in, "dstip") + " and port " + port(in, "dstport") + ")";
    }

    /** The flows of a Software or Vulnerability entity ("a:p->b:q | ..."), each as a connection, or'ed. */
    private static String flows(LocalTransform in) throws Failure {
        Set<String> each = new LinkedHashSet<>();
        for (String flow : Transforms.required(in, "flows").split(" \\| ")) {
            String[] ends = flow.strip().split("->");
            if (ends.length != 2) {
                throw new Failure("flows: not a flow (address:port->address:port): " + flow);
            }
            each.add("((host " + checkedAddress(host(ends[0]), "flows") + " and port " + checkedPort(portOf(ends[0]),
                    "flows") + ") and (host " + checkedAddress(host(ends[1]), "flows") + " and port "
                    + checkedPort(portOf(ends[1]), "flows") + "))");
        }
        return String.join(" or ", each);
    }

    private static String host(String end) {
        int colon = end.lastIndexOf(':');
        return colon < 0 ? end : end.substring(0, colon);
    }

    private static String portOf(String end) {
        int colon = end.lastIndexOf(':');
        return colon < 0 ? "" : end.substring(colon + 1);
    }

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");

    private static String address(LocalTransform in, String property) throws Failure {
        return checkedAddress(Transforms.required(in, property), property);
    }

    /** An IPv4 or IPv6 literal, never a name: a filter with a host name would have tcpdump resolve it. */
    private static String checkedAddress(String value, String property) throws Failure {
        String v = value.strip();
        boolean v6 = v.contains(":") && IPV6.matcher(v).matches();
        if (!IPV4.matcher(v).matches() && !v6) {
            throw new Failure(property + ": not an IP address: " + value);
        }
        return v;
    }

    private static String port(LocalTransform in, String property) throws Failure {
        return checkedPort(Transforms.required(in, property), property);
    }

    private static String checkedPort(String value, String property) throws Failure {
        String v = value.strip();
        if (!v.matches("\\d{1,5}") || Integer.parseInt(v) > 65535) {
            throw new Failure(property + ": not a port: " + value);
        }
        return v;
    }

    private static String mac(LocalTransform in) throws Failure {
        String v = Transforms.required(in, "mac").strip();
        if (!MAC.matcher(v).matches()) {
            throw new Failure("mac: not a MAC address: " + v);
        }
        return v;
    }

    /** A value that goes into a URL: letters, digits and '-' (a CVE ID). */
    private static String plain(String value, String property) throws Failure {
        if (!value.matches("[A-Za-z0-9-]{1,64}")) {
            throw new Failure(property + ": not an ID: " + value);
        }
        return value;
    }

    private static Path exploit(LocalTransform in, Context context) throws Failure {
        String dir = context.env().getOrDefault(EXPLOITS, "");
        Path base = Path.of(dir.isEmpty() ? "/usr/local/etc/netcap" : dir).toAbsolutePath().normalize();
        Path file = base.resolve(Transforms.required(in, "file")).normalize();
        if (!file.startsWith(base)) {
            throw new Failure("file: outside the exploit directory " + base);
        }
        return file;
    }

    private static Path typeFolder(LocalTransform in) throws Failure {
        Path files = parent(Transforms.path(in)).resolve("files");
        Path folder = files.resolve(Transforms.required(in, "properties.contenttype")).normalize();
        if (!folder.startsWith(files) || folder.equals(files)) {
            throw new Failure("properties.contenttype: not a content type: " + in.get("properties.contenttype"));
        }
        return folder;
    }

    private static Path parent(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        return parent == null ? p.toAbsolutePath() : parent;
    }

    /**
     * The file, unless opening it could run it (the original's check, more thorough): a name ending in .exe or .bin,
     * the execute bit, or the start of an executable (ELF, PE's MZ, Mach-O, a script's #!). Extracted files are
     * whatever the traffic carried.
     */
    static Path notExecutable(Path file) throws Failure {
        if (!Files.isRegularFile(file)) {
            throw new Failure(file + ": no such file");
        }
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        byte[] head = FileContentTransforms.head(file, 4);
        String why = name.endsWith(".exe") || name.endsWith(".bin") ? "its name"
                : Files.isExecutable(file) ? "its execute permission"
                : starts(head, 0x7f, 'E', 'L', 'F') ? "ELF"
                : starts(head, 'M', 'Z') ? "a Windows executable (MZ)"
                : starts(head, 0xfe, 0xed, 0xfa) || starts(head, 0xcf, 0xfa, 0xed, 0xfe) || starts(head, 0xce, 0xfa, 0xed, 0xfe)
                        || starts(head, 0xca, 0xfe, 0xba, 0xbe) ? "Mach-O"
                : starts(head, '#', '!') ? "a script (#!)" : null;
        if (why != null) {
            throw new Failure(file + ": executable (" + why + "), not opened");
        }
        return file;
    }

    private static boolean starts(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs a helper to its end (tcpdump, file(1)) and returns what it said (its first 8 KiB, stripped); its failure,
     * with what it said, is the transform's.
     */
    static String run(Context context, List<String> argv) throws IOException {
        List<String> cmd = resolved(context, argv);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String said = new String(p.getInputStream().readNBytes(8192), StandardCharsets.UTF_8).strip();
        if (waitFor(p, TimeUnit.MINUTES.toMillis(30)) != 0) {
            throw new Failure(argv.getFirst() + " failed: " + said);
        }
        return said;
    }

    private static void start(Context context, MaltegoResponse out, List<String> argv) throws IOException {
        start(context, out, argv, null);
    }

    /**
     * Starts a program the user works with (a viewer, a terminal): it runs on after the transform answers, unless
     * it ends within {@link #GRACE_MILLIS}, when a failure of it is the transform's.
     */
    private static void start(Context context, MaltegoResponse out, List<String> argv, Path directory)
            throws IOException {
        List<String> cmd = resolved(context, argv);
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(
                        Path.of("/dev/null").toFile()));
        if (directory != null) {
            b.directory(directory.toFile());
        }
        int status = waitFor(b.start(), GRACE_MILLIS);
        if (status != Integer.MIN_VALUE && status != 0) {
            throw new Failure(argv.getFirst() + " failed (exit status " + status + ")");
        }
        out.message(MaltegoResponse.INFORM, "started " + String.join(" ", cmd));
    }

    /** The exit status, or {@link Integer#MIN_VALUE} when the process still runs after the time. */
    private static int waitFor(Process p, long millis) throws Failure {
        try {
            return p.waitFor(millis, TimeUnit.MILLISECONDS) ? p.exitValue() : Integer.MIN_VALUE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
            throw new Failure("interrupted while " + p.info().command().orElse("a program") + " ran");
        }
    }

    /** The command with its program found on the environment's PATH (a path as given is taken as it is). */
    private static List<String> resolved(Context context, List<String> argv) throws Failure {
        String program = argv.getFirst();
        Path found = ProgramPath.find(program, context.env().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        if (found == null) {
            throw new Failure(program + " not found" + (program.contains("/") ? "" : " on the PATH"));
        }
        List<String> cmd = new ArrayList<>(argv);
        cmd.set(0, found.toString());
        return cmd;
    }
}
