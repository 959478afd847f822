package io.netcap.engine;

/**
 * What decoding reported about the current packet besides records: errors (a malformed packet is
 * always counted; with {@code -log-errors} it is also written to errors.pcap / errors.log) and layers
 * without decoder (counted; written to unknown.pcap with {@code -ignore-unknown=false}).
 */
public interface PacketOutcome {
    /** A decoding error of kind {@code kind} (the unit of counting) with a human-readable message. */
    void error(String kind, String message);

    /** A layer the parser does not know, or one without record decoder. */
    void unknown(String layer);
}
