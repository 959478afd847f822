package io.netcap.decoder.stream.software;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.types.RecordType;
import io.netcap.types.Software;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Software records from what the stream parsers see (docs/enrichment.md, "Software"): SSH identification
 * lines, HTTP {@code User-Agent}, {@code Server} and {@code X-Powered-By}, split as the original splits them.
 * Each distinct product and version is written once per capture ({@link SoftwareStore}).
 */
public final class SoftwareRecords {
    public static final String TABLE_FULL = "SOFTWARE_TABLE_FULL";
    /** The original's split of an identification line (RFC 4253 4.2 {@code SSH-protoversion-softwareversion}). */
    static final Pattern SSH_IDENT = Pattern.compile(
            "^(SSH-[0-9]\\.?[0-9]?)-(.*\\w*)_([0-9]\\.[0-9]?\\.?\\p{Alnum}?\\p{Alnum}?)\\s?(\\p{Alnum}*)");
    static final Pattern SERVER = Pattern.compile("(.*?)(?:/(.*?))?(?:\\s*?)(?:\\((.*?)\\))?$");
    static final Pattern POWERED_BY = Pattern.compile("(.*?)(?:(?:\\s|/)(.*?))?$");
    /** The original stores versions longer than this cut, with {@code ...}. */
    static final int MAX_VERSION = 15;

    private SoftwareRecords() {}

    /** An SSH identification line of the client or the server; {@code SourceData} is the server's line. */
    public static void sshIdent(StreamEnv env, Conversation c, String ident, boolean client, String serverIdent) {
        if (!env.software().enabled() || ident.isEmpty()) {
            return;
        }
        Matcher m = SSH_IDENT.matcher(ident);
        if (!m.find()) {
            return;
        }
        offer(env, c, Software.newBuilder()
                .setTimestamp(c.firstClientNanos())
                .setProduct(m.group(2))
                .setVersion(m.group(3))
                .setSourceName(client ? "SSH client Ident" : "SSH server Ident")
                .setService("SSH")
                .addFlows(c.ident())
                .setNotes("SSH version: " + m.group(1) + " OS: " + m.group(4))
                .setSourceData(serverIdent));
    }

    /** A request's {@code User-Agent} (null when absent). */
    public static void userAgent(StreamEnv env, Conversation c, String userAgent) {
        SoftwareStore store = env.software();
        if (!store.enabled() || store.userAgents() == null || blank(userAgent) || !first(env, c, "UA", userAgent)) {
            return;
        }
        UserAgentParser.Result r = store.userAgents().parse(userAgent);
        UserAgentParser.Part ua = r.userAgent();
        String vendor = "Other".equals(ua.family()) ? "" : ua.family();
        String version = ua.major();
        if (!ua.minor().isEmpty()) {
            version += "." + ua.minor();
        }
        if (!ua.patch().isEmpty()) {
            version += "." + ua.patch();
        }
        String product = "Other".equals(r.device().family()) ? "" : r.device().family();
        if (product.isEmpty() && vendor.isEmpty() && version.isEmpty()) {
            return;
        }
        UserAgentParser.Part os = r.os();
        String notes = " " + ua.family() + " " + ua.major() + " " + ua.minor() + " " + ua.patch()
                + " " + os.family() + " " + os.major() + " " + os.minor() + " " + os.patch() + " " + os.patchMinor()
                + " " + r.device().family();
        offer(env, c, http(c, userAgent, "UserAgent").setProduct(product).setVendor(vendor).setVersion(version)
                .setNotes(notes).setOS("Other".equals(os.family()) ? "" : os.family()));
    }

    /** A response's {@code Server} and {@code X-Powered-By} (null when absent). */
    public static void server(StreamEnv env, Conversation c, String server, String poweredBy) {
        if (!env.software().enabled()) {
            return;
        }
        if (!blank(server) && first(env, c, "Server", server)) {
            Matcher m = SERVER.matcher(server);
            if (m.find()) {
                offer(env, c, http(c, server, "ServerName").setProduct(nz(m.group(1))).setVersion(nz(m.group(2)))
                        .setOS(nz(m.group(3))));
            }
        }
        if (!blank(poweredBy) && first(env, c, "X-Powered-By", poweredBy)) {
            Matcher m = POWERED_BY.matcher(poweredBy);
            if (m.find()) {
                offer(env, c, http(c, poweredBy, "X-Powered-By").setProduct(nz(m.group(1)))
                        .setVersion(nz(m.group(2))));
            }
        }
    }

    private static Software.Builder http(Conversation c, String value, String sourceName) {
        return Software.newBuilder().setTimestamp(c.firstClientNanos()).setSourceName(sourceName)
                .setSourceData(value).setService("HTTP").addFlows(c.ident());
    }

    private static boolean first(StreamEnv env, Conversation c, String source, String value) {
        SoftwareStore.Sighting s = env.software().firstSighting(source, value);
        if (s == SoftwareStore.Sighting.FULL) {
            env.errors().error(TABLE_FULL, c, "software table full: " + source + " not harvested");
        }
        return s == SoftwareStore.Sighting.NEW;
    }

    /** Writes the record when its product and version are new to the capture. */
    static void offer(StreamEnv env, Conversation c, Software.Builder s) {
        SoftwareStore.Sighting k = env.software().add(s.getProduct(), s.getVersion());
        if (k == SoftwareStore.Sighting.FULL) {
            env.errors().error(TABLE_FULL, c, "software table full: " + s.getProduct() + " not written");
        }
        if (k != SoftwareStore.Sighting.NEW) {
            return;
        }
        if (s.getVersion().length() > MAX_VERSION) {
            s.setVersion(s.getVersion().substring(0, MAX_VERSION) + "...");
        }
        env.records().accept(RecordType.Software, s.build());
    }

    /** The original skips empty values and a single space. */
    private static boolean blank(String v) {
        return v == null || v.isEmpty() || v.equals(" ");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
