package io.netcap.cli;

import io.netcap.cli.proxy.ReverseProxy;
import io.netcap.cli.proxy.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code net proxy}: a reverse proxy in front of one HTTP(S) upstream that writes an HTTP record for every
 * exchange (docs/cli.md, "net proxy"). Runs until stopped; a stop closes the record file complete and prints
 * what was proxied and what failed.
 */
@Command(name = "proxy", description = "HTTP reverse proxy that writes an HTTP audit record per exchange.",
        footer = {"", "Examples:", "  net proxy -local 127.0.0.1:8080 -remote http://example.com",
                "  net proxy -local :443 -remote https://10.0.0.5:8443 -skipTlsVerify -out records -dump"})
public final class ProxyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-local", "--local"}, paramLabel = "<host:port>", description = "address to listen on")
    String local = "";

    @Option(names = {"-remote", "--remote"}, paramLabel = "<url>",
            description = "upstream URL (http or https); its path and query prefix every request, its user info becomes Basic authentication")
    String remote = "";

    @Option(names = {"-out", "--out"}, paramLabel = "<dir>", description = "directory of the HTTP record file")
    String out = ".";

    @Option(names = {"-compress", "--compress"}, arity = "0..1", fallbackValue = "true",
            description = "gzip the record file (HTTP.ncap.gz; HTTP.ncap when false)")
    boolean compress = true;

    @Option(names = {"-dialTimeout", "--dialTimeout"}, paramLabel = "<seconds>", description = "seconds to connect to the upstream")
    int dialTimeout = 30;

    @Option(names = {"-tlsTimeout", "--tlsTimeout"}, paramLabel = "<seconds>", description = "seconds for the TLS handshake with the upstream")
    int tlsTimeout = 15;

    @Option(names = {"-idleConnTimeout", "--idleConnTimeout"}, paramLabel = "<seconds>",
            description = "seconds an upstream connection may send nothing before it is given up")
    int idleConnTimeout = 90;

    @Option(names = {"-maxConns", "--maxConns"}, paramLabel = "<n>", description = "exchanges proxied at once; more are answered 503")
    int maxConns = 256;

    @Option(names = {"-skipTlsVerify", "--skipTlsVerify"}, arity = "0..1", fallbackValue = "true",
            description = "do not verify the upstream's certificate")
    boolean skipTlsVerify;

    @Option(names = {"-trace", "--trace"}, arity = "0..1", fallbackValue = "true",
            description = "record DNSDoneAfter, TLSDoneAfter, FirstByteAfter and DstIP")
    boolean trace = true;

    @Option(names = {"-dump", "--dump"}, arity = "0..1", fallbackValue = "true", description = "print each record as a JSON line to stdout")
    boolean dump;

    @Option(names = {"-debug", "--debug"}, arity = "0..1", fallbackValue = "true", description = "print request and response heads to stderr")
    boolean debug;

    @Option(names = {"-proxy-config", "--proxy-config"}, hidden = true)
    String proxyConfig = "";

    @Option(names = {"-maxIdle", "--maxIdle"}, hidden = true)
    int maxIdle;

    @Option(names = {"-format", "--format"}, arity = "0..1", fallbackValue = "true", hidden = true)
    boolean format;

    @Option(names = {"-membuf-size", "--membuf-size"}, hidden = true)
    int membufSize;

    @Option(names = {"-h", "-help", "--help"}, description = "print usage and exit")
    boolean help;

    /** Released by a stop; tests release it instead of a signal. */
    final CountDownLatch stopped = new CountDownLatch(1);

    /** The running proxy, for tests. */
    volatile ReverseProxy proxy;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (!proxyConfig.isEmpty() || local.isEmpty() || remote.isEmpty()) {
            err.println("give -local <host:port> and -remote <url>"
                    + " (several proxies from one YAML file, -proxy-config, are not built)");
            return GoFlags.USAGE_ERROR;
        }
        if (dialTimeout <= 0 || tlsTimeout <= 0 || idleConnTimeout <= 0 || maxConns <= 0) {
            err.println("-dialTimeout, -tlsTimeout, -idleConnTimeout and -maxConns must be positive");
            return GoFlags.USAGE_ERROR;
        }
        ReverseProxy.Options options;
        try {
            options = new ReverseProxy.Options(Addresses.parse("-local", local), Target.parse(remote), Path.of(out),
                    compress, Duration.ofSeconds(dialTimeout), Duration.ofSeconds(tlsTimeout),
                    Duration.ofSeconds(idleConnTimeout), skipTlsVerify, trace, maxConns,
                    dump ? spec.commandLine().getOut() : null, debug ? err : null, err);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return GoFlags.USAGE_ERROR;
        }
        try (ReverseProxy p = new ReverseProxy(options)) {
            proxy = p;
            err.println("proxy listening on " + p.address().getHostString() + ":" + p.address().getPort()
                    + ", forwarding to " + options.remote().url("") + ", records to " + p.file());
            err.flush();
            UntilStopped.await(stopped, () -> {
                p.close();
                err.println(p.summary());
                err.flush();
            });
            return 0;
        } catch (IOException | GeneralSecurityException e) {
            err.println("proxy: " + IoReason.describe(e));
            return 1;
        }
    }
}
