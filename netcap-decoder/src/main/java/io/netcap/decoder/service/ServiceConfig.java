package io.netcap.decoder.service;

import java.nio.file.Path;

/**
 * The Service records' settings (docs/enrichment.md, "Service").
 *
 * @param bannerSize            {@code -bsize}: server bytes kept as the banner
 * @param stopAfterMatch        {@code -stop-after-service-match}: the first matching line wins
 * @param stopAfterCategoryMiss {@code -stop-after-service-category-miss}: when the port's category has no
 *                              match, try no other lines
 * @param probes                the probe file, or null for none (no Product/Version)
 * @param maxServices           services (IP:port) kept for the capture; more are counted
 * @param maxFlows              flow identifiers kept per service; more are counted
 * @param regexBudget           charAt calls one regex may make on one banner ({@link io.netcap.decoder.BudgetedText})
 * @param bannerBudget          charAt calls all regexes together may make on one banner
 */
public record ServiceConfig(int bannerSize, boolean stopAfterMatch, boolean stopAfterCategoryMiss, Path probes,
                            int maxServices, int maxFlows, long regexBudget, long bannerBudget) {
    public static ServiceConfig defaults() {
        return new ServiceConfig(256, true, true, null, 100_000, 1_000, 1_000_000, 20_000_000);
    }

    public ServiceConfig withProbes(Path file) {
        return new ServiceConfig(bannerSize, stopAfterMatch, stopAfterCategoryMiss, file, maxServices, maxFlows,
                regexBudget, bannerBudget);
    }

    public ServiceConfig withMatching(int bannerSize, boolean stopAfterMatch, boolean stopAfterCategoryMiss) {
        return new ServiceConfig(bannerSize, stopAfterMatch, stopAfterCategoryMiss, probes, maxServices, maxFlows,
                regexBudget, bannerBudget);
    }

    public ServiceConfig withCaps(int maxServices, int maxFlows) {
        return new ServiceConfig(bannerSize, stopAfterMatch, stopAfterCategoryMiss, probes, maxServices, maxFlows,
                regexBudget, bannerBudget);
    }

    /**
     * The probe file: {@code nmap-service-probes} in the database directory (where the original keeps it),
     * else Debian's; null when neither exists.
     */
    public static Path findProbes(Path dbs) {
        Path own = dbs.resolve(ProbeFile.NAME);
        if (java.nio.file.Files.isReadable(own)) {
            return own;
        }
        return java.nio.file.Files.isReadable(ProbeFile.DEBIAN) ? ProbeFile.DEBIAN : null;
    }
}
