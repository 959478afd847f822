package io.netcap.decoder.stream.software;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.types.Software;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Software records from what the stream parsers see (docs/enrichment.md, "Software"): SSH identification
 * lines and HASSH lookups, HTTP {@code User-Agent}, {@code Server}, {@code X-Powered-By} and CMS fingerprints,
 * mail {@code User-Agent} and {@code X-Mailer}, split as the original splits them.
 * Each distinct product and version becomes one record at the end of the capture ({@link SoftwareStore}).
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
    /** Header values are matched on this many characters at most: some rules backtrack on crafted input. */
    static final int MAX_HEADER = 512;
    /** The original's generic version pattern, with which it splits an {@code X-Mailer} value (Go's {@code (?m)}). */
    static final Pattern GENERIC_VERSION = Pattern.compile("^(.*?)(\\d+)\\.(\\d+)\\.(\\d+)(.*?)$",
            Pattern.MULTILINE | Pattern.UNIX_LINES);

    private SoftwareRecords() {}

    /** An SSH identification line of the client or the server; {@code SourceData} is the server's line. */
    public static void sshIdent(StreamEnv env, Conversation c, String ident, boolean client, String serverIdent) {
        if (!env.software().enabled() || ident.isEmpty()) {
            return;
        }
        Matcher m = SSH_IDENT.matcher(ident);
        if (m.find()) {
            offer(env, c, Software.newBuilder()
                    .setProduct(m.group(2))
                    .setVersion(m.group(3))
                    .setSourceName(client ? "SSH client Ident" : "SSH server Ident")
                    .setService("SSH")
                    .setNotes("SSH version: " + m.group(1) + " OS: " + m.group(4))
                    .setSourceData(serverIdent)
                    .build(), false);
        }
    }

    /**
     * The HASSH of one side's KEXINIT looked up in the original's database: one sighting per listed candidate,
     * stamped and identified by the conversation, whichever side sent it, as the original does.
     */
    public static void hassh(StreamEnv env, Conversation c, String hassh) {
        SoftwareStore store = env.software();
        if (!store.enabled() || store.hassh() == null) {
            return;
        }
        for (HasshDb.Candidate k : store.hassh().candidates(hassh)) {
            offer(env, c, Software.newBuilder()
                    .setProduct(k.product())
                    .setVersion(k.version())
                    .setSourceName("HASSH Lookup")
                    .setSourceData(hassh)
                    .setService("SSH")
                    // the original's text, without a space before "SSH Version"
                    .setNotes("Likelihood: " + k.likelihood() + " Possible OS: " + k.os() + "SSH Version: " + k.sshVersion())
                    .build(), false);
        }
    }

    /**
     * A mail's {@code User-Agent} and {@code X-Mailer} header fields ("" when absent), seen in a message of
     * {@code origin} ({@code SMTP}, {@code POP3}, {@code IMAP}) written at {@code tsNanos} (the Mail record's).
     */
    public static void mail(StreamEnv env, Conversation c, String origin, String userAgent, String xMailer, long tsNanos) {
        SoftwareStore store = env.software();
        if (!store.enabled()) {
            return;
        }
        if (!userAgent.isEmpty() && store.userAgents() != null) {
            offer(env, c, store.parsed("Mail UserAgent " + origin, userAgent, () -> fromUserAgent(store.userAgents(),
                    userAgent).map(s -> s.toBuilder().setSourceName("Mail UserAgent").setService(origin).build())),
                    false, tsNanos);
        }
        if (!xMailer.isEmpty()) {
            offer(env, c, store.parsed("X-Mailer " + origin, xMailer, () -> xMailer(xMailer, origin)), false, tsNanos);
        }
    }

    /** The original's split of {@code X-Mailer} by the generic version pattern; empty without an x.y.z version. */
    static Optional<Software> xMailer(String value, String origin) {
        Matcher m = GENERIC_VERSION.matcher(cut(value));
        if (!m.find()) {
            return Optional.empty();
        }
        String before = m.group(1);
        return Optional.of(Software.newBuilder()
                .setProduct(before.strip())
                .setVendor(before.split(" ", -1)[0])
                .setVersion(m.group().substring(before.length()))
                .setSourceName("X-Mailer")
                .setService(origin)
                .build());
    }

    /**
     * CMS and framework fingerprints on a response's header fields and {@code Set-Cookie} cookies (name, value
     * pairs; docs/enrichment.md, "Software").
     */
    public static void cms(StreamEnv env, Conversation c, java.util.List<String[]> headers,
                           java.util.List<String[]> cookies) {
        SoftwareStore store = env.software();
        if (!store.enabled() || store.cms() == null) {
            return;
        }
        CmsDb.Match m = store.cms().match(headers, cookies);
        if (m != null) {
            offer(env, c, Software.newBuilder().setProduct(m.product()).setWebsite(m.website())
                    .setSourceName(m.sourceName()).setSourceData(m.sourceData()).setService("HTTP").build(), true);
        }
    }

    private static String cut(String value) {
        return value.length() > MAX_HEADER ? value.substring(0, MAX_HEADER) : value;
    }

    /**
     * A request's {@code User-Agent} (empty when absent); false when the table was full (then each sighting is
     * counted), else the same value offered again from {@code c} changes nothing.
     */
    public static boolean userAgent(StreamEnv env, Conversation c, String userAgent) {
        SoftwareStore store = env.software();
        if (!store.enabled() || store.userAgents() == null || blank(userAgent)) {
            return true;
        }
        return offer(env, c, store.parsed("User-Agent", userAgent, () -> fromUserAgent(store.userAgents(), userAgent)),
                true);
    }

    /** The original's fields from uap-core's parts: browser family as vendor, device family as product. */
    static Optional<Software> fromUserAgent(UserAgentParser parser, String userAgent) {
        UserAgentParser.Result r = parser.parse(userAgent);
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
            return Optional.empty();
        }
        UserAgentParser.Part os = r.os();
        String notes = " " + ua.family() + " " + ua.major() + " " + ua.minor() + " " + ua.patch()
                + " " + os.family() + " " + os.major() + " " + os.minor() + " " + os.patch() + " " + os.patchMinor()
                + " " + r.device().family();
        return Optional.of(http(userAgent, "UserAgent").setProduct(product).setVendor(vendor).setVersion(version)
                .setNotes(notes).setOS("Other".equals(os.family()) ? "" : os.family()).build());
    }

    /** A response's {@code Server} and {@code X-Powered-By} (empty when absent); false as {@link #userAgent}. */
    public static boolean server(StreamEnv env, Conversation c, String server, String poweredBy) {
        SoftwareStore store = env.software();
        if (!store.enabled()) {
            return true;
        }
        boolean kept = true;
        if (!blank(server)) {
            kept = offer(env, c, store.parsed("Server", server, () -> split(SERVER, server, "ServerName", true)), true);
        }
        if (!blank(poweredBy)) {
            kept &= offer(env, c, store.parsed("X-Powered-By", poweredBy,
                    () -> split(POWERED_BY, poweredBy, "X-Powered-By", false)), true);
        }
        return kept;
    }

    private static Optional<Software> split(Pattern p, String value, String sourceName, boolean os) {
        Matcher m = p.matcher(value);
        if (!m.find()) {
            return Optional.empty();
        }
        Software.Builder b = http(value, sourceName).setProduct(nz(m.group(1))).setVersion(nz(m.group(2)));
        return Optional.of((os ? b.setOS(nz(m.group(3))) : b).build());
    }

    private static Software.Builder http(String value, String sourceName) {
        return Software.newBuilder().setSourceName(sourceName).setSourceData(value).setService("HTTP");
    }

    private static void offer(StreamEnv env, Conversation c, Software s, boolean mergeFlows) {
        offer(env, c, new SoftwareStore.Parsed(s), mergeFlows);
    }

    /**
     * A sighting in conversation {@code c} (none when null), at its first client byte as the original stamps it
     * (its first packet when the client sent nothing); its record is built only if it is the earliest. False when
     * the table was full.
     */
    private static boolean offer(StreamEnv env, Conversation c, SoftwareStore.Parsed p, boolean mergeFlows) {
        return p == null || offer(env, c, p, mergeFlows, sightingTime(c));
    }

    /** The time a sighting in {@code c} is stamped with. */
    public static long sightingTime(Conversation c) {
        return c.firstClientNanos() >= 0 ? c.firstClientNanos() : c.firstSeenNanos();
    }

    /** False when the table was full. */
    private static boolean offer(StreamEnv env, Conversation c, SoftwareStore.Parsed p, boolean mergeFlows, long ts) {
        if (p != null && env.software().offer(p, ts, c.ident(), mergeFlows) == SoftwareStore.Sighting.FULL) {
            env.errors().error(TABLE_FULL, c, "software table full: " + p.software().getProduct() + " dropped");
            return false;
        }
        return true;
    }

    /** The original skips empty values and a single space. */
    private static boolean blank(String v) {
        return v == null || v.isEmpty() || v.equals(" ");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
