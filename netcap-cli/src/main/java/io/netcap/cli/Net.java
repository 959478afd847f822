package io.netcap.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code net} command; one subcommand class per tool. */
@Command(name = "net", mixinStandardHelpOptions = true, versionProvider = Net.Version.class,
        description = "netcap: turn packets into typed protocol-buffer audit records.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Net implements Runnable {
    public static final String VERSION = "v0.6.11";

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {VERSION};
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Net()).execute(args));
    }
}
