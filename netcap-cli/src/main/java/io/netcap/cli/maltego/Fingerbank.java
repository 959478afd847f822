package io.netcap.cli.maltego;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netcap.cli.maltego.Transforms.Context;
import io.netcap.cli.maltego.Transforms.Failure;
import io.netcap.decoder.resolve.ResolverConfig;
import io.netcap.types.DHCPOption;
import io.netcap.types.DHCPv4;
import io.netcap.types.HTTP;
import io.netcap.types.format.GoValues;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * lookupDHCPFingerprint: the device fingerbank.org names for a DHCP client (a toDHCPClients entity's
 * {@code clientMac} and {@code fp}), asked with the client's vendor class (option 60) and the User-Agents its
 * address sent over HTTP, as the original asks: {@code GET /api/v2/combinations/interrogate?key=KEY} with a JSON
 * body. The fingerprint asked is the request's parameter list (option 55), the DHCP fingerprint fingerbank
 * knows; the original sent the record's {@code Fingerprint}, the message's option types, which it does not. Answers are kept in the database directory's {@code dhcp-fingerprints.json} (the original's cache, a map
 * from fingerprint to answer), so a fingerprint is asked once. The key is {@code FINGERPRINT_API_KEY}, else the
 * file {@code fingerprint_api_key} in the configuration root; {@code NETCAP_FINGERBANK_URL} names another server
 * (a mirror, or a test's).
 */
final class Fingerbank {
    private Fingerbank() {}

    static final String KEY_VARIABLE = "FINGERPRINT_API_KEY";
    static final String URL_VARIABLE = "NETCAP_FINGERBANK_URL";
    static final String API = "https://api.fingerbank.org";
    static final String CACHE = "dhcp-fingerprints.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    static void lookup(LocalTransform in, MaltegoResponse out, Context context) throws IOException {
        String mac = Transforms.required(in, "clientMac");
        String fp = Transforms.required(in, "fp");
        Path dhcpFile = Transforms.recordFile(in, DHCPv4.class);
        Map<String, String> leased = new HashMap<>(); // client MAC -> the address a server's reply gave it
        DHCPv4[] request = new DHCPv4[1];
        Transforms.each(dhcpFile, DHCPv4.class, (DHCPv4 d) -> {
            if (d.getOperation() == 2) {
                leased.putIfAbsent(d.getClientHWAddr(), d.getYourClientIP());
            } else if (request[0] == null && d.getClientHWAddr().equals(mac) && d.getFingerprint().equals(fp)) {
                request[0] = d;
            }
        });
        if (request[0] == null) {
            throw new Failure("no DHCP request of " + mac + " with fingerprint " + fp + " in " + dhcpFile);
        }
        String vendor = "";
        String parameters = null; // option 55's list
        for (DHCPOption o : request[0].getOptionsList()) {
            if (o.getType() == 60 && vendor.isEmpty()) {
                vendor = Transforms.text(o);
            } else if (o.getType() == 55 && parameters == null) {
                StringBuilder list = new StringBuilder();
                for (byte b : o.getDataBytes().toByteArray()) {
                    list.append(list.isEmpty() ? "" : ",").append(b & 0xff);
                }
                parameters = list.toString();
            }
        }
        String asked = parameters != null ? parameters : fp;
        String ip = leased.getOrDefault(mac, "");
        Set<String> agents = new LinkedHashSet<>();
        Path httpFile = Transforms.recordFile(in, HTTP.class);
        if (!ip.isEmpty() && Files.exists(httpFile)) {
            Transforms.each(httpFile, HTTP.class, (HTTP h) -> {
                if (h.getSrcIP().equals(ip) && !h.getUserAgent().isEmpty()) {
                    agents.add(h.getUserAgent());
                }
            });
        }
        JsonNode answer = answer(context, asked, vendor, new ArrayList<>(agents));
        String device = answer.path("device_name").asText("");
        if (device.isEmpty()) {
            device = answer.path("device").path("name").asText("");
        }
        out.entity("netcap.DHCPResult", device.replace("/", "\n") + "\n" + ip)
                .property("path", "Path", dhcpFile.toString())
                .property("timestamp", "Timestamp", GoValues.utc(request[0].getTimestamp()))
                .property("clientIP", "ClientIP", request[0].getClientIP())
                .property("serverIP", "ServerIP", request[0].getNextServerIP())
                .property("score", "Score", answer.path("score").asText(""));
    }

    /** The cached answer for the fingerprint, else fingerbank's, then cached. */
    private static JsonNode answer(Context context, String fp, String vendor, List<String> agents) throws IOException {
        Path dbs = ResolverConfig.databaseDirectory(context.env());
        Path cache = dbs.resolve(CACHE);
        ObjectNode known = JSON.createObjectNode();
        if (Files.exists(cache)) {
            try {
                JsonNode read = JSON.readTree(cache.toFile());
                if (read instanceof ObjectNode o) {
                    known = o;
                }
            } catch (IOException e) {
                throw new Failure(cache + ": not a JSON object of fingerprints: " + e.getMessage());
            }
        }
        if (known.has(fp)) {
            return known.get(fp);
        }
        ObjectNode body = JSON.createObjectNode().put("dhcp_fingerprint", fp).put("dhcp_vendor", vendor);
        body.putArray("user_agents").addAll(agents.stream().map(JSON.getNodeFactory()::textNode).toList());
        String base = context.env().getOrDefault(URL_VARIABLE, "");
        URI uri = URI.create((base.isEmpty() ? API : base.replaceAll("/+$", ""))
                + "/api/v2/combinations/interrogate?key=" + URLEncoder.encode(key(context), StandardCharsets.UTF_8));
        HttpResponse<String> r;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .method("GET", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failure("fingerbank: " + uri.getHost() + ": " + (e.getMessage() == null ? e : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while asking fingerbank");
        }
        if (r.statusCode() != 200) {
            String said = r.body().strip();
            throw new Failure("fingerbank answered " + r.statusCode() + ": "
                    + (said.length() > 200 ? said.substring(0, 200) + "..." : said));
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new Failure("fingerbank's answer is not JSON: " + e.getMessage());
        }
        if (!answer.isObject()) {
            throw new Failure("fingerbank's answer is not a JSON object");
        }
        known.set(fp, answer);
        Files.createDirectories(dbs);
        Path tmp = cache.resolveSibling(CACHE + ".tmp");
        JSON.writeValue(tmp.toFile(), known);
        Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return answer;
    }

    /** {@code FINGERPRINT_API_KEY}, else the configuration root's {@code fingerprint_api_key} file. */
    private static String key(Context context) throws IOException {
        String key = context.env().getOrDefault(KEY_VARIABLE, "").strip();
        if (!key.isEmpty()) {
            return key;
        }
        Path file = ResolverConfig.databaseDirectory(context.env()).getParent().resolve("fingerprint_api_key");
        if (Files.isReadable(file)) {
            key = Files.readString(file).strip();
        }
        if (key.isEmpty()) {
            throw new Failure("no fingerbank key: set " + KEY_VARIABLE + " or write it to " + file);
        }
        return key;
    }
}
