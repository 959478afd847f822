package io.netcap.cli.maltego;

import static io.netcap.cli.maltego.Transforms.IPADDR;
import static io.netcap.cli.maltego.Transforms.each;
import static io.netcap.cli.maltego.Transforms.recordFile;

import io.netcap.types.DeviceProfile;
import io.netcap.types.Exploit;
import io.netcap.types.IPProfile;
import io.netcap.types.Protocol;
import io.netcap.types.Software;
import io.netcap.types.Vulnerability;
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

/**
 * The transforms over device and IP profiles and software: devices of an address, software users, JA3s and DPI
 * applications, the vulnerabilities and exploits found for software.
 */
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
        Transforms.ipProfiles(in, out, file, addresses);
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

    /**
     * toSoftwareVulnerabilities: a netcap.Vulnerability per Vulnerability record (capture with an NVD index: docs/
     * enrichment.md), its ID and the software it was found for, the description and flows in the detail view.
     */
    static void vulnerabilities(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        Path file = recordFile(in, Vulnerability.class);
        each(file, Vulnerability.class, (Vulnerability v) -> {
            Software s = v.getSoftware();
            String value = v.getID();
            if (v.hasSoftware()) {
                value += "\n" + (s.getVendor().isEmpty() ? "" : s.getVendor() + " ") + s.getProduct() + " / "
                        + s.getVersion() + (s.getOS().isEmpty() ? "" : "\n" + s.getOS());
            }
            out.entity("netcap.Vulnerability", value).property("path", "Path", file.toString())
                    .property("timestamp", "Timestamp", GoValues.utc(v.getTimestamp()))
                    .property("id", "ID", v.getID())
                    .property("notes", "Notes", v.getNotes())
                    .property("flows", "Flows", String.join(" | ", s.getFlowsList()))
                    .property("software", "Software", s.getProduct() + " " + s.getVersion())
                    .display("Description", Transforms.html(v.getDescription()))
                    .display("Flows", String.join("<br>", s.getFlowsList()));
        });
    }

    /** toSoftwareExploits: a netcap.Exploit per Exploit record (capture with an exploit-db index). */
    static void exploits(LocalTransform in, MaltegoResponse out, Transforms.Context context) throws IOException {
        Path file = recordFile(in, Exploit.class);
        each(file, Exploit.class, (Exploit x) -> {
            Software s = x.getSoftware();
            String value = x.getID() + "\n" + s.getProduct() + " / " + s.getVersion()
                    + (x.getDescription().isEmpty() ? "" : "\n" + x.getDescription());
            out.entity("netcap.Exploit", value).property("path", "Path", file.toString())
                    .property("timestamp", "Timestamp", GoValues.utc(x.getTimestamp()))
                    .property("id", "ID", x.getID())
                    .property("notes", "Notes", x.getNotes())
                    .property("flows", "Flows", String.join(" | ", s.getFlowsList()))
                    .property("software", "Software", s.getProduct() + " " + s.getVersion())
                    .property("file", "File", x.getFile())
                    .property("platform", "Platform", x.getPlatform())
                    .property("type", "Type", x.getTyp())
                    .display("Flows", String.join("<br>", s.getFlowsList()));
        });
    }
}
