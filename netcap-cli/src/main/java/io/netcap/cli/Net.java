package io.netcap.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of the {@code net} command; one subcommand class per tool. */
@Command(name = "net", versionProvider = Net.Version.class,
        description = "netcap: turn packets into typed protocol-buffer audit records.")
public final class Net implements Runnable {
    public static final String VERSION = "v0.6.11";

    @Option(names = {"-h", "-help", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    /** {@code -version} as the original spells it. */
    @Option(names = {"-V", "-version", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    /** The tools, by name, in the order the usage lists them. */
    private static final Map<String, Supplier<Object>> TOOLS = tools();

    private static Map<String, Supplier<Object>> tools() {
        Map<String, Supplier<Object>> tools = new LinkedHashMap<>();
        tools.put("help", HelpCommand::new);
        tools.put("capture", CaptureCommand::new);
        tools.put("dump", DumpCommand::new);
        tools.put("util", UtilCommand::new);
        tools.put("label", LabelCommand::new);
        tools.put("export", ExportCommand::new);
        tools.put("collect", CollectCommand::new);
        tools.put("agent", AgentCommand::new);
        tools.put("proxy", ProxyCommand::new);
        tools.put("transform", TransformCommand::new);
        tools.put("version", VersionCommand::new);
        return tools;
    }

    /** Every tool's name, help and version included, in the order the usage lists them. */
    static List<String> toolNames() {
        return List.copyOf(TOOLS.keySet());
    }

    /** The tools that do something, for messages: "capture, dump, ...". */
    static String toolList() {
        return String.join(", ", TOOLS.keySet().stream().filter(t -> !t.equals("help") && !t.equals("version"))
                .toList());
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {VERSION};
        }
    }

    @Command(name = "version", description = "Print the version (as -version).")
    static final class VersionCommand implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().getOut().println(VERSION);
        }
    }

    /** The {@code net} command line with Go flag conventions (NC_ environment defaults, exit 2 on usage errors). */
    public static CommandLine commandLine() {
        return commandLine(null, System.getenv());
    }

    /**
     * The command line with only {@code tool} among the subcommands when it names one, so that a run does
     * not pay for the picocli model of every other tool (about 0.1 s); with all of them for anything else
     * (no tool, help, a mistyped name), where the usage lists them.
     */
    static CommandLine commandLine(String tool, Map<String, String> env) {
        CommandLine cmd = new CommandLine(new Net());
        boolean one = tool != null && TOOLS.containsKey(tool) && !tool.equals("help");
        TOOLS.forEach((name, make) -> {
            if (!one || name.equals(tool)) {
                cmd.addSubcommand(name, make.get());
            }
        });
        return GoFlags.configure(cmd, env);
    }

    public static void main(String[] args) {
        if (Completion.asked(args)) {
            Completion.candidates(args, Path.of("")).forEach(System.out::println);
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("capture")) {
            // capture parses its own Go-style flags: going straight to it skips building the picocli
            // model of every tool, about 0.1 s of start-up that every capture would pay.
            int code = 1;
            try {
                code = new CaptureCommand().run(List.of(args).subList(1, args.length), System.getenv());
            } catch (RuntimeException | Error e) {
                // what picocli does with an exception from a command; an Error (out of memory) too, so that the
                // exit below comes whatever failed
                e.printStackTrace();
            } finally {
                System.exit(code);
            }
        }
        if (args.length > 0 && args[0].equals("transform")) {
            // Maltego's arguments, not flags: a value may start with '-' (see TransformCommand)
            System.exit(TransformCommand.run(List.of(args).subList(1, args.length), System.out, System.err,
                    System.getenv()));
        }
        System.exit(commandLine(args.length > 0 ? args[0] : null, System.getenv()).execute(args));
    }
}
