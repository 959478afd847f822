package io.netcap.decoder.stream.software;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * User-Agent parsing with the uap-core database ({@code regexes.yaml}, the file the original's uap-go reads),
 * as uap-core's specification describes it: the first matching rule of each of the three lists gives the
 * browser (family, major, minor, patch), the operating system and the device; a replacement text stands for
 * its group, with {@code $1}..{@code $9} substituted; without a match the family is {@code Other}.
 */
public final class UserAgentParser {
    /** Longer User-Agent texts are cut before matching: some rules backtrack a lot on crafted input. */
    static final int MAX_USER_AGENT = 512;
    public static final Path DEBIAN_PATH = Path.of("/usr/share/uap-core/regexes.yaml");

    /** The parsed parts; {@code family} is {@code Other} when no rule matched, absent parts are empty. */
    public record Part(String family, String major, String minor, String patch, String patchMinor) {
        static final Part OTHER = new Part("Other", "", "", "", "");
    }

    public record Result(Part userAgent, Part os, Part device) {}

    private record Rule(Pattern regex, String[] replacements) {}

    private final List<Rule> userAgents;
    private final List<Rule> oses;
    private final List<Rule> devices;
    private final int skipped;

    private UserAgentParser(List<Rule> userAgents, List<Rule> oses, List<Rule> devices, int skipped) {
        this.userAgents = userAgents;
        this.oses = oses;
        this.devices = devices;
        this.skipped = skipped;
    }

    /** Reads a {@code regexes.yaml}; rules whose regex Java cannot compile are skipped and counted. */
    public static UserAgentParser load(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        Object root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(options)).load(r);
        } catch (RuntimeException e) { // snakeyaml reports syntax errors unchecked
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> m)) {
            throw new IOException(file + ": not a uap-core regexes file");
        }
        int[] skipped = new int[1];
        return new UserAgentParser(
                rules(m.get("user_agent_parsers"), skipped, "family_replacement", "v1_replacement", "v2_replacement",
                        "v3_replacement", "v4_replacement"),
                rules(m.get("os_parsers"), skipped, "os_replacement", "os_v1_replacement", "os_v2_replacement",
                        "os_v3_replacement", "os_v4_replacement"),
                rules(m.get("device_parsers"), skipped, "device_replacement"),
                skipped[0]);
    }

    private static List<Rule> rules(Object list, int[] skipped, String... replacementKeys) {
        List<Rule> out = new ArrayList<>();
        if (!(list instanceof List<?> entries)) {
            return out;
        }
        for (Object o : entries) {
            if (!(o instanceof Map<?, ?> e) || !(e.get("regex") instanceof String regex)) {
                skipped[0]++;
                continue;
            }
            int flags = "i".equals(e.get("regex_flag")) ? Pattern.CASE_INSENSITIVE : 0;
            String[] replacements = new String[replacementKeys.length];
            for (int i = 0; i < replacementKeys.length; i++) {
                Object v = e.get(replacementKeys[i]);
                replacements[i] = v == null ? null : v.toString();
            }
            try {
                out.add(new Rule(Pattern.compile(regex, flags), replacements));
            } catch (PatternSyntaxException ex) {
                skipped[0]++;
            }
        }
        return out;
    }

    /** Rules left out because Java's regex syntax differs from the database's. */
    public int skippedRules() {
        return skipped;
    }

    public Result parse(String userAgent) {
        String ua = userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT) : userAgent;
        return new Result(match(userAgents, ua, 5), match(oses, ua, 5), match(devices, ua, 1));
    }

    /** The first matching rule's parts: replacement i (with groups substituted) or else group i + 1. */
    private static Part match(List<Rule> rules, String ua, int parts) {
        for (Rule r : rules) {
            Matcher m = r.regex.matcher(ua);
            if (!m.find()) {
                continue;
            }
            String[] p = new String[5];
            for (int i = 0; i < 5; i++) {
                String rep = i < parts ? r.replacements[i] : null;
                p[i] = i >= parts ? "" : rep != null ? substitute(rep, m) : group(m, i + 1).strip();
            }
            return new Part(p[0].isEmpty() ? "Other" : p[0], p[1], p[2], p[3], p[4]);
        }
        return Part.OTHER;
    }

    private static String group(Matcher m, int g) {
        String s = g <= m.groupCount() ? m.group(g) : null;
        return s == null ? "" : s;
    }

    private static String substitute(String replacement, Matcher m) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '$' && i + 1 < replacement.length() && replacement.charAt(i + 1) >= '1'
                    && replacement.charAt(i + 1) <= '9') {
                sb.append(group(m, replacement.charAt(++i) - '0'));
            } else {
                sb.append(c);
            }
        }
        return sb.toString().strip();
    }
}
