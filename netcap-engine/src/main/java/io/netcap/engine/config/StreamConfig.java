package io.netcap.engine.config;

import io.netcap.decoder.stream.Ipv4Defragmenter;
import io.netcap.decoder.stream.ReassemblyConfig;
import io.netcap.decoder.stream.ReassemblyTrace;
import io.netcap.decoder.stream.credentials.HarvestConfig;
import java.time.Duration;

/**
 * The stream layer's settings (docs/streams.md): TCP reassembly and UDP conversations, IPv4 defragmentation
 * before them, the stream decoders' limits, and file extraction. The caps are for the whole capture; the
 * engine divides them among its workers.
 *
 * @param reassemble        {@code -reassemble-connections}: without it no stream record is written
 * @param ip4defrag         {@code -ip4defrag}
 * @param flushEvery        {@code -flushevery}: apply the timeouts every N TCP segments (per worker)
 * @param udpFiveTuple      {@code -udp-5tuple}: key UDP conversations by addresses and ports, not the port pair
 * @param maxUnconsumed     bytes a stream parser may leave unconsumed per direction (e.g. a header block)
 * @param fileStorage       {@code -fileStorage}: directory under the output for extracted files; empty = off
 * @param writeIncomplete   {@code -writeincomplete}: also keep bodies that were cut
 * @param conns             {@code -conns}: every conversation's bytes to {@code <out>/tcp|udp/...}
 * @param maxFileBytes      {@code -file-max-bytes}: an extracted body is cut (incomplete) after this many bytes;
 *                          0 for no limit
 * @param harvest           {@code -hbsize}, {@code -reCustom}, {@code -stop-after-harvester-match}
 * @param debug             {@code -debug}: a line per conversation in {@code debug.log}
 * @param trace             {@code -tcp-debug}, {@code -reassembly-debug}, {@code -hexdump}: the trace in
 *                          {@code reassembly.log}
 */
public record StreamConfig(boolean reassemble, boolean ip4defrag, ReassemblyConfig tcp, int flushEvery,
                           boolean udpFiveTuple, int maxUdpConversations, Duration udpTimeout,
                           Ipv4Defragmenter.Limits defrag, int maxUnconsumed, String fileStorage,
                           boolean writeIncomplete, boolean conns, long maxFileBytes, HarvestConfig harvest,
                           boolean debug, ReassemblyTrace.Options trace) {

    public static StreamConfig defaults() {
        return new StreamConfig(true, true, ReassemblyConfig.defaults(), 100, false, 100_000,
                Duration.ofHours(24), Ipv4Defragmenter.Limits.DEFAULT, 1 << 20, "", false, false, 0,
                HarvestConfig.defaults(), false, ReassemblyTrace.Options.OFF);
    }

    /** No reassembly: the packet records only. */
    public static StreamConfig off() {
        return defaults().withReassemble(false);
    }

    public StreamConfig withReassemble(boolean on) {
        return new StreamConfig(on, ip4defrag, tcp, flushEvery, udpFiveTuple, maxUdpConversations, udpTimeout,
                defrag, maxUnconsumed, fileStorage, writeIncomplete, conns, maxFileBytes, harvest, debug, trace);
    }

    public StreamConfig withTcp(ReassemblyConfig t) {
        return new StreamConfig(reassemble, ip4defrag, t, flushEvery, udpFiveTuple, maxUdpConversations, udpTimeout,
                defrag, maxUnconsumed, fileStorage, writeIncomplete, conns, maxFileBytes, harvest, debug, trace);
    }

    public StreamConfig withUdpFiveTuple(boolean on) {
        return new StreamConfig(reassemble, ip4defrag, tcp, flushEvery, on, maxUdpConversations, udpTimeout,
                defrag, maxUnconsumed, fileStorage, writeIncomplete, conns, maxFileBytes, harvest, debug, trace);
    }

    public StreamConfig withFiles(String dir, boolean incomplete) {
        return new StreamConfig(reassemble, ip4defrag, tcp, flushEvery, udpFiveTuple, maxUdpConversations,
                udpTimeout, defrag, maxUnconsumed, dir, incomplete, conns, maxFileBytes, harvest, debug, trace);
    }

    public StreamConfig withConns(boolean on) {
        return new StreamConfig(reassemble, ip4defrag, tcp, flushEvery, udpFiveTuple, maxUdpConversations,
                udpTimeout, defrag, maxUnconsumed, fileStorage, writeIncomplete, on, maxFileBytes, harvest, debug, trace);
    }

    public StreamConfig withMaxFileBytes(long max) {
        return new StreamConfig(reassemble, ip4defrag, tcp, flushEvery, udpFiveTuple, maxUdpConversations,
                udpTimeout, defrag, maxUnconsumed, fileStorage, writeIncomplete, conns, max, harvest, debug, trace);
    }

    public StreamConfig withDebug(boolean on) {
        return new StreamConfig(reassemble, ip4defrag, tcp, flushEvery, udpFiveTuple, maxUdpConversations,
                udpTimeout, defrag, maxUnconsumed, fileStorage, writeIncomplete, conns, maxFileBytes, harvest, on, trace);
    }

    public StreamConfig withTrace(ReassemblyTrace.Options t) {
        return new StreamConfig(reassemble, ip4defrag, tcp, flushEvery, udpFiveTuple, maxUdpConversations,
                udpTimeout, defrag, maxUnconsumed, fileStorage, writeIncomplete, conns, maxFileBytes, harvest, debug, t);
    }

    public StreamConfig withHarvest(HarvestConfig h) {
        return new StreamConfig(reassemble, ip4defrag, tcp, flushEvery, udpFiveTuple, maxUdpConversations,
                udpTimeout, defrag, maxUnconsumed, fileStorage, writeIncomplete, conns, maxFileBytes, h, debug, trace);
    }

    /** This worker's share of the capture-wide caps. */
    public StreamConfig share(int workers) {
        if (workers <= 1) {
            return this;
        }
        ReassemblyConfig t = tcp.withCaps(Math.max(1, tcp.maxConnections() / workers),
                tcp.maxBufferedBytesPerConnection(), tcp.maxBufferedBytesTotal() / workers,
                tcp.maxSegmentsPerDirection());
        Ipv4Defragmenter.Limits d = new Ipv4Defragmenter.Limits(defrag.timeoutNanos(),
                Math.max(1, defrag.maxDatagrams() / workers), defrag.maxBufferedBytes() / workers);
        return new StreamConfig(reassemble, ip4defrag, t, flushEvery, udpFiveTuple,
                Math.max(1, maxUdpConversations / workers), udpTimeout, d, maxUnconsumed, fileStorage, writeIncomplete,
                conns, maxFileBytes, harvest, debug, trace);
    }
}
