package io.netcap.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * {@code capture -cpuprof} and {@code -memprof} (docs/engine.md, "Profiles"): what the original wrote as Go pprof
 * files, here Java Flight Recorder recordings of the run, read with {@code jfr print} or JDK Mission Control. Both use
 * the JDK's "profile" settings (method samples every 10 ms, allocation samples, locks, collections); the memory
 * profile adds the heap's class histogram at its start and end and samples of old objects with their paths to the
 * roots.
 */
final class RunProfiles implements AutoCloseable {
    private final List<Recording> recordings = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();

    /** Starts the recordings asked for; {@code cpu} or {@code mem} null: not that one. */
    static RunProfiles start(Path cpu, Path mem) throws IOException {
        RunProfiles p = new RunProfiles();
        try {
            if (cpu != null) {
                p.add(new Recording(Configuration.getConfiguration("profile")), cpu, "netcap CPU profile");
            }
            if (mem != null) {
                Recording r = new Recording(Configuration.getConfiguration("profile"));
                r.enable("jdk.ObjectCount").with("period", "everyChunk");
                r.enable("jdk.OldObjectSample").withStackTrace().with("cutoff", "infinity");
                p.add(r, mem, "netcap memory profile");
            }
        } catch (ParseException e) {
            throw new IOException("the JDK's profile settings: " + e.getMessage(), e);
        }
        return p;
    }

    private void add(Recording r, Path file, String name) {
        r.setName(name);
        r.setToDisk(true);
        r.start();
        recordings.add(r);
        files.add(file);
    }

    /** The files written by {@link #close}. */
    List<Path> files() {
        return files;
    }

    /** Stops the recordings and writes them to their files. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (int i = 0; i < recordings.size(); i++) {
            try (Recording r = recordings.get(i)) {
                r.stop();
                Path file = files.get(i).toAbsolutePath();
                Files.createDirectories(file.getParent());
                r.dump(file);
            } catch (IOException e) {
                first = first == null ? new IOException(files.get(i) + ": " + IoReason.describe(e), e) : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
