package io.netcap.cli;

import io.netcap.decoder.AppDecoding;
import io.netcap.engine.SoftwareFindings;
import io.netcap.engine.config.CaptureConfig;
import io.netcap.types.RecordType;
import io.netcap.types.Software;
import io.netcap.vuln.Exploits;
import io.netcap.vuln.SoftwareLookup;
import io.netcap.vuln.Vulnerabilities;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A capture's Vulnerability and Exploit records: every Software record it writes is looked up in the indexes
 * that {@code net util -index} built in the database directory (docs/enrichment.md, "Vulnerabilities and
 * exploits"). Off when neither record type is selected or neither index exists.
 */
final class SoftwareVulnerabilities implements SoftwareFindings, Closeable {
    private final Vulnerabilities vulnerabilities;
    private final Exploits exploits;
    private final SoftwareLookup lookup;

    private SoftwareVulnerabilities(Vulnerabilities vulnerabilities, Exploits exploits) {
        this.vulnerabilities = vulnerabilities;
        this.exploits = exploits;
        this.lookup = new SoftwareLookup(vulnerabilities, exploits);
    }

    /** The lookup of this capture, or null when it is off; one line on {@code err} says which indexes it uses. */
    static SoftwareVulnerabilities open(CaptureConfig config, PrintStream err) throws IOException {
        boolean v = config.recordTypes().contains(RecordType.Vulnerability);
        boolean x = config.recordTypes().contains(RecordType.Exploit);
        if (!v && !x || !config.recordTypes().contains(RecordType.Software)) {
            return null;
        }
        Path dbs = config.resolvers().dbs();
        Vulnerabilities nvd = v ? Vulnerabilities.open(dbs) : null;
        Exploits edb = x ? Exploits.open(dbs) : null;
        if (nvd == null && edb == null) {
            return null; // no index built: nothing to say, like the other optional databases
        }
        if (!config.quiet()) {
            err.println("vulnerabilities: " + (nvd != null ? "NVD index" : "") + (nvd != null && edb != null ? " and " : "")
                    + (edb != null ? "exploit-db index" : "") + " in " + dbs);
        }
        return new SoftwareVulnerabilities(nvd, edb);
    }

    @Override
    public void found(Software software, AppDecoding.Sink out) {
        lookup.onSoftware(software, r -> out.accept(RecordType.Vulnerability, r), r -> out.accept(RecordType.Exploit, r));
    }

    /** Lookups that failed (a damaged index). */
    long failures() {
        return lookup.failures();
    }

    @Override
    public void close() throws IOException {
        try (Vulnerabilities a = vulnerabilities; Exploits b = exploits) {
            // closes both
        }
    }
}
