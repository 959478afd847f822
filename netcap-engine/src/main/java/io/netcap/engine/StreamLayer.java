package io.netcap.engine;

import io.netcap.decoder.AppDecoding;
import io.netcap.decoder.DecoderTimes;
import io.netcap.decoder.WireSink;
import io.netcap.decoder.Protocols;
import io.netcap.decoder.flow.PacketFacts;
import io.netcap.decoder.flow.ShardKey;
import io.netcap.decoder.resolve.Log;
import io.netcap.decoder.resolve.ResolverConfig;
import io.netcap.decoder.resolve.Resolvers;
import io.netcap.decoder.resolve.ServiceNames;
import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.ConversationDumps;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.Endpoints;
import io.netcap.decoder.stream.Ipv4DefragCounters;
import io.netcap.decoder.stream.Ipv4Defragmenter;
import io.netcap.decoder.stream.ReassemblyConfig;
import io.netcap.decoder.stream.ReassemblyCounters;
import io.netcap.decoder.stream.ReassemblyTrace;
import io.netcap.decoder.stream.SegmentHeader;
import io.netcap.decoder.stream.StreamCounters;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.StreamProtocol;
import io.netcap.decoder.stream.StreamProtocols;
import io.netcap.decoder.stream.StreamSelector;
import io.netcap.decoder.stream.StreamTally;
import io.netcap.decoder.stream.TcpChecksum;
import io.netcap.decoder.stream.TcpReassembler;
import io.netcap.decoder.stream.TcpStreams;
import io.netcap.decoder.stream.UdpConversations;
import io.netcap.decoder.stream.credentials.CredentialStore;
import io.netcap.decoder.stream.credentials.Harvesting;
import io.netcap.decoder.stream.files.FileCounters;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.decoder.stream.files.FileStore;
import io.netcap.decoder.stream.StreamShared;
import io.netcap.decoder.stream.http.MimeSniffer;
import java.nio.file.Path;
import io.netcap.engine.config.StreamConfig;
import io.netcap.packet.Packet;
import io.netcap.packet.layer.Addresses;
import io.netcap.packet.layer.LayerKind;
import io.netcap.packet.layer.LayerParser;
import io.netcap.packet.layer.Layers;
import io.netcap.packet.layer.TcpView;
import io.netcap.packet.source.LinkType;
import io.netcap.types.RecordType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One worker's stream layer (docs/streams.md): IPv4 defragmentation, then TCP reassembly and UDP
 * conversations feeding the stream decoders. The engine shards every packet of a flow to one worker, so this
 * state needs no locks. The one exception is a datagram reassembled from fragments: fragments shard by their
 * addresses alone, the datagram by its ports too, so when it belongs to another worker it is handed over
 * ({@code handoff}) and enters that worker's stream layer through {@link #reassembled}.
 */
final class StreamLayer {
    private static final int IP_TCP = 6;
    private static final int IP_UDP = 17;

    private final StreamConfig config;
    private final int worker;
    private final int workers;
    private final BiConsumer<Integer, Packet> handoff;
    private final Ipv4Defragmenter defrag;
    private final TcpReassembler<FlowKey> tcp;
    /** The key every TCP segment is looked up with; the reassembler stores a copy when it opens a connection. */
    private final FlowKey probe = new FlowKey(0, 0, 0, 0, 0, 0, false);
    private final UdpConversations<FlowKey> udp;
    private final StreamCounters streams = new StreamCounters();
    private final DecoderTimes.Sampler timing = new DecoderTimes.Sampler();
    private final TcpView tcpView = new TcpView();
    /** The window and options of the current segment, for the option check ({@code -nooptcheck=false}). */
    private final SegmentHeader segmentHeader = new SegmentHeader();
    private final FileExtraction files;
    private final ConversationDumps dumps;
    /** Credential harvesting, or null when Credentials records are off. */
    private final Harvesting harvesting;
    /** The parse of reassembled datagrams, apart from the worker's parse of the current packet. */
    private final LayerParser parser = new LayerParser(Protocols.routes(), false);
    private final PacketFacts datagramFacts = new PacketFacts();
    private final PacketFacts innerFacts = new PacketFacts();
    /** The packet being handled: a conversation opened by it takes its link addresses. */
    private PacketFacts current;
    private final boolean context;
    /** The Connection record's accounting of a packet's connection, or null without Connection records. */
    private Function<PacketFacts, StreamTally> tallies;
    /** {@code -tcp-debug}'s line per segment, or null. */
    private final ReassemblyTrace.Worker segmentTrace;
    private long segments;
    private long datagrams;
    private long handedOver;

    /**
     * @param protocols the stream decoders that may run (the registry's rows for the selected record types)
     * @param records the worker's record sink
     * @param files   file extraction ({@link #files}), or {@link FileExtraction#OFF}
     * @param dumps   the {@code -conns} dumps ({@link #dumps}), or null
     * @param errors  counts a stream's problem by kind (no packet goes to errors.pcap: a stream has many)
     * @param handoff gives a reassembled datagram to the worker of that index
     * @param tables  the capture-wide tables all workers share (the credential store: {@link #credentials})
     */
    StreamLayer(StreamConfig shared, List<StreamProtocol> protocols, boolean context, int worker, int workers,
                RecordSink records, FileExtraction files, ConversationDumps dumps, StreamEnv.StreamErrors errors,
                BiConsumer<Integer, Packet> handoff, StreamShared tables) {
        this.dumps = dumps;
        this.context = context;
        this.config = shared.share(workers);
        this.worker = worker;
        this.workers = workers;
        this.handoff = handoff;
        StreamSelector selector = new StreamSelector(protocols);
        // records in wire format (HTTP's) go straight into the worker's chunks; others are serialised there
        AppDecoding.Sink sink = records instanceof WireSink chunks ? new AppDecoding.Sink() {
            @Override
            public void accept(RecordType type, com.google.protobuf.Message record) {
                records.accept(type, record);
            }

            @Override
            public void accept(RecordType type, byte[] record, int length) {
                chunks.accept(type, record, length);
            }
        } : records::accept;
        this.harvesting = tables.credentials() == null ? null
                : new Harvesting(config.harvest(), tables.credentials(), sink, errors);
        StreamEnv env = new StreamEnv(sink, files, errors, tables, harvesting);
        this.files = files;
        this.defrag = config.ip4defrag() ? new Ipv4Defragmenter(config.defrag()) : null;
        ReassemblyTrace.Worker trace = tables.trace() == null ? null : tables.trace().worker();
        this.tcp = new TcpReassembler<>(config.tcp(),
                new TcpStreams<>(this::tcpConversation, selector, env, streams, config.maxUnconsumed(), dumps)
                        .tap(tables.services()).debug(tables.debug()).trace(trace))
                .keepKeys(FlowKey::copy);
        this.segmentTrace = trace != null && trace.segments() ? trace : null;
        this.udp = new UdpConversations<>(this::udpConversation, selector, env, streams,
                config.maxUdpConversations(), config.maxUnconsumed(), config.udpTimeout().toNanos(), dumps)
                .tap(tables.services()).debug(tables.debug());
    }

    /** File extraction under {@code <out>/<-fileStorage>} for one worker, or off. */
    static FileExtraction files(StreamConfig c, String out, RecordSink records) {
        if (c.fileStorage().isEmpty()) {
            return FileExtraction.OFF;
        }
        FileStore.Limits d = FileStore.Limits.defaults();
        return new FileStore(Path.of(out.isEmpty() ? "." : out), c.fileStorage(), c.writeIncomplete(),
                records::accept, new FileCounters(), MimeSniffer::detect,
                new FileStore.Limits(d.maxOpenBodies(), c.maxFileBytes(), d.outputBuffer()));
    }

    /** The credential store all workers share, or null when no Credentials record is to be written. */
    static CredentialStore credentials(StreamConfig c, Set<RecordType> types) {
        return c.reassemble() && types.contains(RecordType.Credentials) ? new CredentialStore() : null;
    }

    /**
     * The {@code -conns} dumps of one worker under {@code out}, or null; directories named by the services(5)
     * table (or the IANA file of the database directory), as the original names them.
     */
    static ConversationDumps dumps(StreamConfig c, String out) {
        if (!c.conns()) {
            return null;
        }
        ServiceNames names = Resolvers.services(ResolverConfig.databaseDirectory(System.getenv()),
                ServiceNames.SYSTEM_SERVICES, Log.NONE);
        return new ConversationDumps(Path.of(out.isEmpty() ? "." : out),
                names == null ? null : port -> names.name(port, "UDP")); // the original's quirk: the UDP table
    }

    /**
     * The registry's stream decoders that write one of {@code types}; with {@code -opts datagrams} the packet
     * decoders read DNS, Modbus and ENIP over TCP per packet, so their stream decoders stay off.
     */
    static List<StreamProtocol> enabled(Set<RecordType> types, boolean datagrams) {
        return StreamProtocols.all().stream()
                .filter(p -> p.records().stream().anyMatch(types::contains))
                .filter(p -> !(datagrams && StreamProtocols.ALSO_PER_PACKET.contains(p.name())))
                .toList();
    }

    /**
     * Attaches the Connection records' accounting (docs/streams.md, "Connection records and reassembly"): the
     * TCP connection of each packet reports its delivered and missed bytes to {@code tallies} of that packet,
     * which the worker's connection decoder has just counted.
     */
    void tallyWith(Function<PacketFacts, StreamTally> tallies) {
        this.tallies = tallies;
    }

    /** Lowers the reassembly table's cap under memory pressure ({@link TcpReassembler#shrink}). */
    void shrink() {
        tcp.shrink();
    }

    /** One packet, as the worker parsed it. */
    void handle(Layers layers, PacketFacts f) {
        if (f.fragment) {
            int ip = layers.firstNetwork();
            if (defrag != null && f.ipLength == 4 && ip >= 0) {
                byte[] d = defrag.offer(layers.buffer(), layers.offset(ip), layers.end() - layers.offset(ip),
                        f.timestampNanos);
                if (d != null) {
                    datagram(new Packet(f.timestampNanos, d.length, d.length, LinkType.IPV4, 0, d, 0));
                }
            }
            return;
        }
        transport(layers, f, true);
    }

    private void datagram(Packet p) {
        int owner = workers == 1 ? worker : ShardKey.of(p) % workers;
        if (owner != worker) {
            handedOver++;
            handoff.accept(owner, p);
        } else {
            reassembled(p);
        }
    }

    /** A datagram reassembled from fragments (here or by another worker): its transport goes on. */
    void reassembled(Packet p) {
        Layers l = parser.parse(p);
        transport(l, datagramFacts.fill(l), false);
    }

    /** @param counted {@code f} is the packet the connection decoder counted (not a tunnel's inner flow, not a datagram from fragments) */
    private void transport(Layers layers, PacketFacts f, boolean counted) {
        int t = layers.firstTransport();
        if (t < 0) {
            return;
        }
        if (f.transportProtocol != IP_TCP || network(layers, t) != layers.firstNetwork()) {
            // Like the original (the packet's first TCP layer), a TCP connection inside a tunnel (GRE, VXLAN,
            // Geneve) is reassembled; unlike it, under the tunnel's inner addresses, not the outer ones.
            int inner = layers.indexOf(LayerKind.TCP);
            int network = inner < 0 ? -1 : network(layers, inner);
            if (network >= 0 && (inner != t || network != layers.firstNetwork())) {
                f = innerFacts.fillAt(layers, network, inner);
                counted = false;
                if (f.fragment) {
                    return;
                }
                t = inner;
            }
        }
        current = f;
        if (f.transportProtocol == IP_TCP) {
            tcpView.wrap(layers, t);
            boolean forward = FlowKey.forward(f);
            ReassemblyConfig checks = config.tcp();
            if (segmentTrace != null) {
                segmentTrace.begin(tcp.counters());
            }
            if (checks.checksum() && !TcpChecksum.valid(f.srcIp, f.dstIp, f.ipLength, layers.buffer(),
                    layers.offset(t), layers.payloadOffset(t) + layers.payloadLength(t) - layers.offset(t))) {
                tcp.badChecksum(); // dropped before the reassembly, so it advances no state (docs/streams.md)
            } else {
                // timed for the metrics: the segment's reassembly with the stream decoding it leads to
                boolean timed = timing.next();
                long started = timed ? System.nanoTime() : 0;
                tcp.segment(probe.set(f, forward), forward, tcpView.seq(), f.tcpFlags, layers.buffer(),
                        layers.payloadOffset(t), layers.payloadLength(t), f.timestampNanos,
                        counted && tallies != null ? tallies.apply(f) : null, checks.optionCheck()
                                ? segmentHeader.set(tcpView.window(), layers.buffer(),
                                        layers.offset(t) + TcpView.OPTIONS, layers.payloadOffset(t))
                                : null);
                if (timed) {
                    DecoderTimes.record(DecoderTimes.Kind.REASSEMBLY, "", System.nanoTime() - started);
                }
            }
            if (segmentTrace != null) {
                segmentTrace.segment(f.timestampNanos, Addresses.ip(f.srcIp, 0, f.ipLength), f.srcPort,
                        Addresses.ip(f.dstIp, 0, f.ipLength), f.dstPort, tcpView.seq(), f.tcpFlags,
                        layers.payloadLength(t), tcp.counters());
            }
            if (++segments % config.flushEvery() == 0) {
                tick(f.timestampNanos);
            }
        } else if (f.transportProtocol == IP_UDP) {
            boolean forward = config.udpFiveTuple() ? FlowKey.forward(f) : FlowKey.portForward(f);
            FlowKey key = config.udpFiveTuple() ? FlowKey.of(f, forward) : FlowKey.ports(f, forward);
            udp.datagram(key, forward, layers.buffer(), layers.payloadOffset(t), layers.payloadLength(t),
                    f.timestampNanos);
            if (++datagrams % config.flushEvery() == 0) {
                udp.tick(f.timestampNanos);
            }
        }
    }

    /** The network layer right below layer {@code i}, or -1. */
    private static int network(Layers layers, int i) {
        for (int k = i - 1; k >= 0; k--) {
            if (layers.kind(k).role() == LayerKind.Role.NETWORK) {
                return k;
            }
        }
        return -1;
    }

    private void tick(long nowNanos) {
        tcp.tick(nowNanos);
        if (defrag != null) {
            defrag.expire(nowNanos);
        }
    }

    private Conversation tcpConversation(FlowKey k, boolean clientForward, long firstSeenNanos) {
        Conversation c = clientForward
                ? new Conversation(Conversation.Transport.TCP, k.aText(), k.aPort(), k.bText(), k.bPort(), firstSeenNanos)
                : new Conversation(Conversation.Transport.TCP, k.bText(), k.bPort(), k.aText(), k.aPort(), firstSeenNanos);
        return context ? c.withEndpoints(endpoints(k, clientForward)) : c;
    }

    /** Called while {@link #current}'s datagram opens the conversation, so its sender is the client. */
    private Conversation udpConversation(FlowKey k, boolean clientForward, long firstSeenNanos) {
        FlowKey own = FlowKey.of(current, true);
        Conversation c = new Conversation(Conversation.Transport.UDP, own.aText(), own.aPort(), own.bText(),
                own.bPort(), firstSeenNanos);
        return context ? c.withEndpoints(endpoints(own, true)) : c;
    }

    /** The raw endpoints of a key, client first; link addresses come from {@link #link}. */
    private Endpoints endpoints(FlowKey k, boolean clientForward) {
        byte[] a = k.aBytes();
        byte[] b = k.bBytes();
        int ipLength = k.v6() ? 16 : 4;
        return clientForward ? new Endpoints(a, b, ipLength, k.aPort(), k.bPort(), this::link)
                : new Endpoints(b, a, ipLength, k.bPort(), k.aPort(), this::link);
    }

    /**
     * The link addresses of a record of direction {@code d}: the current packet's, when it travels in that
     * direction of the conversation (it completed the record; link addresses differ per direction behind a
     * router, as the records of the packet decoders show). A record completed at a timeout or at the end of
     * the capture has none.
     */
    private void link(Endpoints e, Direction d, PacketFacts into) {
        PacketFacts f = current;
        boolean fromClient = d == Direction.CLIENT_TO_SERVER;
        if (f != null && f.ipLength == e.ipLength()
                && f.srcPort == (fromClient ? e.clientPort() : e.serverPort())
                && f.dstPort == (fromClient ? e.serverPort() : e.clientPort())
                && Arrays.equals(f.srcIp, 0, f.ipLength, fromClient ? e.clientIp() : e.serverIp(), 0, f.ipLength)
                && Arrays.equals(f.dstIp, 0, f.ipLength, fromClient ? e.serverIp() : e.clientIp(), 0, f.ipLength)) {
            into.linkAddresses(f);
        }
    }

    /** End of capture: every connection and conversation ends, delivering what is held. */
    void finish() {
        tcp.flushAll();
        udp.flushAll();
    }

    /** The statistics of docs/streams.md, by name; summed over workers for summary.json and reassembly.log. */
    Map<String, Long> stats() {
        Map<String, Long> m = new LinkedHashMap<>();
        ReassemblyCounters r = tcp.counters();
        m.put("tcp_segments", r.segments());
        m.put("tcp_connections", r.connectionsOpened());
        m.put("reassembled_bytes", r.reassembledBytes());
        m.put("missed_bytes", r.missedBytes());
        m.put("out_of_order_segments", r.outOfOrderSegments());
        m.put("out_of_order_bytes", r.outOfOrderBytes());
        m.put("duplicate_segments", r.duplicateSegments());
        m.put("overlap_segments", r.overlapSegments());
        m.put("overlap_bytes", r.overlapBytes());
        m.put("bytes_after_fin", r.bytesAfterFin());
        m.put("segments_without_handshake", r.segmentsWithoutHandshake());
        m.put("segments_after_close", r.segmentsAfterClose());
        m.put("bytes_after_close", r.bytesAfterClose());
        m.put("pending_timeout_flushes", r.pendingTimeoutFlushes());
        m.put("connections_evicted", r.connectionsEvicted());
        m.put("dropped_connection_cap", r.connectionCapOverflows());
        m.put("dropped_global_cap", r.globalCapOverflows());
        m.put("dropped_segment_cap", r.segmentCapOverflows());
        // the segment checks' counts only when they are on, so the default statistics stay as they were
        if (config.tcp().checksum()) {
            m.put("tcp_bad_checksum", r.badChecksumSegments());
        }
        if (config.tcp().stateCheck()) {
            m.put("tcp_refused_by_state", r.stateRefusedSegments());
            m.put("tcp_connections_refused_by_state", r.stateRefusedConnections());
        }
        if (config.tcp().optionCheck()) {
            m.put("tcp_refused_by_options", r.optionRefusedSegments());
        }
        m.put("udp_conversations", udp.opened());
        m.put("udp_datagrams", udp.datagrams());
        m.put("udp_bytes", udp.bytes());
        m.put("udp_conversations_evicted", udp.evicted());
        if (defrag != null) {
            Ipv4DefragCounters d = defrag.counters();
            m.put("ip4_fragments", d.fragments());
            m.put("ip4_defragmented", d.reassembled());
            m.put("ip4_conflicting_fragments", d.conflictingFragments());
            m.put("ip4_fragment_sets_dropped", d.droppedTotal());
            m.put("ip4_datagrams_handed_over", handedOver);
        }
        m.put("stream_conversations", streams.conversations());
        m.put("stream_undecided", streams.undecided());
        m.put("stream_parser_failures", streams.parserFailures());
        m.put("stream_unconsumed_overflows", streams.unconsumedOverflows());
        streams.selected().forEach((k, v) -> m.put("stream_" + k, v));
        if (files instanceof FileStore store) {
            FileCounters c = store.counters();
            m.put("files_written", c.filesWritten());
            m.put("files_bytes", c.bytesWritten());
            m.put("files_incomplete_written", c.incompleteWritten());
            m.put("files_incomplete_discarded", c.incompleteDiscarded());
            m.put("files_names_neutralised", c.namesNeutralised());
            m.put("files_write_failures", c.writeFailures());
            m.put("files_body_cap_cuts", c.bodyLimitCuts());
            m.put("files_open_cap_refusals", c.openFilesCapRefusals());
            m.put("files_multipart_parts", c.multipartFileParts());
            m.put("files_multipart_malformed", c.multipartMalformed());
        }
        if (harvesting != null) {
            m.put("credentials_written", harvesting.written());
            m.put("credentials_duplicates", harvesting.duplicates());
            m.put("credentials_unremembered", harvesting.unremembered());
            m.put("credentials_malformed", harvesting.malformed());
            m.put("credentials_failures", harvesting.failures());
        }
        if (dumps != null) {
            m.put("conns_bytes_written", dumps.bytesWritten());
            m.put("conns_write_failures", dumps.writeFailures());
        }
        return m;
    }
}
