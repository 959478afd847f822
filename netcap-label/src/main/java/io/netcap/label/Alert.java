package io.netcap.label;

/**
 * One IDS alert, from a fast.log line or an eve.json {@code alert} event (docs/labeling.md, "Alerts").
 *
 * @param time           packet time in nanoseconds since the epoch (UTC)
 * @param proto          IP protocol in canonical form ({@link IpProtocols#canonical}): {@code TCP}, {@code UDP},
 *                       {@code ICMP}, {@code IPV6-ICMP}, ...; empty when the alert names none
 * @param srcIp          source address in the records' text form; empty when absent
 * @param srcPort        source port, or {@link #NO_PORT} for port-less protocols (ICMP)
 * @param classification the rule's classtype text ({@code Potentially Bad Traffic}); empty when it has none
 * @param signature      the rule's message
 * @param signatureId    the rule's sid (0 when unknown)
 * @param communityId    Community ID v1 of the flow ({@code 1:...}); empty when the sensor wrote none
 * @param line           line number in the alert file, for messages
 */
public record Alert(long time, String proto, String srcIp, int srcPort, String dstIp, int dstPort,
                    String classification, String signature, long signatureId, String communityId, long line) {
    /** The port of an alert whose protocol has none. */
    public static final int NO_PORT = -1;

    /** The class a record matched by this alert is labeled with: the signature with {@code -description}. */
    public String label(boolean description) {
        return description ? signature : classification;
    }
}
