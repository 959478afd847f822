package io.netcap.decoder.service;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One {@code match} or {@code softmatch} line of {@code nmap-service-probes}:
 * {@code match <service> m|<regex>|[is] [p/<product>/] [v/<version>/] [i/<info>/] [h/<host>/] [o/<os>/]
 * [d/<device>/] [cpe:/<cpe>/[a]]}. The regex is compiled on first use (most are never tried: see
 * {@link ServiceProbes}); one that Java cannot compile is remembered as such.
 *
 * @param ident    {@code <probe name>-<n>}: the probe the line belongs to and its index among the probe's lines
 * @param service  nmap's service name, e.g. {@code ftp}: the line's category
 * @param soft     a {@code softmatch}: names the service, carries no version
 * @param fields   the templates by letter ({@code p v i h o d}); {@code cpe} holds the first CPE
 */
record ServiceMatch(String ident, String service, boolean soft, String regex, String options,
                    Map<String, String> fields, Compiled compiled) {

    /** The lazily compiled pattern, shared by the workers (a race compiles twice, harmlessly). */
    static final class Compiled {
        private volatile Pattern pattern;
        private volatile boolean failed;

        Pattern get(ServiceMatch m, ServiceCounters counters) {
            Pattern p = pattern;
            if (p != null || failed) {
                return p;
            }
            try {
                p = PcreTranslation.compile(m.regex, m.options);
                pattern = p;
                return p;
            } catch (RuntimeException | StackOverflowError e) {
                failed = true;
                counters.uncompilable(m.ident);
                return null;
            }
        }
    }

    /** The compiled regex, or null when Java cannot compile it (counted once). */
    Pattern pattern(ServiceCounters counters) {
        return compiled.get(this, counters);
    }

    String field(String letter) {
        return fields.getOrDefault(letter, "");
    }
}
