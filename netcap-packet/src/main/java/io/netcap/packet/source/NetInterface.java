package io.netcap.packet.source;

import java.util.List;

/**
 * A network interface of this host, as {@code net capture -interfaces} lists it.
 *
 * @param index        the operating system's interface index
 * @param name         interface name (what {@code -iface} takes)
 * @param flags        Go-style flag words: up, broadcast, loopback, pointtopoint, multicast
 * @param hardwareAddr MAC address as {@code aa:bb:cc:dd:ee:ff}, or "" when it has none
 * @param mtu          MTU, or -1 when unknown
 * @param addresses    addresses with prefix length, e.g. {@code 127.0.0.1/8}
 * @param description  libpcap's description, or ""
 */
public record NetInterface(int index, String name, List<String> flags, String hardwareAddr, int mtu,
                           List<String> addresses, String description) {

    /** Flags joined as Go prints {@code net.Flags}: {@code up|broadcast|multicast}. */
    public String flagsString() {
        return String.join("|", flags);
    }
}
