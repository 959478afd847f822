package io.netcap.cli.maltego;

import static io.netcap.cli.maltego.Transforms.IPADDR;
import static io.netcap.cli.maltego.Transforms.IPADDR_LABEL;
import static io.netcap.cli.maltego.Transforms.each;
import static io.netcap.cli.maltego.Transforms.recordFile;
import static io.netcap.cli.maltego.Transforms.required;

import io.netcap.decoder.resolve.DomainAllowList;
import io.netcap.decoder.resolve.ResolverConfig;
import io.netcap.types.HTTP;
import io.netcap.types.HTTPCookie;
import io.netcap.types.format.GoValues;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The transforms that look into HTTP exchanges: header names and values, parameter and cookie values, and the
 * addresses that visited or served a host or URL (docs/maltego.md).
 */
final class HttpTransforms {
    private HttpTransforms() {}

    /** toHTTPHeaders: the name of every request and response header of an exchange of the address. */
    static void headers(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        Path file = recordFile(in, HTTP.class);
        String ip = in.get(IPADDR);
        each(file, HTTP.class, (HTTP h) -> {
            if (h.getSrcIP().equals(ip) || h.getDstIP().equals(ip)) {
                Stream.concat(h.getRequestHeaderMap().keySet().stream(), h.getResponseHeaderMap().keySet().stream())
                        .forEach(name -> out.entity("netcap.HTTPHeader", name).property("path", "Path", file.toString())
                                .property(IPADDR, IPADDR_LABEL, ip)
                                .property("host", "Host", in.value())
                                .property("timestamp", "Timestamp", GoValues.utc(h.getTimestamp()))
                                .linkLabel(h.getMethod()));
            }
        });
    }

    /** toHeaderValues: the values of header {@code properties.httpheader} in the exchanges with {@code host} or the address. */
    static void headerValues(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        Path file = recordFile(in, HTTP.class);
        String name = in.get("properties.httpheader");
        String host = required(in, "host");
        String ip = in.get(IPADDR);
        each(file, HTTP.class, (HTTP h) -> {
            if (h.getHost().equals(host) || h.getSrcIP().equals(ip)) {
                for (Map<String, String> headers : List.of(h.getRequestHeaderMap(), h.getResponseHeaderMap())) {
                    String value = headers.get(name);
                    if (value != null) {
                        out.entity("netcap.HTTPHeaderValue", value).property("path", "Path", file.toString())
                                .property("host", "Host", host)
                                .property("headername", "HeaderName", name);
                    }
                }
            }
        });
    }

    /**
     * toParameterValues: the values of parameter {@code properties.httpparameter} in the requests to {@code host}. The
     * original asked for the host and then read every host's requests.
     */
    static void parameterValues(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        Path file = recordFile(in, HTTP.class);
        String name = in.get("properties.httpparameter");
        String host = required(in, "host");
        each(file, HTTP.class, (HTTP h) -> {
            String value = h.getHost().equals(host) ? h.getParametersMap().get(name) : null;
            if (value != null) {
                out.entity("netcap.HTTPParameterValue", value).property("path", "Path", file.toString());
            }
        });
    }

    /** toCookieValues: the values of cookie {@code properties.httpcookie} in the exchanges with {@code host}. */
    static void cookieValues(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        Path file = recordFile(in, HTTP.class);
        String name = in.get("properties.httpcookie");
        String host = required(in, "host");
        each(file, HTTP.class, (HTTP h) -> {
            if (h.getHost().equals(host)) {
                Stream.concat(h.getReqCookiesList().stream(), h.getResCookiesList().stream())
                        .filter(c -> c.getName().equals(name)).map(HTTPCookie::getValue)
                        .forEach(v -> out.entity("netcap.HTTPCookieValue", v).property("path", "Path", file.toString()));
            }
        });
    }

    /**
     * toHTTPHostsFiltered: the hosts the address asked for that are not on the domain allow list (docs/maltego.md,
     * toOutgoingConnsFiltered), as netcap.Host.
     */
    static void hostsFiltered(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        Path file = recordFile(in, HTTP.class);
        String ip = in.get(IPADDR);
        DomainAllowList allowed = ConnectionTransforms.allowList(ResolverConfig.databaseDirectory(context.env()), out);
        each(file, HTTP.class, (HTTP h) -> {
            if (h.getSrcIP().equals(ip) && !h.getHost().isEmpty() && (allowed == null || !allowed.contains(h.getHost()))) {
                out.entity("netcap.Host", h.getHost()).property("path", "Path", file.toString())
                        .property(IPADDR, IPADDR_LABEL, ip);
            }
        });
    }

    /**
     * The IP profiles of one end of the requests to the address ({@code ipaddr}) for a host (the input's value) or,
     * with {@code url}, for one URL of a host ({@code properties.url} and {@code host}): their clients (visitors) or
     * their servers (providers). toHTTPUniformResourceLocators gives a URL without its query, so a request's URL is
     * compared without its query; the original compared it whole and missed every request that had one.
     */
    static Transforms.Body visitors(boolean url, Function<HTTP, String> end) {
        return (in, out, context) -> {
            Path file = recordFile(in, HTTP.class);
            String ip = in.get(IPADDR);
            String host = url ? required(in, "host") : in.value();
            String wanted = url ? required(in, "properties.url") : null;
            Set<String> addresses = new LinkedHashSet<>();
            each(file, HTTP.class, (HTTP h) -> {
                if (h.getHost().equals(host) && !h.getURL().isEmpty() && h.getDstIP().equals(ip)
                        && (wanted == null || withoutQuery(h.getURL()).equals(wanted))) {
                    addresses.add(end.apply(h));
                }
            });
            Transforms.ipProfiles(in, out, file, addresses);
        };
    }

    static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q >= 0 ? url.substring(0, q) : url;
    }
}
