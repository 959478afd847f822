package io.netcap.elastic;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP side of the Elasticsearch output (docs/scale-out.md, "Elasticsearch"): the addresses of
 * {@code -elastic-addrs}, tried in turn when one cannot be reached, and basic authentication. It speaks the REST API
 * through the JDK's HTTP client: the official Java clients bring a JSON-binding transport stack many times the size of
 * what this needs, a POST of NDJSON and a look at the answer's item statuses.
 */
public final class ElasticClient {
    /** The address the original's client used when none was given. */
    public static final String DEFAULT_ADDRESS = "http://localhost:9200";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** The largest answer read: a bulk request's, with an item per record, is far smaller; a server's fault is not. */
    static final int MAX_ANSWER = 64 << 20;

    /** An answer: its status, its body and the address that gave it. */
    public record Response(int status, String body, URI address) {
        boolean ok() {
            return status / 100 == 2;
        }

        /** The status and the start of the body, for a message. */
        String brief() {
            String b = body.strip().replaceAll("\\s+", " ");
            return "HTTP " + status + (b.isEmpty() ? "" : ": " + (b.length() > 300 ? b.substring(0, 300) + "..." : b));
        }
    }

    private final List<URI> addresses;
    private final String authorization;
    private final HttpClient http;
    /** The address tried first: the last one that answered. */
    private volatile int current;

    private ElasticClient(List<URI> addresses, String authorization) {
        this.addresses = addresses;
        this.authorization = authorization;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    /**
     * A client of the comma-separated {@code addrs} (empty: {@link #DEFAULT_ADDRESS}); with a non-empty
     * {@code user}, requests carry basic authentication.
     *
     * @throws IllegalArgumentException naming an address that is not an http or https URL
     */
    public static ElasticClient of(String addrs, String user, String pass) {
        String why = invalidAddresses(addrs);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        List<URI> list = new ArrayList<>();
        for (String a : (addrs.isBlank() ? DEFAULT_ADDRESS : addrs).split(",")) {
            if (!a.isBlank()) {
                list.add(base(a.strip()));
            }
        }
        String auth = user.isEmpty() ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
        return new ElasticClient(List.copyOf(list), auth);
    }

    /** Why {@code addrs} (comma separated) cannot be used, naming the first bad one; null when all can. */
    public static String invalidAddresses(String addrs) {
        for (String a : addrs.split(",")) {
            String s = a.strip();
            if (s.isEmpty()) {
                continue;
            }
            try {
                URI u = new URI(s);
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
                    return s + " is not an http or https URL (say http://host:9200)";
                }
            } catch (URISyntaxException e) {
                return s + " is not a URL: " + e.getReason();
            }
        }
        return null;
    }

    /** The URL without a trailing slash, so that paths append to it. */
    static URI base(String url) {
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /**
     * Sends {@code method path} with {@code body} (null: none) as {@code contentType} to the current address, and when
     * it cannot be reached to each of the others in turn.
     *
     * @throws IOException when none could be reached: the last address's failure
     */
    public Response send(String method, String path, byte[] body, String contentType) throws IOException, InterruptedException {
        IOException last = null;
        int first = current;
        for (int i = 0; i < addresses.size(); i++) {
            int k = (first + i) % addresses.size();
            try {
                Response r = send(addresses.get(k), method, path, body, contentType);
                current = k;
                return r;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * A request to Kibana's saved-objects API at {@code kibana}: JSON, the user's authentication and the
     * {@code kbn-xsrf} header Kibana asks of every change.
     */
    Response kibana(URI kibana, String method, String path, byte[] body) throws IOException, InterruptedException {
        return send(kibana, method, path, body, "application/json", "kbn-xsrf", "true");
    }

    /** One request to {@code base + path}, with the user's authentication, if any, and the given header pairs. */
    private Response send(URI base, String method, String path, byte[] body, String contentType, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            b.header("Content-Type", contentType);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                byte[] answer = in.readNBytes(MAX_ANSWER + 1);
                if (answer.length > MAX_ANSWER) {
                    throw new IOException("answer of more than " + MAX_ANSWER + " bytes");
                }
                return new Response(r.statusCode(), new String(answer, StandardCharsets.UTF_8), base);
            }
        } catch (ConnectException e) {
            throw new ConnectException(base + ": connection refused");
        } catch (HttpTimeoutException e) {
            throw new HttpTimeoutException(base + ": " + e.getMessage());
        } catch (IOException e) {
            throw new IOException(base + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }
}
