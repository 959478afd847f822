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
        if (name.equals(CaptureFlags.TOOL)) {
            net.getOut().print(CaptureCommand.usage());
            net.getOut().flush();
            return 0;
        }
        if (name.equals("transform")) {
            net.getOut().print(TransformCommand.usage());
            net.getOut().flush();
            return 0;
        }
        CommandLine sub = net.getSubcommands().get(name);
        if (sub == null || sub.getCommandSpec().usageMessage().hidden()) {
            net.getErr().println("help: unknown tool " + name + "; tools: " + Net.toolList());
            return GoFlags.USAGE_ERROR;
        }
        net.getOut().print(GoFlags.usage(sub.getCommandSpec()));
        net.getOut().flush();
        return 0;
    }
}
