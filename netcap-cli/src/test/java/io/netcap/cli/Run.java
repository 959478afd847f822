package io.netcap.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Runs {@code net} in-process and captures exit status, standard output and standard error. */
record Run(int status, String out, String err) {
    static Run net(String... args) {
        return net(Map.of(), args);
    }

    static Run net(Map<String, String> env, String... args) {
        return net(env, new byte[0], args);
    }

    /** With {@code stdin} as the standard input of {@code net dump}. */
    static Run withStdin(byte[] stdin, String... args) {
        return net(Map.of(), stdin, args);
    }

    private static Run net(Map<String, String> env, byte[] stdin, String... args) {
        CommandLine cmd = Net.commandLine(null, env);
        ((DumpCommand) cmd.getSubcommands().get("dump").getCommand()).stdin = new ByteArrayInputStream(stdin);
        return execute(cmd, args);
    }

    /** Runs a configured command line with its output captured. */
    static Run execute(CommandLine cmd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int status = cmd.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    /** The first match of {@code regex} in what a running tool has written to {@code err}, waiting up to 20 s. */
    static Matcher awaitLine(StringWriter err, String regex) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = p.matcher(err.toString());
            if (m.find()) {
                return m;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no line " + regex + " in: " + err);
    }

    List<String> lines() {
        return out.lines().toList();
    }
}
