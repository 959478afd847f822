package io.netcap.decoder.resolve;

import io.netcap.decoder.dpi.Dpi;
import io.netcap.decoder.flow.ProfileEnrichment;
import io.netcap.decoder.service.HostNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The resolvers a capture uses, each loaded once from the database directory (docs/enrichment.md). A
 * missing or unreadable database leaves its fields empty and is reported as one line; it never fails
 * the capture.
 */
public final class Resolvers implements ProfileEnrichment, AutoCloseable {
    private final MacVendors macs;
    private final GeoLocations geo;
    private final LocalHosts hosts;
    private final Ja3Descriptions ja3;
    /** The DPI of the capture, whose protocol names profiles carry; null without {@code -dpi}. */
    private Dpi dpi;

    Resolvers(MacVendors macs, GeoLocations geo, LocalHosts hosts, Ja3Descriptions ja3) {
        this.macs = macs;
        this.geo = geo;
        this.hosts = hosts;
        this.ja3 = ja3;
    }

    /** No resolver at all. */
    public static Resolvers none() {
        return new Resolvers(null, null, null, null);
    }

    /**
     * Loads the databases whose results profiles carry: MAC vendors ({@code -macDB}), GeoIP ({@code -geoDB}),
     * JA3/JA3S descriptions ({@code -ja3DB}) and the local hosts file ({@code -local-dns}, or whenever the file
     * exists). Service names are loaded on their own ({@link #services}).
     */
    public static Resolvers open(ResolverConfig c, Log log) {
        if (!c.macDB() && !c.geoDB() && !c.ja3DB() && !c.readsHosts()) {
            return none();
        }
        if (!Files.isDirectory(c.dbs())) {
            log.problem("resolvers: no database directory " + c.dbs() + " (set " + ResolverConfig.CONFIG_ROOT_VARIABLE
                    + "; net util -generate-dbs fills it): MAC vendors, geolocation and JA3 descriptions stay empty");
            return none();
        }
        try {
            MacVendors macs = null;
            if (c.macDB()) {
                macs = MacVendors.load(c.dbs(), log);
                if (macs == null) {
                    log.problem("MAC vendors: no " + MacVendors.MACADDRESS_IO + " or " + String.join(", ", MacVendors.IEEE_FILES)
                            + " in " + c.dbs() + "; manufacturers stay empty");
                }
            }
            GeoLocations geo = c.geoDB() ? GeoLocations.load(c.dbs(), log) : null;
            LocalHosts hosts = c.readsHosts() ? LocalHosts.load(c.dbs(), log) : null;
            return new Resolvers(macs, geo, hosts, c.ja3DB() ? ja3(c.dbs(), log) : null);
        } catch (IOException e) {
            log.problem("resolvers: reading " + c.dbs() + " failed (" + e.getMessage() + "); enrichment stays empty");
            return none();
        }
    }

    /**
     * The source of {@code Service.Hostname} (docs/enrichment.md, "Reverse DNS"): reverse DNS through the system's
     * resolver with {@code -reverse-dns}, else the {@code hosts} file with {@code -local-dns} (only the flag: for
     * services the original does not read the file just because it exists), else none.
     */
    public static HostNames hostNames(ResolverConfig c, Log log) {
        if (c.reverseDns()) {
            ReverseDns dns = ReverseDns.system();
            log.line("reverse DNS: server names from the system's resolver, " + ReverseDns.TIMEOUT_NANOS / 1_000_000_000L
                    + " s per lookup, private addresses not looked up");
            return hostNames(dns);
        }
        if (!c.localDns()) {
            return HostNames.NONE;
        }
        try {
            LocalHosts hosts = LocalHosts.load(c.dbs(), log);
            return hosts == null ? HostNames.NONE : hosts::name;
        } catch (IOException e) {
            log.problem("local DNS: reading " + c.dbs() + " failed (" + e.getMessage() + "); host names stay empty");
            return HostNames.NONE;
        }
    }

    /** {@code dns} as the Service records' host name source. */
    public static HostNames hostNames(ReverseDns dns) {
        return new HostNames() {
            @Override
            public String name(String ip) {
                return dns.names(ip);
            }

            @Override
            public void prefetch(String ip) {
                dns.prefetch(ip);
            }

            @Override
            public java.util.Map<String, Long> stats() {
                return dns.stats();
            }

            @Override
            public void close() {
                dns.close();
            }
        };
    }

    /** The JA3/JA4 descriptions of a database directory, or null (one line said why). */
    public static Ja3Descriptions ja3(Path dbs, Log log) {
        try {
            return Ja3Descriptions.load(dbs, log);
        } catch (IOException e) {
            log.problem("JA3/JA4: reading " + dbs + " failed (" + e.getMessage() + ")");
            return null;
        }
    }

    /** The service names of a database directory, else of {@code services} (services(5)), or null. */
    public static ServiceNames services(Path dbs, Path services, Log log) {
        try {
            return ServiceNames.load(dbs, services, log);
        } catch (IOException e) {
            log.problem("service names: reading failed (" + e.getMessage() + ")");
            return null;
        }
    }

    @Override
    public String manufacturer(long mac48) {
        return macs == null ? "" : macs.manufacturer(mac48);
    }

    @Override
    public String geolocation(byte[] address, String text) {
        if (geo == null) {
            return "";
        }
        try {
            return geo.location(InetAddress.getByAddress(address));
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e); // 4 or 16 bytes always make an address
        }
    }

    /** Names the DPI protocols of the profiles through {@code dpi}. */
    public Resolvers withDpi(Dpi dpi) {
        this.dpi = dpi;
        return this;
    }

    @Override
    public String protocolName(long protocol) {
        return dpi == null ? "" : dpi.protocolName(protocol);
    }

    @Override
    public String categoryName(long protocol) {
        return dpi == null ? "" : dpi.categoryName(protocol);
    }

    @Override
    public String localName(String text) {
        return hosts == null ? "" : hosts.name(text);
    }

    @Override
    public String ja3Description(String hash) {
        return ja3 == null ? "" : ja3.ja3(hash);
    }

    @Override
    public void close() throws IOException {
        if (geo != null) {
            geo.close();
        }
    }
}
