package io.netcap.cli.maltego;

import static io.netcap.cli.maltego.Transforms.IPADDR;
import static io.netcap.cli.maltego.Transforms.each;
import static io.netcap.cli.maltego.Transforms.recordFile;

import io.netcap.types.DeviceProfile;
import io.netcap.types.IPProfile;
import io.netcap.types.Protocol;
import io.netcap.types.Software;
import io.netcap.types.format.GoValues;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Set;

/** The transforms over device and IP profiles: devices of an address, software users, JA3s and DPI applications. */
final class ProfileTransforms {
    private ProfileTransforms() {}

    /** toSourceDevices: the devices that used the address, as toDevices shows them. */
    static void sourceDevices(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        Path file = recordFile(in, DeviceProfile.class);
        String ip = in.get(IPADDR).strip();
        if (ip.isEmpty()) {
            throw new Transforms.Failure("ipaddr not set");
        }
        List<DeviceProfile> all = new ArrayList<>();
        each(file, DeviceProfile.class, all::add);
        LongSummaryStatistics range = all.stream().mapToLong(DeviceProfile::getNumPackets).summaryStatistics();
        all.stream().filter(d -> d.getDeviceIPsList().contains(ip)).forEach(d -> Transforms.device(out, d, file, range));
    }

    /**
     * toIPProfilesForSoftware: the profiles of both ends of every flow of the software the input names by its
     * {@code vendor}, {@code product} and {@code version} (as toSoftwareProducts gives them).
     */
    static void softwareUsers(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        Path file = recordFile(in, Software.class);
        String vendor = in.get("vendor");
        String product = in.get("product");
        String version = in.get("version");
        if (vendor.isEmpty() && product.isEmpty() && version.isEmpty()) {
            throw new Transforms.Failure("product, vendor and version are not set in properties");
        }
        Set<String> addresses = new LinkedHashSet<>();
        each(file, Software.class, (Software s) -> {
            if (s.getVendor().equals(vendor) && s.getProduct().equals(product) && s.getVersion().equals(version)) {
                s.getFlowsList().forEach(f -> addresses.addAll(Transforms.flowAddresses(f)));
            }
        });
        Map<String, IPProfile> profiles = new LinkedHashMap<>();
        each(recordFile(in, IPProfile.class), IPProfile.class, (IPProfile p) -> profiles.put(p.getAddr(), p));
        addresses.stream().map(profiles::get).filter(p -> p != null)
                .forEach(p -> Transforms.ipProfile(out, p, file, MaltegoResponse.thickness(p.getNumPackets(), 0, 0)));
    }

    /** toJA3HashesForProfile: the JA3 hashes of the address's ClientHellos. */
    static void ja3Hashes(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        Path file = recordFile(in, IPProfile.class);
        String ip = in.get(IPADDR);
        each(file, IPProfile.class, (IPProfile p) -> {
            if (p.getAddr().equals(ip)) {
                p.getJa3HashesMap().keySet().forEach(h -> out.entity("netcap.TLSClientHello", h)
                        .property("path", "Path", file.toString()).property("ip", "IP", ip));
            }
        });
    }

    /** toApplications: the protocols DPI found for the address (capture -dpi), their packets on the link. */
    static void applications(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        Path file = recordFile(in, IPProfile.class);
        String ip = in.get(IPADDR);
        each(file, IPProfile.class, (IPProfile p) -> {
            if (p.getAddr().equals(ip)) {
                p.getProtocolsMap().forEach((name, proto) -> out.entity("netcap.Application", name)
                        .property("path", "Path", file.toString())
                        .linkLabel(proto.getPackets() + " pkts")
                        .display("Netcap Info", "<h3>Application</h3><p>Timestamp first seen: "
                                + GoValues.utc(p.getTimestampFirst()) + "</p>"));
            }
        });
    }

    /**
     * toApplicationCategories: the categories of the address's DPI protocols, the packets of each summed on the link.
     * The original asked for the address and then gave the categories of every profile, once per protocol.
     */
    static void categories(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        Path file = recordFile(in, IPProfile.class);
        String ip = in.get(IPADDR);
        if (ip.isEmpty()) {
            throw new Transforms.Failure("ipaddr property not set");
        }
        Map<String, Long> packets = new LinkedHashMap<>();
        each(file, IPProfile.class, (IPProfile p) -> {
            if (p.getAddr().equals(ip)) {
                for (Protocol proto : p.getProtocolsMap().values()) {
                    if (!proto.getCategory().isEmpty()) {
                        packets.merge(proto.getCategory(), proto.getPackets(), Long::sum);
                    }
                }
            }
        });
        packets.forEach((category, n) -> out.entity("netcap.ApplicationCategory", category)
                .property("path", "Path", file.toString())
                .property("mac", "MacAddress", in.get("mac"))
                .linkLabel(n + " pkts"));
    }

    /** toApplicationsForCategory: every DPI protocol of the category (the input's value), packets of all addresses. */
    static void categoryApplications(LocalTransform in, MaltegoResponse out, Transforms.Context context)
            throws IOException {
        Path file = recordFile(in, IPProfile.class);
        Map<String, Long> packets = new LinkedHashMap<>();
        each(file, IPProfile.class, (IPProfile p) -> p.getProtocolsMap().forEach((name, proto) -> {
            if (proto.getCategory().equals(in.value())) {
                packets.merge(name, proto.getPackets(), Long::sum);
            }
        }));
        packets.forEach((name, n) -> out.entity("netcap.Application", name).property("path", "Path", file.toString())
                .linkLabel(n + " pkts"));
    }
}
