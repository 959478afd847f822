package io.netcap.packet.source;

/**
 * LINKTYPE_* values of the tcpdump.org link-layer header type registry, as stored in pcap and
 * pcapng files (not the DLT_* values of some platforms' headers, which differ for a few types).
 */
public final class LinkType {
    private LinkType() {}

    /**
     * DLT_* values of libpcap's API where they differ from the LINKTYPE_* value: raw IP is DLT_RAW 12 on most
     * platforms and 14 on OpenBSD, LLC/SNAP over ATM is DLT_ATM_RFC1483 11. Old capture files carry them as
     * their link type, and libpcap reports them for live interfaces.
     */
    public static final int DLT_RAW = 12;
    public static final int DLT_RAW_OPENBSD = 14;
    public static final int DLT_ATM_RFC1483 = 11;

    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    public static final int AX25 = 3;
    public static final int IEEE802_5 = 6;
    public static final int ARCNET_BSD = 7;
    public static final int SLIP = 8;
    public static final int PPP = 9;
    public static final int FDDI = 10;
    public static final int PPP_HDLC = 50;
    public static final int PPP_ETHER = 51;
    public static final int ATM_RFC1483 = 100;
    public static final int RAW = 101;
    public static final int C_HDLC = 104;
    public static final int IEEE802_11 = 105;
    public static final int FRELAY = 107;
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int LTALK = 114;
    public static final int PFLOG = 117;
    public static final int IEEE802_11_PRISM = 119;
    public static final int IP_OVER_FC = 122;
    public static final int SUNATM = 123;
    public static final int IEEE802_11_RADIOTAP = 127;
    public static final int ARCNET_LINUX = 129;
    public static final int APPLE_IP_OVER_IEEE1394 = 138;
    public static final int MTP2_WITH_PHDR = 139;
    public static final int MTP2 = 140;
    public static final int MTP3 = 141;
    public static final int SCCP = 142;
    public static final int DOCSIS = 143;
    public static final int LINUX_IRDA = 144;
    public static final int IEEE802_11_AVS = 163;
    public static final int BACNET_MS_TP = 165;
    public static final int PPP_PPPD = 166;
    public static final int GPRS_LLC = 169;
    public static final int LINUX_LAPD = 177;
    public static final int BLUETOOTH_HCI_H4 = 187;
    public static final int USB_LINUX = 189;
    public static final int PPI = 192;
    public static final int IEEE802_15_4_WITHFCS = 195;
    public static final int SITA = 196;
    public static final int ERF = 197;
    public static final int BLUETOOTH_HCI_H4_WITH_PHDR = 201;
    public static final int AX25_KISS = 202;
    public static final int LAPD = 203;
    public static final int PPP_WITH_DIR = 204;
    public static final int C_HDLC_WITH_DIR = 205;
    public static final int FRELAY_WITH_DIR = 206;
    public static final int IPMB_LINUX = 209;
    public static final int IEEE802_15_4_NONASK_PHY = 215;
    public static final int USB_LINUX_MMAPPED = 220;
    public static final int FC_2 = 224;
    public static final int FC_2_WITH_FRAME_DELIMS = 225;
    public static final int IPNET = 226;
    public static final int CAN_SOCKETCAN = 227;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int IEEE802_15_4_NOFCS = 230;
    public static final int DBUS = 231;
    public static final int DVB_CI = 235;
    public static final int MUX27010 = 236;
    public static final int STANAG_5066_D_PDU = 237;
    public static final int NFLOG = 239;
    public static final int NETANALYZER = 240;
    public static final int NETANALYZER_TRANSPARENT = 241;
    public static final int IPOIB = 242;
    public static final int MPEG_2_TS = 243;
    public static final int NG40 = 244;
    public static final int NFC_LLCP = 245;
    public static final int INFINIBAND = 247;
    public static final int SCTP = 248;
    public static final int USBPCAP = 249;
    public static final int RTAC_SERIAL = 250;
    public static final int BLUETOOTH_LE_LL = 251;
    public static final int NETLINK = 253;
    public static final int BLUETOOTH_LINUX_MONITOR = 254;
    public static final int BLUETOOTH_BREDR_BB = 255;
    public static final int BLUETOOTH_LE_LL_WITH_PHDR = 256;
    public static final int PROFIBUS_DL = 257;
    public static final int PKTAP = 258;
    public static final int EPON = 259;
    public static final int IPMI_HPM_2 = 260;
    public static final int ZWAVE_R1_R2 = 261;
    public static final int ZWAVE_R3 = 262;
    public static final int WATTSTOPPER_DLM = 263;
    public static final int ISO_14443 = 264;
    public static final int RDS = 265;
    public static final int USB_DARWIN = 266;
    public static final int SDLC = 268;
    public static final int LORATAP = 270;
    public static final int VSOCK = 271;
    public static final int NORDIC_BLE = 272;
    public static final int DOCSIS31_XRA31 = 273;
    public static final int ETHERNET_MPACKET = 274;
    public static final int DISPLAYPORT_AUX = 275;
    public static final int LINUX_SLL2 = 276;
    public static final int OPENVIZSLA = 278;
    public static final int EBHSCR = 279;
    public static final int VPP_DISPATCH = 280;
    public static final int DSA_TAG_BRCM = 281;
    public static final int DSA_TAG_BRCM_PREPEND = 282;
    public static final int IEEE802_15_4_TAP = 283;
    public static final int DSA_TAG_DSA = 284;
    public static final int DSA_TAG_EDSA = 285;
    public static final int ELEE = 286;
    public static final int Z_WAVE_SERIAL = 287;
    public static final int USB_2_0 = 288;
    public static final int ATSC_ALP = 289;
    public static final int ETW = 290;
    public static final int ZBOSS_NCP = 292;
    public static final int USB_2_0_LOW_SPEED = 293;
    public static final int USB_2_0_FULL_SPEED = 294;
    public static final int USB_2_0_HIGH_SPEED = 295;
    public static final int AUERSWALD_LOG = 296;
    public static final int ZWAVE_TAP = 297;
    public static final int SILABS_DEBUG_CHANNEL = 298;
    public static final int FIRA_UCI = 299;
    public static final int MDB = 300;
    public static final int DECT_NR = 301;

    /** The short name tcpdump/libpcap uses for a link type ("EN10MB" style names are not used). */
    public static String name(int linkType) {
        return switch (linkType) {
            case NULL -> "NULL";
            case ETHERNET -> "ETHERNET";
            case PPP -> "PPP";
            case FDDI -> "FDDI";
            case RAW -> "RAW";
            case IEEE802_11 -> "IEEE802_11";
            case LOOP -> "LOOP";
            case LINUX_SLL -> "LINUX_SLL";
            case IEEE802_11_RADIOTAP -> "IEEE802_11_RADIOTAP";
            case USB_LINUX -> "USB_LINUX";
            case USB_LINUX_MMAPPED -> "USB_LINUX_MMAPPED";
            case IPV4 -> "IPV4";
            case IPV6 -> "IPV6";
            case LINUX_SLL2 -> "LINUX_SLL2";
            default -> "LINKTYPE_" + linkType;
        };
    }
}
