package io.netcap.vuln;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads NVD CVE feeds in both formats NVD has published, plain or gzipped: the JSON 1.1 data feeds
 * ({@code nvdcve-1.1-2020.json}, array {@code CVE_Items}) and the CVE API 2.0 answers (array
 * {@code vulnerabilities}, what NVD offers since the 1.1 feeds were retired). Items are streamed one at a
 * time, so a feed of any size is read in little memory. An item without ID is counted and skipped.
 */
final class NvdFeed {
    /** One CVE: the fields of a Vulnerability record and the versions its CPE matches name. */
    record Cve(String id, String description, String severity, String v2Score, String accessVector,
               List<VersionRange> versions) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private NvdFeed() {}

    /** Hands every CVE of {@code file} to {@code out}; returns the number of items skipped. */
    static long read(Path file, Consumer<Cve> out) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             JsonParser p = JSON.createParser(in)) {
            long skipped = 0;
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME
                        && (p.currentName().equals("CVE_Items") || p.currentName().equals("vulnerabilities"))) {
                    boolean api = p.currentName().equals("vulnerabilities");
                    if (p.nextToken() != JsonToken.START_ARRAY) {
                        continue;
                    }
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode item = JSON.readTree(p);
                        Cve c = api ? api(item.path("cve")) : feed11(item);
                        if (c == null) {
                            skipped++;
                        } else {
                            out.accept(c);
                        }
                    }
                }
            }
            return skipped;
        }
    }

    /** An item of the 1.1 feeds. */
    static Cve feed11(JsonNode item) {
        String id = item.path("cve").path("CVE_data_meta").path("ID").asText("");
        if (id.isEmpty()) {
            return null;
        }
        String description = english(item.path("cve").path("description").path("description_data"));
        JsonNode v2 = item.path("impact").path("baseMetricV2");
        List<VersionRange> versions = new ArrayList<>();
        cpeMatches(item.path("configurations").path("nodes"), "cpe_match", "cpe23Uri", versions);
        return new Cve(id, description, v2.path("severity").asText(""), number(v2.path("cvssV2").path("baseScore")),
                v2.path("cvssV2").path("accessVector").asText(""), versions);
    }

    /** The {@code cve} object of a CVE API 2.0 answer. */
    static Cve api(JsonNode cve) {
        String id = cve.path("id").asText("");
        if (id.isEmpty()) {
            return null;
        }
        JsonNode v2 = cve.path("metrics").path("cvssMetricV2").path(0);
        List<VersionRange> versions = new ArrayList<>();
        for (JsonNode config : cve.path("configurations")) {
            cpeMatches(config.path("nodes"), "cpeMatch", "criteria", versions);
        }
        return new Cve(id, english(cve.path("descriptions")), v2.path("baseSeverity").asText(""),
                number(v2.path("cvssData").path("baseScore")), v2.path("cvssData").path("accessVector").asText(""),
                versions);
    }

    private static String english(JsonNode descriptions) {
        for (JsonNode d : descriptions) {
            if (d.path("lang").asText("").equals("en")) {
                return d.path("value").asText("");
            }
        }
        return descriptions.path(0).path("value").asText("");
    }

    private static String number(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? "" : n.asText();
    }

    /** The vulnerable CPE matches of configuration nodes (children too): product and version or range. */
    private static void cpeMatches(JsonNode nodes, String array, String uri, List<VersionRange> out) {
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode node : nodes) {
            for (JsonNode m : node.path(array)) {
                if (!m.path("vulnerable").asBoolean(true)) {
                    continue;
                }
                // cpe:2.3:a:openbsd:openssh:7.4:*:*:*:*:*:*:*
                String[] cpe = m.path(uri).asText("").split(":", -1);
                if (cpe.length < 6) {
                    continue;
                }
                String version = cpe[5].equals("*") || cpe[5].equals("-") ? "" : cpe[5].replace("\\", "");
                if (!version.isEmpty() && cpe.length > 6 && !cpe[6].equals("*") && !cpe[6].equals("-")) {
                    version += cpe[6]; // the CPE's update: openssh 9.3 p1 is "9.3p1", as servers announce it
                }
                VersionRange r = new VersionRange(cpe[4], version, m.path("versionStartIncluding").asText(""),
                        m.path("versionStartExcluding").asText(""), m.path("versionEndIncluding").asText(""),
                        m.path("versionEndExcluding").asText(""));
                if (seen.add(r.encode())) {
                    out.add(r);
                }
            }
            cpeMatches(node.path("children"), array, uri, out);
        }
    }
}
