package io.netcap.elastic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opensearch.Version;
import org.opensearch.common.settings.Settings;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.PluginInfo;
import org.opensearch.transport.Netty4ModulePlugin;

/**
 * A real single-node OpenSearch in the test JVM, serving the REST API (Elasticsearch's bulk, index, mapping and search
 * API) on a loopback port; one per test class: {@code @RegisterExtension static final SearchNode node = new SearchNode();}.
 * About 5 s to start. The test framework's MockNode needs its randomized runner; this is the plain node with the Netty
 * HTTP module on the class path.
 */
final class SearchNode implements BeforeAllCallback, AfterAllCallback {
    private Node node;
    private Path home;
    private URI address;
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        home = Files.createTempDirectory("netcap-opensearch");
        Settings settings = Settings.builder()
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("cluster.name", "netcap-test")
                .put("node.name", "netcap-test")
                .put("network.host", "127.0.0.1")
                .put("http.port", "0")
                .put("transport.port", "0")
                .put("discovery.type", "single-node")
                .build();
        node = new Plain(settings);
        node.start();
        int port = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
        address = URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (node != null) {
            node.close();
        }
        if (home != null) {
            try (Stream<Path> s = Files.walk(home)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The REST address, {@code http://127.0.0.1:PORT}. */
    String address() {
        return address.toString();
    }

    /** A request with a JSON body (or none), its answer's body; fails the test unless 2xx. */
    String call(String method, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = send(method, path, json);
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError(method + " " + path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(address + path));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static final class Plain extends Node {
        Plain(Settings settings) {
            super(InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "netcap-test"),
                    List.of(new PluginInfo(Netty4ModulePlugin.class.getName(), "classpath plugin", "NA", Version.CURRENT,
                            "21", Netty4ModulePlugin.class.getName(), null, List.of(), false)),
                    true);
        }
    }
}
