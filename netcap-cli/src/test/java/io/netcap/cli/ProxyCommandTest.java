package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.netcap.cli.proxy.TestCertificates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code net proxy} as a user runs it: flags, the listening line, a stop that closes the file, and its summary. */
class ProxyCommandTest {
    @TempDir
    Path tmp;

    @Test
    void proxiesUntilStoppedThenTheFileHoldsTheRecords() throws Exception {
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        upstream.createContext("/", ex -> {
            byte[] body = "<html></html>".getBytes();
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        upstream.start();
        CommandLine cmd = Net.commandLine(null, Map.of());
        ProxyCommand proxy = (ProxyCommand) cmd.getSubcommands().get("proxy").getCommand();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int[] status = {-1};
        Thread server = Thread.ofPlatform().start(() -> status[0] = cmd.execute("proxy", "-local", "127.0.0.1:0",
                "-remote", "http://127.0.0.1:" + upstream.getAddress().getPort(), "-out", tmp.toString(), "-dump"));
        try {
            int port = port(err);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("<html></html>");
        } finally {
            proxy.stopped.countDown();
            server.join(20_000);
            upstream.stop(0);
        }
        assertThat(status[0]).as(err.toString()).isZero();
        assertThat(err.toString()).contains("proxied 1 exchanges into HTTP.ncap.gz; 502 (upstream failed) 0, cut short 0");
        assertThat(out.toString().lines()).singleElement().asString().contains("\"StatusCode\":200").contains("\"Method\":\"GET\"");
        Run dump = Run.net("dump", "-read", tmp.resolve("HTTP.ncap.gz").toString(), "-json");
        assertThat(dump.status()).isZero();
        assertThat(dump.out()).isEqualTo(out.toString());
    }

    @Test
    void severalProxiesFromAYamlFileOneListeningWithTls() throws Exception {
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        upstream.createContext("/", ex -> {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        upstream.start();
        KeyStore ks = TestCertificates.selfSigned(tmp);
        TestCertificates.writePem(ks, tmp.resolve("cert.pem"), tmp.resolve("key.pem"));
        String target = "http://127.0.0.1:" + upstream.getAddress().getPort();
        Path yml = tmp.resolve("proxies.yml");
        Files.writeString(yml, """
                # two proxies of one upstream, as the original's net.proxy-config.yml
                proxies:
                  plain:
                    local: 127.0.0.1:0
                    remote: %s/a
                  secure:
                    local: 127.0.0.1:0
                    remote: %s/b
                    tls: true
                certFile: %s
                keyFile: %s
                logdir: logs
                """.formatted(target, target, tmp.resolve("cert.pem"), tmp.resolve("key.pem")));
        CommandLine cmd = Net.commandLine(null, Map.of());
        ProxyCommand proxy = (ProxyCommand) cmd.getSubcommands().get("proxy").getCommand();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        int[] status = {-1};
        Path out = tmp.resolve("out");
        Thread server = Thread.ofPlatform().start(() -> status[0] = cmd.execute("proxy", "-proxy-config", yml.toString(),
                "-out", out.toString()));
        try {
            int plain = Integer.parseInt(Run.awaitLine(err, "plain: proxy listening on 127.0.0.1:(\\d+),").group(1));
            int secure = Integer.parseInt(Run.awaitLine(err, "secure: proxy listening on https://127.0.0.1:(\\d+),").group(1));
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(TestCertificates.clientContext(ks)).build();
            assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plain + "/x")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);
            assertThat(client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + secure + "/y")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);
        } finally {
            proxy.stopped.countDown();
            server.join(20_000);
            upstream.stop(0);
        }
        assertThat(status[0]).as(err.toString()).isZero();
        assertThat(err.toString()).contains("plain: proxied 1 exchanges").contains("secure: proxied 1 exchanges");
        assertThat(Run.net("dump", "-read", out.resolve("plain/HTTP.ncap.gz").toString(), "-json").out())
                .contains("\"URL\":\"" + target + "/a/x\"");
        assertThat(Run.net("dump", "-read", out.resolve("secure/HTTP.ncap.gz").toString(), "-json").out())
                .contains("\"URL\":\"" + target + "/b/y\"");
    }

    @Test
    void badProxyFilesSayWhatIsWrong() throws Exception {
        Path yml = tmp.resolve("p.yml");
        Files.writeString(yml, "proxies:\n  a:\n    local: 127.0.0.1:0\n    remote: http://h\n    tls: true\n");
        assertThat(Run.net("proxy", "-proxy-config", yml.toString()).err()).endsWith("a proxy with tls: true needs certFile and keyFile\n");
        Files.writeString(yml, "proxies:\n  ../up:\n    local: 127.0.0.1:0\n    remote: http://h\n");
        assertThat(Run.net("proxy", "-proxy-config", yml.toString()).err()).endsWith("proxy name ../up is no directory name\n");
        Files.writeString(yml, "proxies: [\n");
        Run broken = Run.net("proxy", "-proxy-config", yml.toString());
        assertThat(broken.status()).isEqualTo(1);
        assertThat(broken.err()).startsWith("proxy: " + yml + ":");
        Files.writeString(yml, "proxies:\n  a:\n    local: 127.0.0.1:0\n    remote: http://h\n    tls: true\ncertFile: " + tmp.resolve("c.pem") + "\nkeyFile: "
                + yml + "\n");
        Files.writeString(tmp.resolve("c.pem"), "not a certificate");
        Run notPem = Run.net("proxy", "-proxy-config", yml.toString());
        assertThat(notPem.status()).isEqualTo(1);
        assertThat(notPem.err()).startsWith("proxy: " + tmp.resolve("c.pem") + ": ");
    }

    @Test
    void flagsThatCannotWorkAreUsageErrors() {
        assertThat(Run.net("proxy").err()).startsWith("give -local <host:port> and -remote <url>");
        assertThat(Run.net("proxy", "-local", "127.0.0.1:0").status()).isEqualTo(2);
        Run missing = Run.net("proxy", "-proxy-config", tmp.resolve("none.yml").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("none.yml: No such file or directory");
        Run bad = Run.net("proxy", "-local", "127.0.0.1:0", "-remote", "gopher://h");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("-remote gopher://h: give an http:// or https:// URL\n");
        assertThat(Run.net("proxy", "-local", "nowhere", "-remote", "http://h").err()).contains("give host:port");
        assertThat(Run.net("proxy", "-local", ":0", "-remote", "http://h", "-maxConns", "0").status()).isEqualTo(2);
    }

    private static int port(StringWriter err) throws InterruptedException {
        return Integer.parseInt(Run.awaitLine(err, "proxy listening on \\S*:(\\d+),").group(1));
    }
}
