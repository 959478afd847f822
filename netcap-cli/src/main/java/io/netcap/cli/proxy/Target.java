package io.netcap.cli.proxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The upstream of {@code net proxy}, from {@code -remote}: an {@code http} or {@code https} URL whose path
 * and query prefix every forwarded request (as Go's {@code httputil.NewSingleHostReverseProxy} joins them).
 *
 * @param scheme    {@code http} or {@code https}
 * @param host      name or address to connect to, IPv6 without brackets
 * @param port      the URL's port, else 80 or 443
 * @param authority host and port as written in the URL: the {@code Host} header and the record's {@code Host}
 * @param basePath  raw path prefix, may be empty
 * @param baseQuery raw query added to every request, may be empty
 * @param userInfo  {@code user:password} for Basic authentication (RFC 7617), or null
 */
public record Target(String scheme, String host, int port, String authority, String basePath, String baseQuery,
                     String userInfo) {

    /** The target of {@code -remote}; {@link IllegalArgumentException} saying what is wrong. */
    public static Target parse(String remote) {
        URI u;
        try {
            u = new URI(remote);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("-remote " + remote + ": " + e.getMessage());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("-remote " + remote + ": give an http:// or https:// URL");
        }
        if (u.getHost() == null) {
            throw new IllegalArgumentException("-remote " + remote + ": the URL names no host");
        }
        String host = u.getHost().replaceAll("^\\[|]$", "");
        int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
        String authority = u.getRawAuthority().substring(u.getRawAuthority().indexOf('@') + 1);
        return new Target(scheme, host, port, authority, u.getRawPath() == null ? "" : u.getRawPath(),
                u.getRawQuery() == null ? "" : u.getRawQuery(), u.getUserInfo());
    }

    public boolean tls() {
        return scheme.equals("https");
    }

    /** Whether {@link #host} is an address, which needs no name lookup. */
    boolean literal() {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    }

    /**
     * The request target sent upstream for a client's raw path and query: the base path joined with one
     * slash, the queries joined with {@code &} (Go's {@code singleJoiningSlash}).
     */
    String requestTarget(String rawPath, String rawQuery) {
        String path = rawPath == null ? "" : rawPath;
        boolean a = basePath.endsWith("/");
        boolean b = path.startsWith("/");
        String joined = a && b ? basePath + path.substring(1) : !a && !b ? basePath + "/" + path : basePath + path;
        if (joined.isEmpty() || joined.charAt(0) != '/') {
            joined = "/" + joined;
        }
        String query = rawQuery == null ? "" : rawQuery;
        String q = baseQuery.isEmpty() || query.isEmpty() ? baseQuery + query : baseQuery + "&" + query;
        return q.isEmpty() ? joined : joined + "?" + q;
    }

    /** The absolute URL of a request target: the record's {@code URL}, as Go's {@code URL.String()} gives it. */
    public String url(String requestTarget) {
        return scheme + "://" + authority + requestTarget;
    }

    /** The {@code Authorization} value for the URL's user info, or null when it has none. */
    String basicAuthorization() {
        return userInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }
}
