package io.netcap.packet.source;

import io.netcap.packet.Packet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Passes on the packets of a file source that match a BPF expression. The expression is compiled
 * once per link type met (a pcapng file can mix them); a link type it does not compile for is
 * reported once as a defect and its packets are dropped, as they could never match.
 */
final class FilteredSource implements PacketSource {
    private final PacketSource source;
    private final String expression;
    private final Map<Integer, BpfProgram> programs = new HashMap<>();
    private final List<Defect> defects = new ArrayList<>();
    private long passed;
    private long rejected;

    FilteredSource(PacketSource source, String expression) throws IOException {
        this.source = source;
        this.expression = expression;
        if (source instanceof PcapReader pcap && pcap.defects().isEmpty()) {
            // The link type is known now: a filter that does not compile fails at open, as in tcpdump.
            programs.put(pcap.linkType(), BpfProgram.compile(expression, pcap.linkType()));
        } else {
            Libpcap.get();
            // a link type met later that the filter does not compile for is a defect of the file; a filter that
            // compiles for none is the caller's error, at open as for a pcap file
            String syntax = BpfProgram.syntaxError(expression);
            if (syntax != null) {
                throw new IOException("BPF filter \"" + expression + "\" does not compile: " + syntax);
            }
        }
    }

    @Override
    public Packet next() throws IOException {
        Packet p;
        while ((p = source.next()) != null) {
            BpfProgram program = program(p.linkType());
            if (program != null && program.matches(p.buffer(), p.offset(), p.capturedLength(), p.wireLength())) {
                passed++;
                return p;
            }
            rejected++;
        }
        return null;
    }

    private BpfProgram program(int linkType) {
        if (programs.containsKey(linkType)) {
            return programs.get(linkType);
        }
        BpfProgram program = null;
        try {
            program = BpfProgram.compile(expression, linkType);
        } catch (IOException e) {
            defects.add(new Defect(-1, e.getMessage()));
        }
        programs.put(linkType, program);
        return program;
    }

    @Override
    public List<Defect> defects() {
        if (defects.isEmpty()) {
            return source.defects();
        }
        List<Defect> all = new ArrayList<>(source.defects());
        all.addAll(defects);
        return all;
    }

    @Override
    public long packetsRead() {
        return passed;
    }

    /** Packets the filter dropped. */
    long rejected() {
        return rejected;
    }

    @Override
    public String description() {
        return source.description() + " filtered by \"" + expression + "\"";
    }

    @Override
    public void close() throws IOException {
        for (BpfProgram program : programs.values()) {
            if (program != null) {
                program.close();
            }
        }
        programs.clear();
        source.close();
    }
}
