package io.netcap.decoder.service;

import java.util.ArrayList;
import java.util.List;

/**
 * What the probe lines that matched one banner say: product, vendor (from the CPE), version, host name and
 * OS. A second matching line ({@code -stop-after-service-match=false}) appends a differing value after
 * {@code " | "}, as the original does.
 */
public final class Identification {
    /** One matching line: its {@code <probe>-<n>} and nmap service name, and its expanded templates. */
    public record Hit(String ident, String service, boolean soft, String product, String vendor, String version,
                      String hostname, String os) {}

    private final List<Hit> hits = new ArrayList<>();
    private String product = "";
    private String vendor = "";
    private String version = "";
    private String hostname = "";
    private String os = "";
    /** charAt calls the regexes made on the banner ({@link io.netcap.decoder.BudgetedText}). */
    long spent;

    void add(Hit h) {
        hits.add(h);
        product = join(product, h.product());
        vendor = join(vendor, h.vendor());
        version = join(version, h.version());
        hostname = join(hostname, h.hostname());
        os = join(os, h.os());
    }

    private static String join(String have, String value) {
        if (value.isEmpty() || have.equals(value)) {
            return have;
        }
        return have.isEmpty() ? value : have + " | " + value;
    }

    public List<Hit> hits() {
        return hits;
    }

    /** A line of nmap service {@code service} has matched (loops here: a stream per probe line cost more under C1). */
    boolean hasService(String service) {
        for (Hit h : hits) {
            if (h.service().equals(service)) {
                return true;
            }
        }
        return false;
    }

    /** A hard match was found (a softmatch only names the service). */
    public boolean matched() {
        for (Hit h : hits) {
            if (!h.soft()) {
                return true;
            }
        }
        return false;
    }

    public String product() {
        return product;
    }

    public String vendor() {
        return vendor;
    }

    public String version() {
        return version;
    }

    public String hostname() {
        return hostname;
    }

    /** The regex work spent on the banner, in charAt calls; bounded by the banner budget plus one regex's. */
    public long spent() {
        return spent;
    }

    public String os() {
        return os;
    }
}
