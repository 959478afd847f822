package io.netcap.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code net} command; one subcommand class per tool. */
@Command(name = "net", mixinStandardHelpOptions = true, versionProvider = Net.Version.class,
        description = "netcap: turn packets into typed protocol-buffer audit records.",
        subcommands = {HelpCommand.class, CaptureCommand.class, DumpCommand.class, UtilCommand.class,
                LabelCommand.class, ExportCommand.class, CollectCommand.class, AgentCommand.class,
                ProxyCommand.class})
public final class Net implements Runnable {
    public static final String VERSION = "v0.6.11";

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

    /** The {@code net} command line with Go flag conventions (NC_ environment defaults, exit 2 on usage errors). */
    public static CommandLine commandLine() {
        return GoFlags.configure(new CommandLine(new Net()), System.getenv());
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("capture")) {
            // capture parses its own Go-style flags: going straight to it skips building the picocli
            // model of every tool, about 0.1 s of start-up that every capture would pay.
            int code;
            try {
                code = new CaptureCommand().run(List.of(args).subList(1, args.length), System.getenv());
            } catch (RuntimeException e) {
                e.printStackTrace(); // what picocli does with an exception from a command
                code = 1;
            }
            System.exit(code);
        }
        System.exit(commandLine().execute(args));
    }
}
