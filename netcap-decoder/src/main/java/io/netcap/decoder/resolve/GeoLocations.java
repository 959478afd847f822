package io.netcap.decoder.resolve;

import com.maxmind.db.Reader;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * IP address to location through MaxMind DB files (docs/enrichment.md, "GeoIP"): {@code GeoLite2-City.mmdb}
 * gives the original's {@code IPProfile.Geolocation} text, {@code <ISO country>} followed by
 * {@code " (<English city name>)"} when the record has one; {@code GeoLite2-ASN.mmdb} gives
 * {@code ASN <number> (<organisation>)}. Records in the GeoIP2 schema ({@code country.iso_code}) and the flat
 * {@code country_code} of the ip-location-db files are both read. A lookup that fails in a damaged file
 * is counted in {@link #failures} and gives "".
 */
public final class GeoLocations implements AutoCloseable {
    public static final String CITY = "GeoLite2-City.mmdb";
    public static final String ASN = "GeoLite2-ASN.mmdb";
    /** Cached lookups; the cache is emptied when full, as the original's is. */
    static final int CACHE_ENTRIES = 100_000;

    private final Reader city;
    private final Reader asn;
    private final Map<InetAddress, String> locations = new HashMap<>();
    private long failures;

    GeoLocations(Reader city, Reader asn) {
        this.city = city;
        this.asn = asn;
    }

    /** The databases of {@code dir}, or null when neither opens; each missing or damaged one is one line. */
    static GeoLocations load(Path dir, Log log) {
        Reader c = open(dir.resolve(CITY), log);
        Reader a = open(dir.resolve(ASN), log);
        if (c == null && a == null) {
            return null;
        }
        return new GeoLocations(c, a);
    }

    /** Opens one database, or gives the line that says why not. */
    static Reader open(Path file, Log log) {
        if (!Files.isRegularFile(file)) {
            log.problem("GeoIP: no " + file + "; that part of the geolocation stays empty");
            return null;
        }
        try {
            Reader r = new Reader(file.toFile());
            log.line("GeoIP: " + file + " (" + r.getMetadata().databaseType() + ")");
            return r;
        } catch (IOException | RuntimeException e) {
            log.problem("GeoIP: " + file + " is not a readable MaxMind DB (" + e.getMessage() + "); ignored");
            return null;
        }
    }

    /** {@code CC (City)}, {@code CC}, or "". */
    public String location(InetAddress address) {
        if (city == null) {
            return "";
        }
        String cached = locations.get(address);
        if (cached != null) {
            return cached;
        }
        Map<?, ?> r = lookup(city, address);
        String cc = text(r, "country", "iso_code");
        if (cc.isEmpty()) {
            cc = text(r, "country_code");
        }
        String name = text(r, "city", "names", "en");
        String loc = name.isEmpty() ? cc : cc + " (" + name + ")";
        if (locations.size() >= CACHE_ENTRIES) {
            locations.clear();
        }
        locations.put(address, loc);
        return loc;
    }

    /** {@code ASN <n> (<organisation>)}, or "" when the address has no AS number. */
    public String asn(InetAddress address) {
        if (asn == null) {
            return "";
        }
        Map<?, ?> r = lookup(asn, address);
        String n = text(r, "autonomous_system_number");
        if (n.isEmpty() || n.equals("0")) {
            return "";
        }
        return "ASN " + n + " (" + text(r, "autonomous_system_organization") + ")";
    }

    public long failures() {
        return failures;
    }

    private Map<?, ?> lookup(Reader db, InetAddress address) {
        try {
            return db.get(address, Map.class);
        } catch (IOException | RuntimeException e) {
            failures++;
            return null;
        }
    }

    /** The value at a path of nested maps as text, or "". */
    static String text(Map<?, ?> m, String... path) {
        Object v = m;
        for (String key : path) {
            if (!(v instanceof Map<?, ?> map)) {
                return "";
            }
            v = map.get(key);
        }
        return v == null || v instanceof Map || v instanceof Iterable ? "" : v.toString();
    }

    @Override
    public void close() throws IOException {
        if (city != null) {
            city.close();
        }
        if (asn != null) {
            asn.close();
        }
    }
}
