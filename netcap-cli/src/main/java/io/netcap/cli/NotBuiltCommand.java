package io.netcap.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * The original's tools that are not built yet (docs/engine.md, "Command line"): named, so that
 * {@code net collect} says so instead of "Unmatched argument"; hidden from {@code net -h}.
 */
@Command(name = "proxy", hidden = true)
final class NotBuiltCommand implements Callable<Integer> {
    static final List<String> NAMES = List.of("proxy");

    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> args;

    @Override
    public Integer call() {
        String name = spec.commandLine().getParseResult().originalArgs().stream()
                .filter(NAMES::contains).findFirst().orElse(spec.name());
        spec.commandLine().getErr().println(name + ": not built yet");
        return GoFlags.USAGE_ERROR;
    }
}
