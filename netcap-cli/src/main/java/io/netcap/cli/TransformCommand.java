package io.netcap.cli;

import io.netcap.cli.maltego.LocalTransform;
import io.netcap.cli.maltego.MaltegoResponse;
import io.netcap.cli.maltego.Transforms;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code net transform NAME VALUE PROPERTIES}: one Maltego local transform (docs/maltego.md). Maltego reads the
 * response from standard output, so that is all standard output carries (a capture's own lines go to standard
 * error), and a transform that fails says so in the response with status 0, as the original does: Maltego shows
 * the message instead of a broken pipe. Its arguments are Maltego's, not flags, so {@link Net#main} hands them
 * over before the flag parser sees them; this class is also the usage {@code net -h} and {@code net help} list.
 */
@Command(name = "transform", description = "Run a Maltego local transform over a capture's records "
        + "(net transform NAME VALUE PROPERTIES; -h lists the transforms).")
final class TransformCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ARG")
    List<String> words = new ArrayList<>();

    @Unmatched
    List<String> unmatched = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(words);
        args.addAll(unmatched);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), System.getenv());
        spec.commandLine().getOut().print(out.toString(StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().print(err.toString(StandardCharsets.UTF_8));
        spec.commandLine().getErr().flush();
        return status;
    }

    static String usage() {
        return "Usage: net transform NAME VALUE PROPERTIES\n"
                + "Runs one Maltego local transform and writes Maltego's XML response to standard output. VALUE is the\n"
                + "input entity's value, PROPERTIES its properties as Maltego passes them (name=value#name=value):\n"
                + "path, the capture file or a record file of the capture's output directory, and for some transforms\n"
                + "mac, ipaddr or properties.servicetype. Import the original netcap's Maltego configuration to call\n"
                + "them from Maltego (docs/maltego.md).\n\nTransforms:\n" + Transforms.usage();
    }

    /** Runs {@code net transform ARGS}; the status is 0 whenever a response was written. */
    static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (args.isEmpty() || args.getFirst().equals("-h") || args.getFirst().equals("-help")
                || args.getFirst().equals("--help")) {
            PrintStream to = args.isEmpty() ? err : out;
            to.print(usage());
            to.flush();
            return args.isEmpty() ? GoFlags.USAGE_ERROR : 0;
        }
        String name = args.getFirst();
        MaltegoResponse response;
        var transform = Transforms.find(name);
        if (transform.isEmpty()) {
            response = Transforms.unknown(name);
        } else {
            try {
                LocalTransform in = LocalTransform.parse(args.subList(1, args.size()));
                response = transform.get().run(in, new Transforms.Context(capture -> capture(capture, err, env), env));
            } catch (IllegalArgumentException e) {
                response = MaltegoResponse.fatal(name + ": " + e.getMessage());
            }
        }
        out.println(response.xml());
        out.flush();
        return 0;
    }

    /**
     * A capture a transform asks for (toAuditRecords, startCaptureProcess), in this process with the transform's
     * {@code args}: its output goes to standard error, and the reason it failed, if it did, to the response.
     */
    private static String capture(List<String> args, PrintStream err, Map<String, String> env) {
        ByteArrayOutputStream why = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                why.write(b);
                err.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                why.write(b, off, len);
                err.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
        int status = new CaptureCommand(Net.VERSION, err, tee, null).run(args, env);
        if (status == 0) {
            return null;
        }
        String said = why.toString(StandardCharsets.UTF_8).strip();
        return said.isEmpty() ? "net capture exited with status " + status : said.lines().reduce((a, b) -> b).orElse(said);
    }
}
