package io.netcap.decoder.stream.ftp;

import java.util.Set;

/** FTP command names (RFC 959 section 4.1, RFC 2228, RFC 2389, RFC 2428, RFC 3659) and what they transfer. */
final class FtpCommands {
    /** Commands whose data connection carries a file. */
    private static final Set<String> FILES = Set.of("RETR", "STOR", "STOU", "APPE");
    /** Commands whose data connection carries a listing. */
    private static final Set<String> LISTINGS = Set.of("LIST", "NLST", "MLSD");
    /** Commands a client opens a session with, for the probe. */
    static final Set<String> KNOWN = Set.of("USER", "PASS", "ACCT", "AUTH", "FEAT", "SYST", "OPTS", "PWD", "XPWD",
            "CWD", "TYPE", "PASV", "EPSV", "PORT", "EPRT", "LIST", "NLST", "MLSD", "MLST", "RETR", "STOR", "STOU",
            "APPE", "QUIT", "NOOP", "HOST", "CLNT", "LANG", "PBSZ", "PROT", "SITE", "SIZE", "MDTM", "REST", "ABOR",
            "HELP", "STAT", "MODE", "STRU", "CDUP", "MKD", "RMD", "DELE", "RNFR", "RNTO");

    private FtpCommands() {}

    static boolean isFileTransfer(String command) {
        return FILES.contains(command);
    }

    static boolean isTransfer(String command) {
        return FILES.contains(command) || LISTINGS.contains(command);
    }

    /** The last element of a path as a file name; {@code unknown} when there is none. */
    static String fileName(String path) {
        if (path == null) {
            return "unknown";
        }
        int cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        String name = path.substring(cut + 1).strip();
        return name.isEmpty() ? "unknown" : name;
    }
}
