package io.netcap.cli;

import io.netcap.engine.CaptureTool;
import io.netcap.engine.RecordDecoding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code net capture}: the arguments are handed unparsed to {@link CaptureTool}, which implements the
 * original's Go flag syntax, NC_* environment overrides and configuration files.
 */
@Command(name = "capture", description = "Create audit records from pcap/pcapng files or live interfaces.",
        helpCommand = false, usageHelpAutoWidth = true)
public final class CaptureCommand implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        return run(args);
    }

    static int run(List<String> args) {
        return new CaptureTool(Net.VERSION, RecordDecoding::new, System.out, System.err).run(args, System.getenv());
    }
}
