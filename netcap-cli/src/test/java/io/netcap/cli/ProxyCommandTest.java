package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
        CommandLine cmd = GoFlags.configure(new CommandLine(new Net()), Map.of());
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
    void flagsThatCannotWorkAreUsageErrors() {
        assertThat(Run.net("proxy").err()).startsWith("give -local <host:port> and -remote <url>");
        assertThat(Run.net("proxy", "-local", "127.0.0.1:0", "-remote", "http://h", "-proxy-config", "p.yml").status()).isEqualTo(2);
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
