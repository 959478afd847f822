package io.netcap.cli;

import io.netcap.cli.proxy.ProxyConfig;
import io.netcap.cli.proxy.ReverseProxy;
import io.netcap.cli.proxy.ServerTls;
import io.netcap.cli.proxy.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code net proxy}: a reverse proxy in front of one HTTP(S) upstream, or several from a YAML file, that writes
 * an HTTP record for every exchange (docs/cli.md, "net proxy"). Runs until stopped; a stop closes the record
 * files complete and prints what was proxied and what failed.
 */
@Command(name = "proxy", description = "HTTP reverse proxy that writes an HTTP audit record per exchange.",
        footer = {"", "Examples:", "  net proxy -local 127.0.0.1:8080 -remote http://example.com",
                "  net proxy -local :8080 -remote https://10.0.0.5:8443 -skipTlsVerify -out records -dump",
                "  net proxy -proxy-config proxies.yml -out records"})
public final class ProxyCommand implements Callable<Integer> {
    static final String DEFAULT_CONFIG = "net.proxy-config.yml";

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

    @Option(names = {"-proxy-config", "--proxy-config"}, paramLabel = "<file>",
            description = "YAML file of several proxies, used when -local and -remote are not given")
    String proxyConfig = DEFAULT_CONFIG;

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

    /** One proxy to start: its name (null for the one of -local and -remote) and its options. */
    private record Planned(String name, ReverseProxy.Options options) {}

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (dialTimeout <= 0 || tlsTimeout <= 0 || idleConnTimeout <= 0 || maxConns <= 0) {
            err.println("-dialTimeout, -tlsTimeout, -idleConnTimeout and -maxConns must be positive");
            return GoFlags.USAGE_ERROR;
        }
        if (local.isEmpty() != remote.isEmpty()
                || local.isEmpty() && proxyConfig.equals(DEFAULT_CONFIG) && !Files.exists(Path.of(proxyConfig))) {
            err.println("give -local <host:port> and -remote <url>, or a YAML file of proxies with -proxy-config <file>");
            return GoFlags.USAGE_ERROR;
        }
        List<ReverseProxy> running = new ArrayList<>();
        try {
            List<Planned> planned;
            try {
                planned = local.isEmpty() ? fromConfig(err) : List.of(new Planned(null, options(local, remote, Path.of(out), null, err)));
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return GoFlags.USAGE_ERROR;
            }
            for (Planned p : planned) {
                ReverseProxy proxy = new ReverseProxy(p.options());
                running.add(proxy);
                err.println(prefix(p.name()) + "proxy listening on " + (p.options().serverTls() == null ? "" : "https://")
                        + proxy.address().getHostString() + ":" + proxy.address().getPort() + ", forwarding to "
                        + p.options().remote().url("") + ", records to " + proxy.file());
            }
            err.flush();
            UntilStopped.await(stopped, () -> {
                for (int i = 0; i < running.size(); i++) {
                    running.get(i).close();
                    err.println(prefix(planned.get(i).name()) + running.get(i).summary());
                }
                err.flush();
            });
            return 0;
        } catch (IOException | GeneralSecurityException e) {
            err.println("proxy: " + IoReason.describe(e));
            return 1;
        } finally {
            for (ReverseProxy p : running) {
                try {
                    p.close();
                } catch (IOException e) {
                    err.println("proxy: " + IoReason.describe(e));
                }
            }
        }
    }

    private static String prefix(String name) {
        return name == null ? "" : name + ": ";
    }

    /** Every proxy of the YAML file, each writing into {@code <out>/<name>/}. */
    private List<Planned> fromConfig(PrintWriter err) throws IOException, GeneralSecurityException {
        ProxyConfig config = ProxyConfig.read(Path.of(proxyConfig));
        SSLContext tls = config.proxies().values().stream().anyMatch(ProxyConfig.Entry::tls)
                ? ServerTls.context(Path.of(config.certFile()), Path.of(config.keyFile())) : null;
        List<Planned> planned = new ArrayList<>();
        config.proxies().forEach((name, e) -> planned.add(new Planned(name,
                options(e.local(), e.remote(), Path.of(out).resolve(name), e.tls() ? tls : null, err))));
        return planned;
    }

    private ReverseProxy.Options options(String listen, String upstream, Path dir, SSLContext serverTls, PrintWriter err) {
        return new ReverseProxy.Options(Addresses.parse("-local", listen), Target.parse(upstream), dir, compress,
                Duration.ofSeconds(dialTimeout), Duration.ofSeconds(tlsTimeout), Duration.ofSeconds(idleConnTimeout),
                skipTlsVerify, trace, maxConns, dump ? spec.commandLine().getOut() : null, debug ? err : null, err, serverTls);
    }
}
