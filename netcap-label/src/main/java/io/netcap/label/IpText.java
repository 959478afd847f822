package io.netcap.label;

import io.netcap.packet.layer.Addresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.regex.Pattern;

/**
 * An IP address literal from an alert file in the text form of the records (docs/original.md: dotted
 * IPv4, RFC 5952 IPv6, IPv4-mapped printed dotted), so that the two compare as strings. Suricata's
 * fast.log writes IPv6 fully expanded ({@code 2001:0db8:0000:...}); eve.json compressed.
 */
final class IpText {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpText() {}

    /** The records' form of an address literal, or null when the text is none (never a name lookup). */
    static String normalize(String text) {
        try {
            if (IPV4.matcher(text).matches()) {
                return Inet4Address.ofLiteral(text).getHostAddress();
            }
            if (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()) {
                InetAddress a = Inet6Address.ofLiteral(text);
                byte[] b = a.getAddress();
                return Addresses.ip(b, 0, b.length);
            }
        } catch (IllegalArgumentException e) {
            // not a literal
        }
        return null;
    }
}
