package io.netcap.vuln;

import io.netcap.types.Exploit;
import io.netcap.types.Software;
import io.netcap.types.Vulnerability;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Turns Software records into Vulnerability and Exploit records (docs/enrichment.md, "Vulnerabilities and
 * exploits"): every software with a version is looked up once per product and version; each CVE and each
 * exploit is written once per capture, carrying the software that found it and its time. A failing lookup
 * is counted, never thrown. Thread-safe.
 */
public final class SoftwareLookup {
    private final Vulnerabilities vulnerabilities;
    private final Exploits exploits;
    private final Set<String> looked = ConcurrentHashMap.newKeySet();
    private final Set<String> written = ConcurrentHashMap.newKeySet();
    private final AtomicLong failures = new AtomicLong();

    /** Either index may be null (not built): its records are then not written. */
    public SoftwareLookup(Vulnerabilities vulnerabilities, Exploits exploits) {
        this.vulnerabilities = vulnerabilities;
        this.exploits = exploits;
    }

    /**
     * A new Software record: its new CVEs go to {@code vulnerabilityOut}, its new exploits to {@code exploitOut};
     * without version or product nothing is looked up.
     */
    public void onSoftware(Software s, Consumer<Vulnerability> vulnerabilityOut, Consumer<Exploit> exploitOut) {
        if (s.getVersion().isBlank() || s.getProduct().isBlank()
                || !looked.add(s.getVendor() + "\n" + s.getProduct() + "\n" + s.getVersion())) {
            return;
        }
        try {
            if (vulnerabilities != null) {
                for (Vulnerability v : vulnerabilities.of(s.getVendor(), s.getProduct(), s.getVersion())) {
                    if (written.add("CVE " + v.getID())) {
                        vulnerabilityOut.accept(v.toBuilder().setTimestamp(s.getTimestamp()).setSoftware(s).build());
                    }
                }
            }
            if (exploits != null) {
                for (Exploit e : exploits.of(s.getVendor(), s.getProduct(), s.getVersion())) {
                    if (written.add("EDB " + e.getID())) {
                        exploitOut.accept(e.toBuilder().setTimestamp(s.getTimestamp()).setSoftware(s).build());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            failures.incrementAndGet();
        }
    }

    /** Lookups that failed (a damaged index). */
    public long failures() {
        return failures.get();
    }
}
