package io.netcap.cli;

import io.netcap.label.AlertFile;
import io.netcap.label.Eve;
import io.netcap.label.FastLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/** Suricata's alert files, and a run of {@code suricata} on a capture when it is installed (docs/labeling.md). */
final class Suricata {
    static final String MISSING = "suricata is not installed (not on PATH): give the alerts of a run elsewhere with"
            + " -fast-log FILE (and -tz ZONE of that sensor) or -eve FILE";

    /** Suricata did not run or failed; the message says why. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    private Suricata() {}

    /** The {@code suricata} program on the PATH, or null. */
    static Path program() {
        return ProgramPath.find("suricata", System.getenv("PATH"));
    }

    static AlertFile fastLog(Path file, String name, ZoneId zone) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return FastLog.read(r, name, zone);
        }
    }

    static AlertFile eve(Path file, String name) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return Eve.read(r, name);
        }
    }

    /**
     * Runs {@code suricata -c CONF -r PCAP -l LOGDIR} (LOGDIR: the capture's path without {@code .pcap} /
     * {@code .pcapng}, as the original; its fast.log, eve.json and stats.log deleted first) and reads the
     * eve.json it wrote, or its fast.log (written in this machine's zone).
     */
    static AlertFile run(Path pcap, String config, ZoneId zone, PrintWriter err) throws IOException, Failure {
        Path suricata = program();
        if (suricata == null) {
            throw new Failure(MISSING);
        }
        String name = pcap.getFileName().toString().replaceFirst("\\.(pcap|pcapng)$", "");
        Path logDir = pcap.resolveSibling(name.equals(pcap.getFileName().toString()) ? name + ".suricata" : name);
        Files.createDirectories(logDir);
        for (String f : List.of("fast.log", "eve.json", "stats.log")) {
            Files.deleteIfExists(logDir.resolve(f));
        }
        err.println("scanning " + pcap + " with suricata...");
        Process p = new ProcessBuilder(suricata.toString(), "-c", config, "-r", pcap.toString(), "-l", logDir.toString())
                .redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        int status;
        try {
            status = p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
            throw new Failure("interrupted while suricata ran");
        }
        if (status != 0) {
            throw new Failure("suricata failed (exit status " + status + "): " + new String(output, StandardCharsets.UTF_8).strip());
        }
        Path eveFile = logDir.resolve("eve.json");
        Path fast = logDir.resolve("fast.log");
        err.println("done. reading alerts from " + (Files.exists(eveFile) ? eveFile : fast));
        return Files.exists(eveFile) ? eve(eveFile, eveFile.toString()) : fastLog(fast, fast.toString(), zone);
    }
}
