package io.netcap.cli.maltego;

import com.google.protobuf.Message;
import io.netcap.decoder.resolve.Log;
import io.netcap.decoder.resolve.ResolverConfig;
import io.netcap.decoder.resolve.Resolvers;
import io.netcap.decoder.resolve.ReverseDns;
import io.netcap.decoder.resolve.ServiceNames;
import io.netcap.io.RecordReader;
import io.netcap.packet.layer.Addresses;
import io.netcap.types.ARP;
import io.netcap.types.Credentials;
import io.netcap.types.DHCPOption;
import io.netcap.types.DHCPv4;
import io.netcap.types.DHCPv6;
import io.netcap.types.DHCPv6Option;
import io.netcap.types.DNS;
import io.netcap.types.DNSQuestion;
import io.netcap.types.DeviceProfile;
import io.netcap.types.Ethernet;
import io.netcap.types.File;
import io.netcap.types.HTTP;
import io.netcap.types.HTTPCookie;
import io.netcap.types.ICMPv4;
import io.netcap.types.ICMPv6;
import io.netcap.types.IGMP;
import io.netcap.types.IGMPv3GroupRecord;
import io.netcap.types.IPProfile;
import io.netcap.types.IPv4;
import io.netcap.types.IPv6;
import io.netcap.types.Mail;
import io.netcap.types.MailPart;
import io.netcap.types.NTP;
import io.netcap.types.POP3;
import io.netcap.types.Port;
import io.netcap.types.SMTP;
import io.netcap.types.SSH;
import io.netcap.types.Service;
import io.netcap.types.Software;
import io.netcap.types.TCP;
import io.netcap.types.TLSClientHello;
import io.netcap.types.TLSServerHello;
import io.netcap.types.UDP;
import io.netcap.types.format.GoValues;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LongSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The Maltego local transforms of {@code net transform} (docs/maltego.md): one row per transform, named as the
 * original names it, each reading the record file of one type beside the input entity's {@code path} and adding
 * entities of the original's types ({@code netcap.Device}, {@code netcap.Website}, ...) with the properties its
 * transforms give them, so the original's Maltego configuration drives this implementation. The transforms that
 * start programs are {@link Launchers}', those of a live capture {@link LiveTransforms}'s.
 */
public final class Transforms {
    /** Runs {@code net capture} with {@code args}; returns null when it worked, else why not. */
    @FunctionalInterface
    public interface Capture {
        String run(List<String> args);
    }

    /** What a transform may use besides its input: a capture (toAuditRecords, startCaptureProcess), the environment. */
    public record Context(Capture capture, Map<String, String> env) {}

    /** A transform's work; a {@link Failure} becomes the response's fatal message. */
    @FunctionalInterface
    interface Body {
        void run(LocalTransform in, MaltegoResponse out, Context context) throws IOException;
    }

    public record Transform(String name, String input, String description, Body body) {
        /** Runs the transform: its entities and "completed!", or only the fatal message of what went wrong. */
        public MaltegoResponse run(LocalTransform in, Context context) {
            MaltegoResponse out = new MaltegoResponse();
            try {
                body.run(in, out, context);
            } catch (IOException e) { // a Failure, or a capture directory that cannot be listed
                return MaltegoResponse.fatal(e.getMessage() == null ? e.toString() : e.getMessage());
            }
            out.message(MaltegoResponse.INFORM, "completed!");
            return out;
        }
    }

    /** What a transform cannot do with its input, said to the Maltego user. */
    static final class Failure extends IOException {
        Failure(String message) {
            super(message);
        }
    }

    static final String IPADDR = "ipaddr";
    static final String IPADDR_LABEL = "IPAddress";

    private static final List<Transform> ALL = List.of(
            new Transform("toAuditRecords", "netcap.PCAP", "captures the file at path into <path>.net and gives one "
                    + "entity per record file, its record count on the link", (in, out, c) -> auditRecords(in, out, c,
                    List.of())),
            new Transform("toAuditRecordsUsingDPI", "netcap.PCAP", "as toAuditRecords, with the protocols nDPI finds "
                    + "(capture -dpi)", (in, out, c) -> auditRecords(in, out, c, List.of("-dpi"))),
            new Transform("toNetworkInterfaces", "anything", "netcap.Interface: every network interface of this "
                    + "machine, with its index, hardware address and MTU", Transforms::interfaces),
            new Transform("toDevices", "netcap.DeviceProfileAuditRecords", "a netcap.Device per DeviceProfile: MAC "
                    + "address and manufacturer, packets and bytes on the link", Transforms::devices),
            new Transform("toSourceIPs", "netcap.Device", "the addresses the device (mac) used, from the IPProfile "
                    + "records: netcap.InternalSourceIP or netcap.ExternalSourceIP", (in, out, c) -> deviceAddresses(in, out,
                    DeviceProfile::getDeviceIPsList, "Source")),
            new Transform("toDestinationIPs", "netcap.Device", "the addresses the device (mac) contacted: "
                    + "netcap.InternalDestinationIP or netcap.ExternalDestinationIP", (in, out, c) -> deviceAddresses(in,
                    out, DeviceProfile::getContactsList, "Destination")),
            new Transform("toHTTPHosts", "an address (ipaddr)", "netcap.Website: the Host of each HTTP request the "
                    + "address sent", http("netcap.Website", false, true, h -> List.of(h.getHost()))),
            new Transform("toHTTPUserAgents", "an address (ipaddr)", "netcap.UserAgent: the User-Agent of each HTTP "
                    + "exchange of the address", http("netcap.UserAgent", true, false, h -> List.of(h.getUserAgent()))),
            new Transform("toHTTPServerNames", "an address (ipaddr)", "netcap.ServerName: the Server of each HTTP "
                    + "response of an exchange of the address", http("netcap.ServerName", true, false,
                    h -> List.of(h.getServerName()))),
            new Transform("toHTTPContentTypes", "an address (ipaddr)", "netcap.ContentType: the sniffed type of each "
                    + "request and response body of an exchange of the address", http("netcap.ContentType", true, true,
                    h -> List.of(h.getContentTypeDetected(), h.getResContentTypeDetected()))),
            new Transform("toHTTPStatusCodes", "an address (ipaddr)", "netcap.HTTPStatusCode: the status of each HTTP "
                    + "response of an exchange of the address", http("netcap.HTTPStatusCode", true, false,
                    h -> List.of(h.getStatusCode() == 0 ? "" : Integer.toString(h.getStatusCode())))),
            new Transform("toHTTPHostnames", "netcap.HTTPAuditRecords", "netcap.Host: every Host asked for, the "
                    + "number of requests on the link", Transforms::httpHostnames),
            new Transform("toHTTPUniformResourceLocators", "an address (ipaddr)", "netcap.URL: each URL (without "
                    + "its query) of an exchange of the address, requests and method on the link",
                    Transforms::httpUrls),
            new Transform("toHTTPParameters", "an address (ipaddr)", "netcap.HTTPParameter: the name of each "
                    + "parameter of an exchange of the address", httpNames("netcap.HTTPParameter",
                    h -> List.copyOf(h.getParametersMap().keySet()))),
            new Transform("toHTTPCookies", "an address (ipaddr)", "netcap.HTTPCookie: the name of each request and "
                    + "response cookie of an exchange of the address", httpNames("netcap.HTTPCookie", h -> Stream.concat(
                    h.getReqCookiesList().stream(), h.getResCookiesList().stream()).map(HTTPCookie::getName).toList())),
            new Transform("toDNSQuestions", "netcap.DNSAuditRecords", "netcap.DNSName: every name asked, the number "
                    + "of questions for it on the link", Transforms::dnsQuestions),
            new Transform("toServerNameIndicators", "an address (ipaddr)", "netcap.Domain: the TLS server names of the "
                    + "address's IPProfile", Transforms::serverNames),
            new Transform("toJA3Hashes", "netcap.TLSClientHelloAuditRecords", "netcap.TLSClientHello: every JA3, "
                    + "its flows in the detail view", hellos(TLSClientHello.class, "netcap.TLSClientHello", h -> new Hello(
                    h.getJa3(), h.getSrcIP(), h.getSrcPort(), h.getDstIP(), h.getDstPort()))),
            new Transform("toJA3SHashes", "netcap.TLSServerHelloAuditRecords", "netcap.TLSServerHello: every JA3S, "
                    + "its flows in the detail view", hellos(TLSServerHello.class, "netcap.TLSServerHello", h -> new Hello(
                    h.getJa3S(), h.getSrcIP(), h.getSrcPort(), h.getDstIP(), h.getDstPort()))),
            new Transform("toSSHClients", "netcap.SSHAuditRecords", "netcap.SSHClient: HASSH and identification of "
                    + "every SSH client", (in, out, c) -> ssh(in, out, true)),
            new Transform("toSSHServers", "netcap.SSHAuditRecords", "netcap.SSHServer: HASSH and identification of "
                    + "every SSH server", (in, out, c) -> ssh(in, out, false)),
            new Transform("toIPProfiles", "netcap.IPProfileAuditRecords", "netcap.InternalIPProfile or "
                    + "netcap.ExternalIPProfile per address, packets and bytes on the link", Transforms::ipProfiles),
            new Transform("toUDPHosts", "netcap.UDPAuditRecords", "the IP profile of every address of a UDP "
                    + "datagram", hosts(UDP.class, u -> List.of(u.getSrcIP(), u.getDstIP()))),
            new Transform("toNTPHosts", "netcap.NTPAuditRecords", "the IP profile of every address of an NTP "
                    + "message", hosts(NTP.class, n -> List.of(n.getSrcIP(), n.getDstIP()))),
            new Transform("toHosts", "netcap.POP3AuditRecords", "the IP profile of every POP3 client and server",
                    hosts(POP3.class, p -> List.of(p.getClientIP(), p.getServerIP()))),
            new Transform("toTCPFlagCombinations", "netcap.TCPAuditRecords", "netcap.TCPFlag: every combination of "
                    + "flags set, the number of segments on the link", counted(TCP.class,
                    "netcap.TCPFlag", t -> List.of(tcpFlags(t)), null)),
            new Transform("toSMTPCommandTypes", "netcap.SMTPAuditRecords", "netcap.SMTPCommandType: every SMTP "
                    + "command, how often on the link", counted(SMTP.class, "netcap.SMTPCommandType",
                    SMTP::getCommandsList, "command")),
            new Transform("toLoginInformation", "netcap.CredentialsAuditRecords", "netcap.Credentials: user, "
                    + "password, service and notes of every Credentials record", (in, out, c) -> credentials(in, out,
                    true)),
            new Transform("toCredentialsByService", "netcap.CredentialsAuditRecords", "netcap.Credentials: user and "
                    + "password of every Credentials record", (in, out, c) -> credentials(in, out, false)),
            new Transform("toSoftwareProducts", "netcap.SoftwareAuditRecords", "netcap.Software: vendor, product and "
                    + "version of every Software record", Transforms::software),
            new Transform("toServices", "a service type (properties.servicetype)", "netcap.Service: every server "
                    + "IP:port whose service name is the type", Transforms::services),
            new Transform("toFiles", "an address (ipaddr)", "netcap.File, or maltego.Image showing the picture: "
                    + "every extracted file the address sent", (in, out, c) -> files(in, out, false)),
            new Transform("toFilesForContentType", "a content type (properties.contenttype)", "netcap.File or "
                    + "maltego.Image: every extracted file of that sniffed type (of the address, with ipaddr)",
                    (in, out, c) -> files(in, out, true)),
            new Transform("toEmails", "netcap.MailAuditRecords", "netcap.Email: subject and sender of every mail, "
                    + "its text and attachments in the detail view", Transforms::emails),
            new Transform("toServiceTypes", "netcap.ServiceAuditRecords", "netcap.ServiceType: every service name, "
                    + "the bytes of its first conversations on the link", Transforms::serviceTypes),
            new Transform("toGeolocation", "an address (ipaddr)", "netcap.Location: the address's geolocation "
                    + "(capture -geoDB), packets on the link", Transforms::geolocation),
            new Transform("toDHCPClients", "netcap.DHCPv4AuditRecords", "netcap.DHCPClient: hardware address and "
                    + "fingerprint of every DHCP client, with its host name, domain and vendor class",
                    Transforms::dhcpClients),
            new Transform("lookupDHCPFingerprint", "netcap.DHCPClient (clientMac, fp)", "netcap.DHCPResult: the device "
                    + "fingerbank.org names for the client's DHCP fingerprint, vendor class and User-Agents (a key in "
                    + Fingerbank.KEY_VARIABLE + ")", Fingerbank::lookup),
            new Transform("toSourcePorts", "an address (ipaddr)", "netcap.SourcePort: the IPProfile's source ports "
                    + "with their service names, packets on the link", ports("netcap.SourcePort", IPProfile::getSrcPortsList)),
            new Transform("toDestinationPorts", "an address (ipaddr)", "netcap.DestinationPort: the IPProfile's "
                    + "destination ports", ports("netcap.DestinationPort", IPProfile::getDstPortsList)),
            new Transform("toContactedPorts", "an address (ipaddr)", "netcap.ContactedPort: the IPProfile's contacted "
                    + "ports", ports("netcap.ContactedPort", IPProfile::getContactedPortsList)),
            new Transform("toFileTypes", "netcap.FileAuditRecords", "netcap.ContentType: the sniffed type of every "
                    + "extracted file", (in, out, c) -> fileTypes(in, out, false)),
            new Transform("toLinksFromFile", "a file (location)", "netcap.URL: every URL with a scheme in the "
                    + "extracted file", FileContentTransforms::links),
            new Transform("toDomainsFromFile", "a file (location)", "netcap.Domain: every domain name in the "
                    + "extracted file", FileContentTransforms::domains),
            new Transform("toIPsFromFile", "a file (location)", "netcap.IPAddr: every IPv4 and IPv6 address in the "
                    + "extracted file", FileContentTransforms::addresses),
            new Transform("toEmailsFromFile", "a file (location)", "netcap.Email: every email address in the "
                    + "extracted file", FileContentTransforms::emails),
            new Transform("toFileType", "a file (location)", "netcap.FileType: what file(1) says the extracted file "
                    + "is", FileContentTransforms::fileType),
            new Transform("toPhoneNumbersFromFile", "a file (location)", "netcap.PhoneNumber: every valid phone "
                    + "number in the extracted file (libphonenumber; without a country code, of the US)",
                    FileContentTransforms::phoneNumbers),
            new Transform("toExifDataForImage", "an image (location, or fullImage)", "netcap.ExifEntry: every EXIF "
                    + "tag of the extracted image, Tag (directory) = value", FileContentTransforms::exif),
            new Transform("toFileTypesForIP", "an address (ipaddr)", "netcap.ContentType: the sniffed type of every "
                    + "extracted file the address sent or got", (in, out, c) -> fileTypes(in, out, true)),
            new Transform("toMD5HashesForFileName", "a file (name, length)", "netcap.MD5Hash: the MD5 of every "
                    + "extracted file of that name and length", Transforms::md5Hashes),
            new Transform("toMD5HashesForImage", "an image (name, length)", "netcap.MD5Hash: the MD5 of every "
                    + "extracted file of that name and length", Transforms::md5Hashes),
            new Transform("toHTTPHeaders", "an address (ipaddr)", "netcap.HTTPHeader: the name of every request and "
                    + "response header of an exchange of the address, the method on the link", HttpTransforms::headers),
            new Transform("toHeaderValues", "a header (properties.httpheader, host)", "netcap.HTTPHeaderValue: the "
                    + "header's values in the exchanges with the host or the address", HttpTransforms::headerValues),
            new Transform("toParameterValues", "a parameter (properties.httpparameter, host)", "netcap.HTTPParameterValue: "
                    + "the parameter's values in the requests to the host", HttpTransforms::parameterValues),
            new Transform("toCookieValues", "a cookie (properties.httpcookie, host)", "netcap.HTTPCookieValue: the "
                    + "cookie's values in the exchanges with the host", HttpTransforms::cookieValues),
            new Transform("toVisitorsForHost", "a host (value; ipaddr: its server)", "the IP profiles of the clients "
                    + "of the host's requests to the address", HttpTransforms.visitors(false, HTTP::getSrcIP)),
            new Transform("toVisitorsForURL", "a URL (properties.url, host, ipaddr)", "the IP profiles of the clients "
                    + "that requested the URL from the address", HttpTransforms.visitors(true, HTTP::getSrcIP)),
            new Transform("toProviderIPProfilesForHost", "a host (value; ipaddr: its server)", "the IP profile of "
                    + "the server of the host's requests", HttpTransforms.visitors(false, HTTP::getDstIP)),
            new Transform("toProviderIPProfilesForURL", "a URL (properties.url, host, ipaddr)", "the IP profile of "
                    + "the server of the URL's requests", HttpTransforms.visitors(true, HTTP::getDstIP)),
            new Transform("toMails", "an address (ipaddr)", "netcap.Email: every mail the address fetched over POP3, "
                    + "as toEmails shows it", MailTransforms::mails),
            new Transform("toMailFrom", "an address (ipaddr)", "netcap.Email: the sender of every mail the address "
                    + "fetched over POP3", MailTransforms.addresses(Mail::getFrom)),
            new Transform("toMailTo", "an address (ipaddr)", "netcap.Email: the recipients of every mail the address "
                    + "fetched over POP3", MailTransforms.addresses(Mail::getTo)),
            new Transform("toMailUsers", "an address (ipaddr)", "maltego.Person: the user of every POP3 session of "
                    + "the address", MailTransforms.sessions("maltego.Person", false, POP3::getUser)),
            new Transform("toMailUserPassword", "a user (value, ipaddr)", "maltego.Password: the user's passwords in "
                    + "the POP3 sessions of the address", MailTransforms.sessions("maltego.Password", true, POP3::getPass)),
            new Transform("toMailAuthTokens", "an address (ipaddr)", "maltego.Token: the authentication token of "
                    + "every POP3 session of the address", MailTransforms.sessions("maltego.Token", false,
                    POP3::getAuthToken)),
            new Transform("toSourceDevices", "an address (ipaddr)", "netcap.Device: the devices that used the "
                    + "address", ProfileTransforms::sourceDevices),
            new Transform("toIPProfilesForSoftware", "a software (vendor, product, version)", "the IP profiles of "
                    + "both ends of the software's flows", ProfileTransforms::softwareUsers),
            new Transform("toSoftwareVulnerabilities", "netcap.VulnerabilityAuditRecords", "netcap.Vulnerability: "
                    + "every vulnerability found for the capture's software (an NVD index), its description in the "
                    + "detail view", ProfileTransforms::vulnerabilities),
            new Transform("toSoftwareExploits", "netcap.ExploitAuditRecords", "netcap.Exploit: every exploit found "
                    + "for the capture's software (an exploit-db index)", ProfileTransforms::exploits),
            new Transform("toJA3HashesForProfile", "an address (ipaddr)", "netcap.TLSClientHello: the JA3 of every "
                    + "ClientHello of the address", ProfileTransforms::ja3Hashes),
            new Transform("toApplications", "an address (ipaddr)", "netcap.Application: the protocols DPI found for "
                    + "the address (capture -dpi), packets on the link", ProfileTransforms::applications),
            new Transform("toApplicationCategories", "an address (ipaddr)", "netcap.ApplicationCategory: the "
                    + "categories of the address's DPI protocols", ProfileTransforms::categories),
            new Transform("toApplicationsForCategory", "a category (value)", "netcap.Application: the DPI protocols "
                    + "of the category", ProfileTransforms::categoryApplications),
            new Transform("toConnectionsForHost", "an address (ipaddr)", "netcap.Connection: every connection of the "
                    + "address, its conversation (capture -conns) in the detail view",
                    ConnectionTransforms.connections(ConnectionTransforms.Which.HOST)),
            new Transform("toConnectionsForPort", "a port (port)", "netcap.Connection: every connection from or to "
                    + "the port", ConnectionTransforms.connections(ConnectionTransforms.Which.PORT)),
            new Transform("toConnectionsForService", "a service (value IP:port)", "netcap.Connection: every "
                    + "connection to the service's address", ConnectionTransforms.connections(
                    ConnectionTransforms.Which.SERVICE)),
            new Transform("toOutgoingConnsFiltered", "an address (ipaddr)", "netcap.Connection: the twelve largest "
                    + "connections the address opened to peers without a name on the domain allow list",
                    ConnectionTransforms.filtered(true)),
            new Transform("toIncomingConnsFiltered", "an address (ipaddr)", "netcap.Connection: the twelve largest "
                    + "connections opened to the address by peers without a name on the domain allow list",
                    ConnectionTransforms.filtered(false)),
            new Transform("toHTTPHostsFiltered", "an address (ipaddr)", "netcap.Host: the hosts the address asked "
                    + "for that are not on the domain allow list", HttpTransforms::hostsFiltered),
            new Transform("toIANAServices", "an address (ipaddr)", "netcap.Service: the IANA service name of the "
                    + "server port of every connection the address opened", ConnectionTransforms::ianaServices),
            new Transform("toHostsForService", "a service (ip, port)", "netcap.IPAddr: both ends of every flow of "
                    + "the service", ConnectionTransforms::hostsForService),
            new Transform("toDNSFlagCombinations", "netcap.DNSAuditRecords", "netcap.DNSFlagCombination: every "
                    + "combination of AA, QR, RA, RD and TC set, the number of messages on the link", counted(DNS.class,
                    "netcap.DNSFlagCombination", d -> List.of(dnsFlags(d)), "flags")),
            new Transform("toDNSOpCodes", "netcap.DNSAuditRecords", "netcap.DNSOpCode: every op code, the number of "
                    + "messages on the link", named(DNS.class, "netcap.DNSOpCode", DNS::getOpCode, GoNames::dnsOpCode,
                    "code")),
            new Transform("toDNSResponseCodes", "netcap.DNSAuditRecords", "netcap.DNSResponseCode: every response "
                    + "code, the number of messages on the link", named(DNS.class, "netcap.DNSResponseCode",
                    DNS::getResponseCode, GoNames::dnsResponseCode, "code")),
            new Transform("toEthernetTypes", "netcap.EthernetAuditRecords", "netcap.EthernetType: every EtherType, "
                    + "the number of frames on the link", named(Ethernet.class, "netcap.EthernetType",
                    Ethernet::getEthernetType, GoNames::etherType, "type")),
            new Transform("toIPV4Protocols", "netcap.IPv4AuditRecords", "netcap.IPProtocol: every protocol of the "
                    + "IPv4 packets, the number of packets on the link", named(IPv4.class, "netcap.IPProtocol",
                    IPv4::getProtocol, GoNames::ipProtocol, "value")),
            new Transform("toIPV6TrafficClasses", "netcap.IPv6AuditRecords", "netcap.IPv6TrafficClass: every traffic "
                    + "class (decimal), the number of packets on the link", named(IPv6.class, "netcap.IPv6TrafficClass",
                    IPv6::getTrafficClass, Integer::toString, "value")),
            new Transform("toLinkTypes", "netcap.ARPAuditRecords", "netcap.LinkType: the hardware type of every ARP "
                    + "message, named as a link type, the number of messages on the link", named(ARP.class,
                    "netcap.LinkType", ARP::getAddrType, GoNames::linkType, "value")),
            new Transform("toICMPV4ControlMessages", "netcap.ICMPv4AuditRecords", "netcap.ICMPv4ControlMessageType: "
                    + "every type and code (EchoRequest, DestinationUnreachable(Port)), the number of messages on the "
                    + "link", named(ICMPv4.class, "netcap.ICMPv4ControlMessageType", ICMPv4::getTypeCode, GoNames::icmp4,
                    "code")),
            new Transform("toICMPV6ControlMessages", "netcap.ICMPv6AuditRecords", "netcap.ICMPv6ControlMessageType: "
                    + "every type and code, the number of messages on the link", named(ICMPv6.class,
                    "netcap.ICMPv6ControlMessageType", ICMPv6::getTypeCode, GoNames::icmp6, "code")),
            new Transform("toIGMPTypes", "netcap.IGMPAuditRecords", "netcap.IGMPType: every IGMP message type, the "
                    + "number of messages on the link", named(IGMP.class, "netcap.IGMPType", IGMP::getType,
                    GoNames::igmpType, "value")),
            new Transform("toIGMPGroupRecordTypes", "netcap.IGMPAuditRecords", "netcap.IGMPGroupRecordType: the type "
                    + "of every IGMPv3 group record, the number of records on the link", namedEach(IGMP.class,
                    "netcap.IGMPGroupRecordType", i -> i.getGroupRecordsList().stream().mapToInt(IGMPv3GroupRecord::getType),
                    GoNames::igmpRecordType, "value")),
            new Transform("toDHCPV6MessageTypes", "netcap.DHCPv6AuditRecords", "netcap.DHCPv6MessageType: every "
                    + "message type, the number of messages on the link", named(DHCPv6.class, "netcap.DHCPv6MessageType",
                    DHCPv6::getMsgType, GoNames::dhcp6MessageType, "value")),
            new Transform("toDHCPV6Options", "netcap.DHCPv6AuditRecords", "netcap.DHCPv6Option: every option code of "
                    + "the messages, the number of options on the link", namedEach(DHCPv6.class, "netcap.DHCPv6Option",
                    d -> d.getOptionsList().stream().mapToInt(DHCPv6Option::getCode), GoNames::dhcp6Option, "value")),
            new Transform("toDHCP", "an address (ipaddr)", "netcap.Device: the host name, domain, vendor class and "
                    + "other text options of the address's DHCP messages", Transforms::dhcpOptions),
            new Transform("toNTPReferenceIDs", "netcap.NTPAuditRecords", "netcap.NTPReferenceID: every reference ID "
                    + "(decimal), the number of messages on the link", named(NTP.class, "netcap.NTPReferenceID",
                    NTP::getReferenceID, Integer::toUnsignedString, "value")));

    private Transforms() {}

    /** The views of records, then the transforms that start programs and those of a live capture. */
    private static final List<Transform> EVERY = Stream.of(ALL, Launchers.ALL, LiveTransforms.ALL).flatMap(List::stream)
            .toList();

    public static List<Transform> all() {
        return EVERY;
    }

    public static Optional<Transform> find(String name) {
        return EVERY.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The original's answer to a name it does not know. */
    public static MaltegoResponse unknown(String name) {
        return MaltegoResponse.fatal("Unknown transform: " + name);
    }

    /** The input's {@code path} property, without the {@code file://} Maltego may put before it. */
    static Path path(LocalTransform in) throws Failure {
        String p = withoutFileScheme(in.get("path"));
        if (p.isEmpty()) {
            throw new Failure("input file path property not set");
        }
        return Path.of(p);
    }

    /** A path property without the {@code file://} Maltego may put before it. */
    static String withoutFileScheme(String path) {
        return path.startsWith("file://") ? path.substring("file://".length()) : path;
    }

    /** Property {@code name} of the input, which the transform cannot do without. */
    static String required(LocalTransform in, String name) throws Failure {
        String v = in.get(name);
        if (v.isEmpty()) {
            throw new Failure(name + " not set");
        }
        return v;
    }

    /**
     * Where a File record's {@code location} is: the capture wrote {@code <out>/<DIR>/<type>/<name>} as it was given
     * {@code <out>}, absolute or relative to where it ran, taken (as the original takes it) as the folder above the
     * folder of the record file {@code file}.
     */
    static Path stored(Path file, String location) {
        Path above = file.toAbsolutePath().getParent();
        above = above == null ? null : above.getParent();
        return above == null ? Path.of(location) : above.resolve(location);
    }

    /** The capture's service names: IANA's list in the database directory, else /etc/services; null without either. */
    static ServiceNames serviceNames(Context context) {
        return Resolvers.services(ResolverConfig.databaseDirectory(context.env()), ServiceNames.SYSTEM_SERVICES, Log.NONE);
    }

    /**
     * The record file of the record type named as class {@code type} for the input: {@code path} itself when it is one
     * of that type's files, else {@code <Type>.ncap.gz} (or {@code .ncap}) in its folder, as the original finds it, or
     * in {@code path} when it is the folder itself.
     */
    static Path recordFile(LocalTransform in, Class<? extends Message> type) throws Failure {
        String name = type.getSimpleName();
        Path p = path(in);
        if (p.getFileName() != null && p.getFileName().toString().startsWith(name + ".ncap")) {
            return p;
        }
        Path dir = Files.isDirectory(p) ? p.toAbsolutePath() : p.toAbsolutePath().getParent();
        Path gz = dir.resolve(name + ".ncap.gz");
        Path plain = dir.resolve(name + ".ncap");
        return Files.exists(gz) || !Files.exists(plain) ? gz : plain;
    }

    /**
     * Every record of {@code file}, of the record type named as class {@code type}, in file order; problems become
     * the user's fatal message.
     */
    static <T extends Message> void each(Path file, Class<T> type, Consumer<T> each)
            throws Failure {
        try (RecordReader r = RecordReader.open(file)) {
            if (!r.type().name().equals(type.getSimpleName())) {
                throw new Failure(file + ": holds " + r.type() + " records, not " + type.getSimpleName());
            }
            for (Message m; (m = r.next()) != null; ) {
                each.accept(type.cast(m));
            }
        } catch (NoSuchFileException e) {
            throw new Failure(file + ": no such audit record file (is " + type.getSimpleName()
                    + " among the record types captured?)");
        } catch (Failure e) {
            throw e;
        } catch (IOException e) {
            throw new Failure(file + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    /** The records of {@code file} of the record type named as class {@code type} that {@code wanted} accepts. */
    static <T extends Message> List<T> matching(Path file, Class<T> type, Predicate<T> wanted) throws Failure {
        List<T> found = new ArrayList<>();
        each(file, type, (T r) -> {
            if (wanted.test(r)) {
                found.add(r);
            }
        });
        return found;
    }

    private static void auditRecords(LocalTransform in, MaltegoResponse out, Context context, List<String> flags)
            throws IOException {
        Path pcap = path(in);
        if (!Files.isRegularFile(pcap)) {
            throw new Failure(pcap + ": no such capture file");
        }
        Path dir = Path.of(pcap + ".net");
        List<String> args = new ArrayList<>(List.of("-read", pcap.toString(), "-out", dir.toString(), "-overwrite",
                "-quiet", "-fileStorage", "files"));
        args.addAll(flags);
        String failed = context.capture().run(args);
        if (failed != null) {
            throw new Failure("failed to collect audit records from " + pcap + ": " + failed);
        }
        recordFiles(dir, out);
    }

    /**
     * An entity per record file of the folder, as toAuditRecords gives them: {@code netcap.<Type>AuditRecords}, the
     * type's plural, properties {@code path} and {@code description}, the number of records on the link.
     */
    static void recordFiles(Path dir, MaltegoResponse out) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new Failure(dir + ": no such folder");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".ncap.gz")).sorted().toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString().replace(".ncap.gz", "");
            long n;
            try (RecordReader r = RecordReader.open(f)) { // counted by their frames, not parsed
                while (r.nextEncoded((b, off, len, at) -> { })) {
                    // next
                }
                n = r.recordsRead();
            }
            out.entity("netcap." + name + "AuditRecords", plural(name))
                    .property("path", "Path", f.toString())
                    .property("description", "Description", name + ".ncap.gz")
                    .linkLabel(Long.toString(n));
        }
    }

    /**
     * The machine's network interfaces as the kernel lists them ({@code /sys/class/net}, those that are down as well,
     * as the original's Go runtime lists them): name, index, hardware address ({@code xx:xx:...}; "" when it is all
     * zero, as Go leaves the loopback's) and MTU. Without {@code /sys}, the JDK's list (interfaces that are up).
     */
    private static void interfaces(LocalTransform in, MaltegoResponse out, Context context) throws IOException {
        record Nic(String name, int index, String address, int mtu) {}
        List<Nic> all = new ArrayList<>();
        Path sys = Path.of("/sys/class/net");
        if (Files.isDirectory(sys)) {
            try (Stream<Path> s = Files.list(sys)) {
                for (Path d : s.toList()) {
                    try {
                        String mac = Files.readString(d.resolve("address")).strip();
                        all.add(new Nic(d.getFileName().toString(), Integer.parseInt(Files.readString(d.resolve("ifindex"))
                                .strip()), mac.matches("[0:]*") ? "" : mac, Integer.parseInt(Files.readString(
                                d.resolve("mtu")).strip())));
                    } catch (IOException | NumberFormatException e) {
                        // gone while listed, or not an interface's directory
                    }
                }
            }
        } else {
            for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                byte[] mac = nic.getHardwareAddress();
                String hw = mac == null ? "" : Addresses.mac(mac, 0, mac.length);
                all.add(new Nic(nic.getName(), nic.getIndex(), hw.matches("[0:]*") ? "" : hw, nic.getMTU()));
            }
        }
        all.sort(Comparator.comparingInt(Nic::index));
        for (Nic nic : all) {
            out.entity("netcap.Interface", nic.name())
                    .property("properties.interface", "Interface", nic.name())
                    .property("index", "Index", Integer.toString(nic.index()))
                    .property("hardwareaddr", "HardwareAddr", nic.address())
                    .property("mtu", "MTU", Integer.toString(nic.mtu()));
        }
    }

    /** The original's plural of a record type, shown as the value of its record file's entity. */
    static String plural(String name) {
        boolean keep = name.equals("Software") || name.equals("Ethernet");
        if ((name.endsWith("e") || name.endsWith("w")) && !keep) {
            name += "s";
        }
        if (name.endsWith("y")) {
            name = name.substring(0, name.length() - 1) + "ies";
        }
        if ((name.endsWith("t") || name.endsWith("n")) && !keep) {
            name += "s";
        }
        return name;
    }

    private static void devices(LocalTransform in, MaltegoResponse out, Context context) throws IOException {
        Path file = recordFile(in, DeviceProfile.class);
        List<DeviceProfile> profiles = new ArrayList<>();
        each(file, DeviceProfile.class, profiles::add);
        LongSummaryStatistics range = profiles.stream().mapToLong(DeviceProfile::getNumPackets).summaryStatistics();
        profiles.forEach(p -> device(out, p, file, range));
    }

    /** A device as toDevices shows it, its link as thick as its packets' share of {@code range}. */
    static void device(MaltegoResponse out, DeviceProfile p, Path file, LongSummaryStatistics range) {
        out.entity("netcap.Device", p.getMacAddr() + "\n" + p.getDeviceManufacturer())
                .property("path", "Path", file.toString())
                .property("mac", "Mac Address", p.getMacAddr())
                .linkLabel(p.getNumPackets() + " pkts\n" + bytes(p.getBytes()))
                .linkThickness(MaltegoResponse.thickness(p.getNumPackets(), range));
    }

    /**
     * The addresses of the input device ({@code mac}) that have an IPProfile: its own (toSourceIPs) or its contacts
     * (toDestinationIPs), internal or external as the original's private address space has it. Packets and bytes
     * are the address's; the original gave toDestinationIPs' {@code numPackets} the device's count, which says
     * nothing of the address.
     */
    private static void deviceAddresses(LocalTransform in, MaltegoResponse out,
                                        Function<DeviceProfile, List<String>> addresses, String direction)
            throws IOException {
        Path file = recordFile(in, DeviceProfile.class);
        String mac = in.get("mac");
        Map<String, IPProfile> ips = new HashMap<>();
        each(recordFile(in, IPProfile.class), IPProfile.class, (IPProfile p) -> ips.put(p.getAddr(), p));
        List<DeviceProfile> devices = matching(file, DeviceProfile.class, d -> d.getMacAddr().equals(mac));
        List<IPProfile> found = new ArrayList<>();
        List<DeviceProfile> of = new ArrayList<>();
        for (DeviceProfile d : devices) {
            for (String a : addresses.apply(d)) {
                IPProfile p = ips.get(a);
                if (p != null) {
                    found.add(p);
                    of.add(d);
                }
            }
        }
        LongSummaryStatistics range = found.stream().mapToLong(IPProfile::getNumPackets).summaryStatistics();
        for (int i = 0; i < found.size(); i++) {
            IPProfile p = found.get(i);
            String names = String.join("\n", p.getDNSNamesList());
            String value = p.getAddr() + (p.getGeolocation().isEmpty() ? "" : "\n" + p.getGeolocation())
                    + (names.isEmpty() ? "" : "\n" + names);
            String type = "netcap." + (internal(p.getAddr()) ? "Internal" : "External") + direction + "IP";
            MaltegoResponse.Entity e = out.entity(type, value)
                    .property("path", "Path", file.toString())
                    .property("geolocation", "Geolocation", p.getGeolocation())
                    .property("dnsNames", "DNS Names", names);
            if (direction.equals("Destination")) {
                e.property("timestamp", "Timestamp", GoValues.utc(of.get(i).getTimestamp()));
            }
            e.property("mac", "MacAddress", mac)
                    .property(IPADDR, IPADDR_LABEL, p.getAddr())
                    .property("numPackets", "Num Packets", Long.toString(p.getNumPackets()))
                    .linkLabel(p.getNumPackets() + " pkts\n" + bytes(p.getBytes()))
                    .linkThickness(MaltegoResponse.thickness(p.getNumPackets(), range));
        }
    }

    static boolean internal(String address) {
        try {
            return !address.isEmpty() && ReverseDns.privateAddress(InetAddress.ofLiteral(address));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A transform over the HTTP records of the input address ({@code ipaddr}): those it sent, or with
     * {@code eitherEnd} also those sent to it; an entity of {@code type} for every non-empty value.
     */
    private static Body http(String type, boolean eitherEnd, boolean withAddress, Function<HTTP, List<String>> values) {
        return (in, out, context) -> {
            Path file = recordFile(in, HTTP.class);
            String ip = in.get(IPADDR);
            each(file, HTTP.class, (HTTP h) -> {
                if (!h.getSrcIP().equals(ip) && !(eitherEnd && h.getDstIP().equals(ip))) {
                    return;
                }
                for (String v : values.apply(h)) {
                    if (!v.isEmpty()) {
                        MaltegoResponse.Entity e = out.entity(type, v).property("path", "Path", file.toString());
                        if (withAddress) {
                            e.property(IPADDR, IPADDR_LABEL, ip);
                        }
                    }
                }
            });
        };
    }

    /** The original counted each name's questions but left the count at 1; here the link says how many. */
    private static void dnsQuestions(LocalTransform in, MaltegoResponse out, Context context) throws IOException {
        Path file = recordFile(in, DNS.class);
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, String> askedBy = new HashMap<>();
        each(file, DNS.class, (DNS d) -> {
            for (DNSQuestion q : d.getQuestionsList()) {
                if (!q.getName().isEmpty()) {
                    counts.computeIfAbsent(q.getName(), k -> new long[1])[0]++;
                    askedBy.putIfAbsent(q.getName(), d.getSrcIP());
                }
            }
        });
        counts.forEach((name, n) -> out.entity("netcap.DNSName", name)
                .property("path", "Path", file.toString())
                .property("srcIP", "SourceIP", askedBy.get(name))
                .linkLabel(Long.toString(n[0])));
    }

    private static void serverNames(LocalTransform in, MaltegoResponse out, Context context) throws IOException {
        Path file = recordFile(in, IPProfile.class);
        String ip = in.get(IPADDR);
        Map<String, Long> names = new LinkedHashMap<>();
        each(file, IPProfile.class, (IPProfile p) -> {
            if (p.getAddr().equals(ip)) {
                p.getSNIsMap().forEach((name, n) -> names.merge(name, n, Long::sum));
            }
        });
        LongSummaryStatistics range = names.values().stream().mapToLong(Long::longValue).summaryStatistics();
        names.forEach((name, n) -> out.entity("netcap.Domain", name)
                .property("path", "Path", file.toString())
                .linkThickness(MaltegoResponse.thickness(n, range)));
    }

    /** What toJA3Hashes and toJA3SHashes read of a hello: its fingerprint and its flow. */
    private record Hello(String fingerprint, String srcIp, int srcPort, String dstIp, int dstPort) {}

    /**
     * One entity per fingerprint of the hellos of {@code type} (JA3 of a ClientHello, JA3S of a ServerHello), the
     * flows of all its hellos in one detail section.
     */
    private static <T extends Message> Body hellos(Class<T> type, String entity, Function<T, Hello> hello) {
        return (in, out, context) -> {
            Path file = recordFile(in, type);
            Map<String, List<String>> flows = new LinkedHashMap<>();
            each(file, type, (T h) -> {
                Hello f = hello.apply(h);
                if (f.fingerprint().isEmpty()) {
                    return;
                }
                out.entity(entity, f.fingerprint()).property("path", "Path", file.toString())
                        .property("ip", "IP", f.srcIp())
                        .property("port", "Port", Integer.toString(f.srcPort()));
                flows.computeIfAbsent(f.fingerprint(), k -> new ArrayList<>())
                        .add(f.srcIp() + ":" + f.srcPort() + "->" + f.dstIp() + ":" + f.dstPort());
            });
            displayFlows(out, entity, flows);
        };
    }

    /** toCredentialsByService's value is user and password; toLoginInformation's adds service and notes. */
    private static void credentials(LocalTransform in, MaltegoResponse out, boolean login) throws IOException {
        Path file = recordFile(in, Credentials.class);
        each(file, Credentials.class, (Credentials c) -> out.entity("netcap.Credentials",
                        c.getUser() + "\n" + c.getPassword() + (!login ? "" : "\n" + c.getService()
                                + (c.getNotes().isEmpty() ? "" : "\n" + c.getNotes())))
                .property("path", "Path", file.toString())
                .property("timestamp", "Timestamp", GoValues.utc(c.getTimestamp()))
                .property("service", "Service", c.getService())
                .property("flow", "Flow", c.getFlow())
                .property("notes", "Notes", c.getNotes())
                .property("user", "User", c.getUser())
                .property("password", "Password", c.getPassword()));
    }

    private static void software(LocalTransform in, MaltegoResponse out, Context context) throws IOException {
        Path file = recordFile(in, Software.class);
        each(file, Software.class, (Software s) -> {
            String value = s.getVendor() + " " + s.getProduct() + " " + s.getVersion();
            if (!s.getSourceName().isEmpty()) {
                value += (s.getOS().isEmpty() ? "" : "\n" + s.getOS()) + "\n" + s.getSourceName();
            }
            out.entity("netcap.Software", value)
                    .property("path", "Path", file.toString())
                    .property("timestamp", "Timestamp", GoValues.utc(s.getTimestamp()))
                    .property("vendor", "Vendor", s.getVendor())
                    .property("product", "Product", s.getProduct())
                    .property("version", "Version", s.getVersion())
                    .property("flows", "Flows", String.join(" | ", s.getFlowsList()))
                    .property("sourcename", "SourceName", s.getSourceName())
                    .property("sourcedata", "SourceData", s.getSourceData())
                    .property("notes", "Notes", s.getNotes())
                    .display("Flows", String.join("<br>", s.getFlowsList()));
        });
    }

    private static void services(LocalTransform in, MaltegoResponse out, Context context) throws IOException {
        Path file = recordFile(in, Service.class);
        String type = required(in, "properties.servicetype");
        each(file, Service.class, (Service s) -> {
            if (!s.getName().equals(type)) {
                return;
            }
            String value = s.getIP() + ":" + s.getPort();
            for (String part : new String[] {s.getVendor(), s.getProduct(), s.getHostname()}) {
                value += part.isEmpty() ? "" : "\n" + part;
            }
            MaltegoResponse.Entity e = out.entity("netcap.Service", value)
                    .property("path", "Path", file.toString())
                    .property("timestamp", "Timestamp", GoValues.utc(s.getTimestamp()))
                    .property("product", "Product", s.getProduct())
                    .property("version", "Version", s.getVersion())
                    .property("protocol", "Protocol", s.getProtocol())
                    .property("ip", "IP", s.getIP())
                    .property("port", "Port", Integer.toString(s.getPort()))
                    .property("hostname", "Hostname", s.getHostname())
                    .property("bytesclient", "BytesClient", Integer.toString(s.getBytesClient()))
                    .property("bytesserver", "BytesServer", Integer.toString(s.getBytesServer()))
                    .property("vendor", "Vendor", s.getVendor())
                    .property("name", "Name", s.getName())
                    .linkLabel(bytes(s.getBytesServer()) + " server\n" + bytes(s.getBytesClient()) + " client");
            if (!s.getBanner().isEmpty()) {
                e.display("Transferred Data", "<pre style='color: dodgerblue;'>" + html(s.getBanner()) + "</pre>");
            }
        });
    }

    private static void httpHostnames(LocalTransform in, MaltegoResponse out, Context context) throws IOException {
        Path file = recordFile(in, HTTP.class);
        Map<String, long[]> counts = new LinkedHashMap<>();
        each(file, HTTP.class, (HTTP h) -> {
            if (!h.getHost().isEmpty()) {
                counts.computeIfAbsent(h.getHost(), k -> new long[1])[0]++;
                out.entity("netcap.Host", h.getHost()).property("path", "Path", file.toString())
                        .property(IPADDR, IPADDR_LABEL, h.getDstIP());
            }
        });
        counts.forEach((host, n) -> out.entity("netcap.Host", host).linkLabel(Long.toString(n[0])));
    }

    /** The URLs of the address's exchanges without their queries; the link: how many requests, the first method. */
    private static void httpUrls(LocalTransform in, MaltegoResponse out, Context context) throws IOException {
        Path file = recordFile(in, HTTP.class);
        String ip = in.get(IPADDR);
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, String> methods = new HashMap<>();
        each(file, HTTP.class, (HTTP h) -> {
            if ((h.getSrcIP().equals(ip) || h.getDstIP().equals(ip)) && !h.getURL().isEmpty()) {
                String url = HttpTransforms.withoutQuery(h.getURL());
                counts.computeIfAbsent(url, k -> new long[1])[0]++;
                methods.putIfAbsent(url, h.getMethod());
                out.entity("netcap.URL", url).property("path", "Path", file.toString())
                        .property("properties.url", "URL", url)
                        .property("host", "Host", h.getHost())
                        .property(IPADDR, IPADDR_LABEL, ip);
            }
        });
        counts.forEach((url, n) -> out.entity("netcap.URL", url).linkLabel(n[0] + "\n" + methods.get(url)));
    }

    /** Names (parameters, cookies) of the address's exchanges, with the host and the first method on the link. */
    private static Body httpNames(String type, Function<HTTP, List<String>> names) {
        return (in, out, context) -> {
            Path file = recordFile(in, HTTP.class);
            String ip = in.get(IPADDR);
            each(file, HTTP.class, (HTTP h) -> {
                if (h.getSrcIP().equals(ip) || h.getDstIP().equals(ip)) {
                    for (String name : names.apply(h)) {
                        MaltegoResponse.Entity e = out.entity(type, name).property("path", "Path", file.toString())
                                .property(IPADDR, IPADDR_LABEL, ip)
                                .property("host", "Host", h.getHost());
                        if (type.equals("netcap.HTTPCookie")) {
                            e.property("timestamp", "Timestamp", GoValues.utc(h.getTimestamp()));
                        }
                        e.linkLabel(h.getMethod());
                    }
                }
            });
        };
    }

    /** The flows of each entity of {@code type} in one detail section, each flow once. */
    static void displayFlows(MaltegoResponse out, String type, Map<String, List<String>> flows) {
        flows.forEach((value, f) -> out.entity(type, value)
                .display("Flows", String.join("<br>", f.stream().distinct().toList()) + "<br>"));
    }

    private static void ssh(LocalTransform in, MaltegoResponse out, boolean clients) throws IOException {
        Path file = recordFile(in, SSH.class);
        Map<String, List<String>> flows = new LinkedHashMap<>();
        String type = clients ? "netcap.SSHClient" : "netcap.SSHServer";
        each(file, SSH.class, (SSH s) -> {
            if (s.getIsClient() != clients) {
                return;
            }
            String value = s.getHASSH() + (s.getIdent().isEmpty() ? "" : "\n" + s.getIdent());
            out.entity(type, value)
                    .property("path", "Path", file.toString())
                    .property("timestamp", "Timestamp", GoValues.utc(s.getTimestamp()))
                    .property("ident", "Ident", s.getIdent())
                    .property("algorithms", "Algorithms", s.getAlgorithms());
            flows.computeIfAbsent(value, k -> new ArrayList<>()).add(s.getFlow());
        });
        displayFlows(out, type, flows);
    }

    private static void ipProfiles(LocalTransform in, MaltegoResponse out, Context context) throws IOException {
        Path file = recordFile(in, IPProfile.class);
        List<IPProfile> profiles = new ArrayList<>();
        each(file, IPProfile.class, profiles::add);
        LongSummaryStatistics range = profiles.stream().mapToLong(IPProfile::getNumPackets).summaryStatistics();
        profiles.forEach(p -> ipProfile(out, p, file, MaltegoResponse.thickness(p.getNumPackets(), range)));
    }

    /** The IP profiles of the addresses {@code addresses} gives for each record of {@code type}. */
    private static <T extends Message> Body hosts(Class<T> type, Function<T, List<String>> addresses) {
        return (in, out, context) -> {
            Path file = recordFile(in, type);
            Set<String> seen = new LinkedHashSet<>();
            each(file, type, (T r) -> seen.addAll(addresses.apply(r)));
            Path profiles = recordFile(in, IPProfile.class);
            each(profiles, IPProfile.class, (IPProfile p) -> {
                if (seen.contains(p.getAddr())) {
                    ipProfile(out, p, file, MaltegoResponse.thickness(p.getNumPackets(), 0, 0));
                }
            });
        };
    }

    /** The IP profiles of {@code addresses} (from the IPProfile file beside the input), in their order, as ipProfile shows them. */
    static void ipProfiles(LocalTransform in, MaltegoResponse out, Path file, Collection<String> addresses)
            throws Failure {
        Map<String, IPProfile> profiles = new HashMap<>();
        each(recordFile(in, IPProfile.class), IPProfile.class, (IPProfile p) -> {
            if (addresses.contains(p.getAddr())) {
                profiles.put(p.getAddr(), p);
            }
        });
        addresses.stream().map(profiles::get).filter(p -> p != null)
                .forEach(p -> ipProfile(out, p, file, MaltegoResponse.thickness(p.getNumPackets(), 0, 0)));
    }

    /** An address's profile as the original's addIPProfile shows it, its link {@code thickness} thick. */
    static void ipProfile(MaltegoResponse out, IPProfile p, Path file, int thickness) {
        String type = internal(p.getAddr()) ? "netcap.InternalIPProfile" : "netcap.ExternalIPProfile";
        StringBuilder snis = new StringBuilder("<table style='width:100%'><tr><th>SNI</th><th>Number of Packets</th></tr>");
        p.getSNIsMap().entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e ->
                snis.append("<tr><td>").append(html(e.getKey())).append("</td><td>").append(e.getValue()).append("</td></tr>"));
        out.entity(type, p.getAddr() + "\n" + p.getGeolocation())
                .property("path", "Path", file.toString())
                .property(IPADDR, "IPAddr", p.getAddr())
                .linkLabel(p.getNumPackets() + " pkts\n" + bytes(p.getBytes()))
                .linkThickness(thickness)
                .display("Applications", String.join("<br>", p.getApplicationsList()))
                .display("DNS Names", String.join("<br>", p.getDNSNamesList()))
                .display("SNIs", snis.append("</table>").toString());
    }

    /**
     * An entity per distinct key of the records of {@code type}, the number of records that gave it on the link;
     * with {@code property}, the key also as that property.
     */
    static <T extends Message> Body counted(Class<T> type, String entity, Function<T, List<String>> keys,
                                                    String property) {
        return tallied(type, entity, r -> keys.apply(r).stream().map(k -> Map.entry(k, k)), property);
    }

    /**
     * An entity per name of the number {@code code} gives for each record of {@code type} (an EtherType, a DNS op
     * code: the name as {@code names} gives it), its first number as {@code property}, the records on the link.
     */
    static <T extends Message> Body named(Class<T> type, String entity, ToIntFunction<T> code, IntFunction<String> names,
                                          String property) {
        return namedEach(type, entity, r -> IntStream.of(code.applyAsInt(r)), names, property);
    }

    /** As {@link #named} for the numbers of a record's parts (the group records of an IGMP message); "" unnamed. */
    static <T extends Message> Body namedEach(Class<T> type, String entity, Function<T, IntStream> codes,
                                              IntFunction<String> names, String property) {
        return tallied(type, entity, r -> codes.apply(r).mapToObj(c -> Map.entry(names.apply(c),
                Integer.toUnsignedString(c))), property);
    }

    /**
     * An entity per distinct non-empty key of the (key, property value) pairs {@code keys} gives for each record of
     * {@code type}, the number of pairs that gave it on the link; with {@code property}, the value of its first pair
     * as that property.
     */
    private static <T extends Message> Body tallied(Class<T> type, String entity,
                                                    Function<T, Stream<Map.Entry<String, String>>> keys, String property) {
        return (in, out, context) -> {
            Path file = recordFile(in, type);
            Map<String, long[]> counts = new LinkedHashMap<>();
            Map<String, String> first = new HashMap<>();
            each(file, type, (T r) -> keys.apply(r).filter(k -> !k.getKey().isEmpty()).forEach(k -> {
                counts.computeIfAbsent(k.getKey(), x -> new long[1])[0]++;
                first.putIfAbsent(k.getKey(), k.getValue());
            }));
            counts.forEach((k, n) -> {
                MaltegoResponse.Entity e = out.entity(entity, k).property("path", "Path", file.toString());
                if (property != null) {
                    e.property(property, Character.toUpperCase(property.charAt(0)) + property.substring(1), first.get(k));
                }
                e.linkLabel(Long.toString(n[0]));
            });
        };
    }

    /**
     * toDHCP: the text options of the DHCP messages of the client address, each once, as netcap.Device: "Hostname:
     * x" (12), "Domain Name: x" (15), "Vendor Class Identifier: x" (60), "Option N: x" for the others (the original
     * gave those an empty name). The original stopped at the first repeated option of a message; here the rest are read.
     */
    private static void dhcpOptions(LocalTransform in, MaltegoResponse out, Context context) throws IOException {
        Path file = recordFile(in, DHCPv4.class);
        String ip = in.get(IPADDR);
        each(file, DHCPv4.class, (DHCPv4 d) -> {
            if (!d.getClientIP().equals(ip)) {
                return;
            }
            for (DHCPOption o : d.getOptionsList()) {
                if (o.getData().length() != 1 && o.getData().indexOf('\uFFFD') < 0) {
                    String name = switch (o.getType()) {
                        case 12 -> "Hostname";
                        case 15 -> "Domain Name";
                        case 60 -> "Vendor Class Identifier";
                        default -> "Option " + o.getType();
                    };
                    out.entity("netcap.Device", name + ": " + o.getData()).property("path", "Path", file.toString());
                }
            }
        });
    }

    /** The original's text of a DNS message's flags: those set of AA, QR, RA, RD and TC, in that order. */
    static String dnsFlags(DNS d) {
        List<String> set = new ArrayList<>();
        boolean[] flags = {d.getAA(), d.getQR(), d.getRA(), d.getRD(), d.getTC()};
        String[] names = {"AA", "QR", "RA", "RD", "TC"};
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                set.add(names[i]);
            }
        }
        return String.join(",", set);
    }

    /** The two addresses of a flow identifier {@code src:port->dst:port} (IPv6 addresses unbracketed). */
    static List<String> flowAddresses(String flow) {
        int arrow = flow.indexOf("->");
        if (arrow < 0) {
            return List.of();
        }
        List<String> addresses = new ArrayList<>(2);
        for (String end : new String[] {flow.substring(0, arrow), flow.substring(arrow + 2)}) {
            int colon = end.lastIndexOf(':');
            if (colon > 0) {
                addresses.add(end.substring(0, colon));
            }
        }
        return addresses;
    }

    /** The original's text of a segment's flags: those set, in header order from FIN, joined by commas. */
    static String tcpFlags(TCP t) {
        List<String> set = new ArrayList<>();
        boolean[] flags = {t.getFIN(), t.getSYN(), t.getRST(), t.getPSH(), t.getACK(), t.getURG(), t.getECE(),
                t.getCWR(), t.getNS()};
        String[] names = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS"};
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                set.add(names[i]);
            }
        }
        return String.join(",", set);
    }

    /**
     * Extracted files: those the address sent (toFiles), or those of one sniffed type, of the address when it is
     * given (toFilesForContentType); an image is a maltego.Image whose icon is the stored file.
     */
    private static void files(LocalTransform in, MaltegoResponse out, boolean ofType) throws IOException {
        Path file = recordFile(in, File.class);
        String ip = in.get(IPADDR);
        String wanted = ofType ? required(in, "properties.contenttype") : "";
        each(file, File.class, (File f) -> {
            String type = f.getContentTypeDetected();
            String bare = withoutParameters(type);
            boolean mine = ofType ? (ip.isEmpty() || f.getSrcIP().equals(ip) || f.getDstIP().equals(ip)) && bare.equals(wanted)
                    : f.getSrcIP().equals(ip) && !f.getName().isEmpty();
            if (!mine) {
                return;
            }
            String value = f.getName() + "\n" + (ofType ? f.getLength() + " bytes" : type);
            Path stored = stored(file, f.getLocation());
            out.entity(bare.startsWith("image/") ? "maltego.Image" : "netcap.File", value)
                    .property("path", "Path", file.toString())
                    .property(IPADDR, IPADDR_LABEL, ip)
                    .property("location", "Location", f.getLocation())
                    .property("name", "Name", f.getName())
                    .property("length", "Length", Long.toString(f.getLength()))
                    .icon(f.getLocation().isEmpty() ? null : stored.toUri().toString())
                    .display("Netcap Info", fileInfo(f));
        });
    }

    /** A File record's detail view. */
    static String fileInfo(File f) {
        return "<h3>File</h3><p>Timestamp: " + GoValues.utc(f.getTimestamp()) + "</p><p>Source: " + html(f.getSource())
                + "</p><p>MD5: " + f.getHash() + "</p><p>SHA-256: " + f.getSHA256() + "</p><p>ContentType: "
                + html(f.getContentType()) + "</p><p>ContentTypeDetected: " + html(f.getContentTypeDetected())
                + "</p><p>Host: " + html(f.getHost()) + "</p><p>Length: " + f.getLength() + "</p><p>Ident: "
                + html(f.getIdent()) + "</p><p>SrcIP: " + f.getSrcIP() + "</p><p>DstIP: " + f.getDstIP()
                + "</p><p>SrcPort: " + f.getSrcPort() + "</p><p>DstPort: " + f.getDstPort() + "</p><p>Location: "
                + html(f.getLocation()) + "</p>";
    }

    /** Every mail: subject and sender; its plain text parts and its attachments' types and names in the detail view. */
    private static void emails(LocalTransform in, MaltegoResponse out, Context context) throws IOException {
        Path file = recordFile(in, Mail.class);
        each(file, Mail.class, (Mail m) -> email(out, m, file, m.getTimestamp()));
    }

    /** A mail as toEmails shows it; {@code timestamp} is the mail's, or that of the POP3 session that fetched it. */
    static void email(MaltegoResponse out, Mail m, Path file, long timestamp) {
        StringBuilder text = new StringBuilder();
        StringBuilder attachments = new StringBuilder();
        for (MailPart p : m.getBodyList()) {
            String type = p.getHeaderOrDefault("Content-Type", "");
            if (!type.isEmpty() && p.getHeaderOrDefault("Content-Disposition", "").contains("attachment")) {
                attachments.append("<br>Attachment Content Type: ").append(html(type)).append("<br>Filename: ")
                        .append(html(p.getFilename())).append("<br><br>");
            } else if (type.isEmpty() || type.contains("text/plain")) {
                text.append(html(p.getContent())).append('\n');
            }
        }
        out.entity("netcap.Email", m.getSubject() + "\n" + m.getFrom())
                .property("path", "Path", file.toString())
                .display("Netcap Info", "<h3>EMail: " + html(m.getSubject()) + "</h3><p>Timestamp First: "
                        + GoValues.utc(timestamp) + "</p><p>From: " + html(m.getFrom()) + "</p><p>To: "
                        + html(m.getTo()) + "</p><p>Text: " + text + "</p><p>Additional parts: " + attachments
                        + "</p>");
    }

    /**
     * The ports of the address's IPProfile in one of its three lists (as the capture fills them, docs/engine.md), each
     * with its service name for the port's transport (the capture's service names: IANA's list in the database
     * directory, else /etc/services).
     */
    private static Body ports(String entity, Function<IPProfile, List<Port>> ports) {
        return (in, out, context) -> {
            Path file = recordFile(in, IPProfile.class);
            String ip = in.get(IPADDR);
            List<IPProfile> profiles = matching(file, IPProfile.class, p -> p.getAddr().equals(ip));
            if (profiles.isEmpty()) {
                return;
            }
            ServiceNames names = serviceNames(context);
            for (IPProfile p : profiles) {
                List<Port> list = ports.apply(p);
                LongSummaryStatistics range = list.stream().mapToLong(x -> x.getStats().getPackets()).summaryStatistics();
                for (Port port : list) {
                    String number = Integer.toString(port.getPortNumber());
                    String label = number + "\n" + (names == null ? "" : names.name(port.getPortNumber(), port.getProtocol()));
                    out.entity(entity, label).property("path", "Path", file.toString())
                            .property("label", "Label", label)
                            .property("port", "Port", number)
                            .linkLabel(port.getStats().getPackets() + " pkts")
                            .linkThickness(MaltegoResponse.thickness(port.getStats().getPackets(), range))
                            .display("Netcap Info", GoValues.utc(p.getTimestampFirst()) + " " + p.getAddr() + "<br>");
                }
            }
        };
    }

    /** Service names and the bytes of the conversations their records count (each server's first one). */
    private static void serviceTypes(LocalTransform in, MaltegoResponse out, Context context) throws IOException {
        Path file = recordFile(in, Service.class);
        Map<String, long[]> bytes = new LinkedHashMap<>();
        each(file, Service.class, (Service s) -> {
            if (!s.getName().isEmpty()) {
                bytes.computeIfAbsent(s.getName(), k -> new long[1])[0] += s.getBytesClient() + s.getBytesServer();
            }
        });
        bytes.forEach((name, n) -> out.entity("netcap.ServiceType", name).property("path", "Path", file.toString())
                .linkLabel(bytes(n[0])));
    }

    private static void geolocation(LocalTransform in, MaltegoResponse out, Context context) throws IOException {
        Path file = recordFile(in, IPProfile.class);
        String ip = in.get(IPADDR);
        each(file, IPProfile.class, (IPProfile p) -> {
            if (p.getAddr().equals(ip) && !p.getGeolocation().isEmpty()) {
                out.entity("netcap.Location", p.getGeolocation()).property("path", "Path", file.toString())
                        .linkLabel(p.getNumPackets() + " pkts")
                        .linkThickness(MaltegoResponse.thickness(p.getNumPackets(), 0, p.getNumPackets()));
            }
        });
    }

    /**
     * The clients of DHCP requests (operation 1), once per hardware address and fingerprint; host name (option 12),
     * domain (15) and vendor class (60) when they are printable text.
     */
    private static void dhcpClients(LocalTransform in, MaltegoResponse out, Context context) throws IOException {
        Path file = recordFile(in, DHCPv4.class);
        each(file, DHCPv4.class, (DHCPv4 d) -> {
            if (d.getOperation() != 1) {
                return;
            }
            MaltegoResponse.Entity e = out.entity("netcap.DHCPClient", d.getClientHWAddr() + "\n" + d.getFingerprint())
                    .property("path", "Path", file.toString())
                    .property("timestamp", "Timestamp", GoValues.utc(d.getTimestamp()))
                    .property("clientIP", "ClientIP", d.getClientIP())
                    .property("serverIP", "ServerIP", d.getNextServerIP())
                    .property("fp", "Fingerprint", d.getFingerprint())
                    .property("clientMac", "ClientHWAddr", d.getClientHWAddr());
            for (DHCPOption o : d.getOptionsList()) {
                String name = o.getType() == 60 ? "vendor" : o.getType() == 12 ? "host" : o.getType() == 15 ? "domain" : null;
                String text = text(o);
                if (name != null && !text.isEmpty()) {
                    e.property(name, name.equals("vendor") ? "Vendor" : name.equals("host") ? "Hostname" : "Domain",
                            text);
                }
            }
        });
    }

    /** A DHCP option's data when it is text as the original takes it (ASCII, two characters or more), else "". */
    static String text(DHCPOption o) {
        String data = o.getData();
        return data.length() > 1 && data.chars().allMatch(c -> c < 0x80) ? data : "";
    }

    /**
     * toMD5HashesForFileName, toMD5HashesForImage: the MD5 of every extracted file of the input's {@code name} and
     * {@code length} (as toFiles and toFilesForContentType give them), the record in the detail view.
     */
    private static void md5Hashes(LocalTransform in, MaltegoResponse out, Context context) throws IOException {
        Path file = recordFile(in, File.class);
        String name = in.get("name");
        long length;
        try {
            length = Long.parseLong(in.get("length"));
        } catch (NumberFormatException e) {
            throw new Failure("invalid length value: " + in.get("length"));
        }
        each(file, File.class, (File f) -> {
            if (f.getName().equals(name) && f.getLength() == length) {
                out.entity("netcap.MD5Hash", f.getHash()).property("path", "Path", file.toString())
                        .display("Netcap Info", fileInfo(f));
            }
        });
    }

    /** The sniffed types of the extracted files: all, or ({@code ofAddress}) those the input address sent or got. */
    private static void fileTypes(LocalTransform in, MaltegoResponse out, boolean ofAddress) throws IOException {
        Path file = recordFile(in, File.class);
        String ip = in.get(IPADDR);
        each(file, File.class, (File f) -> {
            if (!ofAddress || f.getSrcIP().equals(ip) || f.getDstIP().equals(ip)) {
                out.entity("netcap.ContentType", withoutParameters(f.getContentTypeDetected()))
                        .property("path", "Path", file.toString())
                        .property(IPADDR, IPADDR_LABEL, ip);
            }
        });
    }

    /** A media type without its parameters: {@code text/plain} of {@code text/plain; charset=utf-8}. */
    static String withoutParameters(String contentType) {
        int semicolon = contentType.indexOf(';');
        return semicolon >= 0 ? contentType.substring(0, semicolon) : contentType;
    }

    /** HTML text for a detail view. */
    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;")
                .replace("'", "&#39;");
    }

    /**
     * A byte count as go-humanize's {@code Bytes} writes it, which the original's link labels use: SI units,
     * {@code 9 B}, {@code 1.5 kB}, {@code 83 MB}.
     */
    static String bytes(long n) {
        if (n < 10) {
            return n + " B";
        }
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        int e = (int) Math.floor(Math.log(n) / Math.log(1000));
        double v = Math.floor(n / Math.pow(1000, e) * 10 + 0.5) / 10;
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[e]);
    }

    /** For {@code net transform -h}: the transforms, their inputs and what they give. */
    public static String usage() {
        StringBuilder sb = new StringBuilder();
        for (Transform t : EVERY) {
            sb.append(String.format(Locale.ROOT, "  %-24s from %s: %s%n", t.name(), t.input(), t.description()));
        }
        return sb.toString();
    }
}
