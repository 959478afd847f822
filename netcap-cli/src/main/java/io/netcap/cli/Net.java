package io.netcap.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code net} command; one subcommand class per tool. */
@Command(name = "net", mixinStandardHelpOptions = true, versionProvider = Net.Version.class,
        description = "netcap: turn packets into typed protocol-buffer audit records.",
        subcommands = {CommandLine.HelpCommand.class, CaptureCommand.class, DumpCommand.class, UtilCommand.class})
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
        System.exit(commandLine().execute(args));
    }
}
