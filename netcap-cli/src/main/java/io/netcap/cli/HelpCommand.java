package io.netcap.cli;

import io.netcap.cli.flags.CaptureFlags;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code net help <tool>}: exactly what {@code net <tool> -h} prints, status 0. */
@Command(name = "help", description = "Print the usage of a tool (same as net <tool> -h).", helpCommand = true)
final class HelpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "TOOL")
    List<String> tool = List.of();

    @Override
    public Integer call() {
        CommandLine net = spec.parent().commandLine();
        if (tool.isEmpty()) {
            net.usage(net.getOut());
            return 0;
        }
        String name = tool.getFirst();
        // capture and transform read their own arguments, and print their own usage
        String usage = name.equals(CaptureFlags.TOOL) ? CaptureCommand.usage()
                : name.equals("transform") ? TransformCommand.usage() : null;
        if (usage == null) {
            CommandLine sub = net.getSubcommands().get(name);
            if (sub == null || sub.getCommandSpec().usageMessage().hidden()) {
                net.getErr().println("help: unknown tool " + name + "; tools: " + Net.toolList());
                return GoFlags.USAGE_ERROR;
            }
            usage = GoFlags.usage(sub.getCommandSpec());
        }
        net.getOut().print(usage);
        net.getOut().flush();
        return 0;
    }
}
