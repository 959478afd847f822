package io.netcap.cli.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The original's YAML file of several proxies ({@code -proxy-config}, docs/cli.md "net proxy"):
 * {@code proxies: {<name>: {local: <host:port>, remote: <url>, tls: <bool>}}}, {@code certFile} and
 * {@code keyFile} for the proxies that listen with TLS, and {@code logdir}, which is read and has no effect
 * (failures go to stderr). Other keys are ignored, as the original's YAML decoder ignores them.
 *
 * @param proxies  by name, in the file's order
 * @param certFile PEM certificate chain of the TLS listeners, or ""
 * @param keyFile  PEM PKCS #8 private key of the TLS listeners, or ""
 */
public record ProxyConfig(Map<String, Entry> proxies, String certFile, String keyFile) {
    /** Cap on the file's size and on the number of proxies. */
    static final int MAX_BYTES = 1 << 20;
    static final int MAX_PROXIES = 64;
    /** A proxy's name names its record directory: no separators, no dot names, printable and short. */
    static final Pattern NAME = Pattern.compile("(?!\\.{1,2}$)[A-Za-z0-9._@+-]{1,64}");

    /** One proxy of the file. */
    public record Entry(String local, String remote, boolean tls) {}

    /** Reads {@code file}; the exception's message names the file and what is wrong. */
    public static ProxyConfig read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException(file + ": larger than " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new IOException(file + ":" + (line > 0 ? line + ": " : " ")
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.path("proxies").isObject() || root.path("proxies").isEmpty()) {
            throw new IOException(file + ": no proxies (give proxies: {<name>: {local: <host:port>, remote: <url>}})");
        }
        Map<String, Entry> proxies = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> p : root.path("proxies").properties()) {
            if (!NAME.matcher(p.getKey()).matches()) {
                throw new IOException(file + ": proxy name " + p.getKey() + " is no directory name");
            }
            if (proxies.size() == MAX_PROXIES) {
                throw new IOException(file + ": more than " + MAX_PROXIES + " proxies");
            }
            JsonNode n = p.getValue();
            String local = text(n, "local");
            String remote = text(n, "remote");
            if (local.isEmpty() || remote.isEmpty()) {
                throw new IOException(file + ": proxy " + p.getKey() + " needs local and remote");
            }
            proxies.put(p.getKey(), new Entry(local, remote, n.path("tls").asBoolean(false)));
        }
        ProxyConfig c = new ProxyConfig(proxies, text(root, "certFile"), text(root, "keyFile"));
        if (proxies.values().stream().anyMatch(Entry::tls) && (c.certFile.isEmpty() || c.keyFile.isEmpty())) {
            throw new IOException(file + ": a proxy with tls: true needs certFile and keyFile");
        }
        return c;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() ? v.asText("").trim() : "";
    }
}
