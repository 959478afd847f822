package io.netcap.cli.flags;

import io.netcap.decoder.resolve.ResolverConfig;
import io.netcap.decoder.service.ServiceConfig;
import io.netcap.decoder.stream.ReassemblyConfig;
import io.netcap.decoder.stream.ReassemblyTrace;
import io.netcap.decoder.stream.credentials.HarvestConfig;
import io.netcap.elastic.ElasticClient;
import io.netcap.elastic.ElasticTap;
import io.netcap.engine.config.CaptureConfig;
import io.netcap.engine.config.StreamConfig;
import io.netcap.io.RecordEncoding;
import io.netcap.io.WriterOptions;
import io.netcap.kafka.Topics;
import io.netcap.types.RecordType;
import io.netcap.types.format.GoDuration;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The flags of {@code net capture} with the original's names and defaults (docs/engine.md, "Flags"), and
 * their resolution into the engine's {@link CaptureConfig}. Flags of features not built are still defined,
 * so configuration files of the original load, but hidden and rejected when set ({@link FlagSet#unavailable}).
 */
public final class CaptureFlags {
    public static final String TOOL = "capture";

    /** Where {@code -http-shutdown} listens, as the original. */
    public static final String SHUTDOWN_ADDRESS = "127.0.0.1:60589";

    /** libpcap's largest snap length (MAXIMUM_SNAPLEN). */
    static final int MAX_SNAPLEN = 262144;

    private CaptureFlags() {}

    public static FlagSet define() {
        FlagSet f = new FlagSet(TOOL);
        int cores = Runtime.getRuntime().availableProcessors();
        Duration day = Duration.ofHours(24);
        // Input / output
        f.string("read", "", "read packets from a pcap or pcapng file, - for standard input");
        f.alias("r", "read"); // tshark's and Zeek's spelling
        f.string("iface", "", "attach to network interface and capture in live mode");
        f.bool("interfaces", false, "list all visible network interfaces");
        f.string("out", "", "specify output directory, will be created if it does not exist");
        f.string("bpf", "", "supply a BPF filter to use prior to processing packets with netcap");
        f.duration("timeout", Duration.ofSeconds(1), "set the timeout for live capture, 0 means block forever");
        f.bool("promisc", true, "toggles promiscuous mode for live capture");
        f.integer("snaplen", 1514, "configure snaplen for live capture from interface");
        f.string("base", "ethernet", "select base layer when no link type is known: ethernet, ipv4, ipv6, usb (every source here reports its link type)");
        f.string("opts", "lazy", "select decoding options: lazy, default, nocopy, datagrams");
        // Decoders and records
        f.string("include", "", "include specific decoders");
        f.string("exclude", "", "exclude specific decoders");
        f.bool("decoders", false, "print a list of all available decoders and exit");
        f.bool("overview", false, "print a markdown overview of all record types and their fields and exit");
        f.bool("context", true, "add packet flow context to selected audit records");
        f.bool("payload", false, "capture payload for supported layers");
        f.bool("scatter", true, "with -csv -labels: write an HTML chart of attack and normal records over time, OUT-DIR-NAME-scatter.html in -out");
        f.duration("scatter-duration", Duration.ofMinutes(5), "time bucket of the -scatter chart");
        f.bool("pps", false, "after a file run write an HTML chart of the packets per second, pps-line.html in -out");
        f.string("labels", "", "label the records with this attack description (YAML, or the older CSV): with -csv a Category column in each row, else <Type>_labeled.csv beside the audit records after the capture, as net label -custom");
        f.bool("entropy", false, "enable payload entropy calculation");
        f.bool("ignore-unknown", true, "disable writing unknown packets into a pcap file");
        f.bool("log-errors", false, "log decoding errors to errors.pcap and errors.log");
        f.bool("ignore-init-errors", true, "ignore initialization errors of decoders");
        // Writers
        f.bool("compress", true, "compress output with gzip");
        f.alias("comp", "compress");
        f.bool("buf", true, "buffer records in memory before writing to disk; false: records reach their files within about a second");
        f.integer("membuf-size", 12582912, "set size for membuf");
        f.integer("compression-block-size", WriterOptions.DEFAULT_BLOCK_SIZE,
                "bytes of records of a type held in memory, then compressed and written as one gzip member");
        f.string("compression-level", "max-speed",
                "gzip compression level: max-speed, default, max-compression, none, or 1..9");
        f.bool("proto", true, "write protobuf records (the default writer)");
        f.bool("csv", false, "output data as CSV instead of audit records (a .csv.gz file per record type)");
        f.bool("json", false, "write data as JSON (a .json.gz file of JSON lines per record type)");
        f.bool("null", false, "write no data to disk (records are only counted)");
        f.bool("encode", false, "with -csv or -unix: write every value as a number for machine learning (z-scores, categories, addresses as integers)");
        f.bool("unix", false, "send the CSV lines of each record type as datagrams to the Unix socket TYPE.sock in -unix-dir (TCP.sock, ...) instead of writing record files");
        f.string("unix-dir", "/tmp", "directory of the Unix sockets of -unix");
        f.bool("elastic", false, "send the records to Elasticsearch (bulk API, an index netcap-TYPE per record type) instead of writing record files");
        f.string("elastic-addrs", "", "Elasticsearch addresses, comma separated (default: http://localhost:9200)");
        f.string("elastic-user", "", "Elasticsearch user (HTTP basic authentication)");
        f.string("elastic-pass", "", "Elasticsearch password (HTTP basic authentication)");
        f.string("kibana", "", "Kibana URL, for the index patterns of -gen-elastic-indices");
        f.integer("elastic-bulk-gopacket", ElasticTap.LAYER_BULK, "records per bulk request of the layer record types");
        f.integer("elastic-bulk-custom", ElasticTap.OTHER_BULK, "records per bulk request of the other record types");
        f.duration("elastic-timeout", ElasticTap.GIVE_UP, "count a bulk request's records as failed when the server has not taken it this long (retried every 500ms)");
        f.bool("gen-elastic-indices", false, "create the Elasticsearch index of every selected record type with its field mapping (and Kibana index patterns with -kibana), then exit");
        // Processing
        f.integer("workers", cores, "number of workers");
        f.integer("pbuf", 4096, "set packet buffer size, for channels that feed data to workers");
        f.bool("reassemble-connections", true, "reassemble TCP connections");
        f.integer("flushevery", 100, "flush assembler every N packets");
        f.bool("ip4defrag", true, "defragment IPv4 packets");
        f.bool("checksum", false,
                "check TCP checksums and leave segments with a wrong one out of reassembly (wrong in captures with checksum offload)");
        f.bool("nooptcheck", true, "do not check TCP options (useful to ignore MSS on captures with TSO)");
        f.bool("ignorefsmerr", true, "ignore TCP FSM errors; false leaves segments the TCP state machine refuses out of reassembly");
        f.bool("allowmissinginit", true, "support streams without SYN/SYN+ACK/ACK sequence");
        f.duration("close-pending-timeout", day, "close connections that have pending bytes");
        f.duration("close-inactive-timeout", day, "close connections that are inactive");
        ReassemblyConfig tcp = ReassemblyConfig.defaults();
        f.integer("reassembly-max-conns", tcp.maxConnections(),
                "TCP connections held for reassembly; the least recently active is ended to make room");
        f.integer("reassembly-conn-buffer", tcp.maxBufferedBytesPerConnection(),
                "bytes of out-of-order data held per TCP connection; beyond it the gap is skipped and counted");
        f.integer("reassembly-buffer", tcp.maxBufferedBytesTotal(),
                "bytes of out-of-order data held for all TCP connections; beyond it gaps are skipped and counted");
        f.bool("udp-5tuple", false,
                "key UDP conversations by addresses and ports (the original keys them by the port pair alone)");
        f.bool("remove-closed-streams", false,
                "remove tcp streams that receive a FIN or RST packet at once (their late segments are not recognised)");
        f.bool("wait-conns", true, "wait for all connections to finish processing before cleanup");
        f.string("fileStorage", "", "path to created extracted files (currently only for HTTP)");
        f.bool("writeincomplete", false, "also extract incomplete HTTP messages");
        f.bool("conns", false, "save raw conversations to <out>/tcp/... and <out>/udp/...");
        f.integer("file-max-bytes", 0,
                "cut each extracted body after this many bytes, marked incomplete; 0: no limit (Suricata's request-body-limit is 102400)");
        f.integer("hbsize", HarvestConfig.defaults().bannerBytes(),
                "bytes of each conversation given to the custom credential regex (the built-in harvesters read whole sessions)");
        f.string("reCustom", "", "custom credential regex with at least one group; matches become Credentials notes");
        f.bool("stop-after-harvester-match", true,
                "once a credential harvester matched in a conversation, run only that one there");
        f.integer("conn-flush-interval", 1000, "check connections for timeouts every N packets (per worker)");
        f.duration("conn-timeout", day, "emit a connection once it has been idle this long (packet time)");
        f.duration("conn-active-timeout", day, "emit a connection once it has been alive this long (packet time)");
        f.integer("flow-flush-interval", 1000, "no effect (Flow records no longer exist)");
        f.duration("flow-timeout", day, "no effect (Flow records no longer exist)");
        // Service records (docs/enrichment.md, "Service")
        f.integer("bsize", 256, "service banner size");
        f.integer("sbuf-size", 1000, "size for channel used to pass data to the stream consumers");
        f.integer("stream-buffer", 10000, "size of the queue of stream processors at shutdown");
        f.integer("stream-workers", 10000, "number of stream processors at shutdown");
        f.bool("re2", true, "no effect: probe regexes always run on Java's engine, bounded per banner");
        f.bool("stop-after-service-match", true, "stop matching a banner after the first probe that matches");
        f.bool("stop-after-service-category-miss", true,
                "stop matching a banner when the probes of its port's category do not match");
        // Resolvers
        f.bool("macDB", true, "use mac to vendor database for device profiling");
        f.bool("ja3DB", true, "use ja3 database for device profiling");
        f.bool("serviceDB", true, "use serviceDB for device profiling");
        f.bool("geoDB", false, "use geolocation for device profiling");
        f.bool("reverse-dns", false, "resolve ips to domains via the operating systems default dns resolver");
        f.bool("local-dns", false, "resolve DNS locally via hosts file in the database dir");
        f.bool("dpi", false, "use DPI for device profiling");
        // Diagnostics
        f.bool("quiet", false, "don't print infos to stdout");
        f.bool("progress", false, "show progress on stderr even in quiet mode");
        f.bool("time", false, "print processing time even in quiet mode");
        f.string("metrics", "", "serve Prometheus metrics at this address (host:port) during the capture");
        f.bool("parquet", false, "also write each audit record file as Apache Parquet (<Type>.parquet) at the end");
        f.string("kafka", "", "also publish every record to Kafka at these brokers (host:port,...), a topic per record type");
        f.string("kafka-topic-prefix", Topics.DEFAULT_PREFIX, "Kafka topic of a record type: this prefix and the type (netcap.TCP)");
        f.string("kafka-sensor", "", "the sensor's name in its Kafka messages, a collector's directory (default: the host name)");
        f.integer("kafka-partitions", 0, "partitions of each Kafka topic the capture creates (0: the broker's num.partitions)");
        f.integer("kafka-replication", 0, "replication factor of each Kafka topic the capture creates (0: the broker's default)");
        f.bool("debug", false, "write a line per conversation of the stream layer to debug.log in -out: its decoder, end, bytes and first bytes");
        f.bool("tcp-debug", false, "write a line per TCP segment to reassembly.log in -out: what the reassembly counted for it");
        f.bool("reassembly-debug", false, "write a line per delivered chunk, skipped gap and ended connection to reassembly.log in -out");
        f.bool("hexdump", false, "write every chunk the reassembly delivers to reassembly.log in -out as a hex dump");
        f.bool("cpuprof", false, "record a CPU profile of the run (Java Flight Recorder) in netcap-cpu.jfr in -out");
        f.bool("memprof", false, "record a memory profile of the run (Java Flight Recorder: allocations, heap) in -memprofile");
        f.string("memprofile", "", "file of the -memprof profile (default: netcap-mem.jfr in -out)");
        f.bool("http-shutdown", false, "serve http://" + SHUTDOWN_ADDRESS + "/cleanup: the first request stops the capture as Ctrl-C does, a second ends it at once");
        f.integer("free-os-mem", 0, "minutes between returns of memory to the OS (0: never)");
        f.string("analyzer", "", "names of analyzer configurations in NETCAP_ANALYZER_DIR to start");
        f.bool("disable-generic-software-harvester", true, "disable the generic version harvester of Software records");
        f.bool("noprompt", false, "do not ask on a terminal whether to replace audit records of an earlier run");
        f.bool("overwrite", false, "replace audit record files of an earlier run in the output directory");
        f.bool("version", false, "print netcap package version and exit");
        f.unavailable("disable-generic-software-harvester",
                "not available (the original's generic version harvester is switched off in its source: no value enables it)");
        f.unavailable("membuf-size", "not available (records are held once, in the compression block: see -compression-block-size)");
        for (String name : List.of("sbuf-size", "stream-buffer", "stream-workers", "wait-conns")) {
            f.unavailable(name, "not available (streams are decoded in the packet workers: no stream queues or shutdown pool)");
        }
        f.unavailable("free-os-mem", "not available (the JVM sizes its heap itself; bound it with NET_JAVA_OPTS=-Xmx...)");
        f.unavailable("analyzer", "not part of this implementation (it started the original's external analyzer programs; -unix sends the CSV lines they read)");
        f.unavailable("flow-flush-interval", "not available (Flow records no longer exist, see Connection)");
        f.unavailable("flow-timeout", "not available (Flow records no longer exist, see Connection)");
        return f;
    }

    /**
     * Values the engine cannot act on, as one line naming the flag, the value and what is allowed; null when
     * all are valid. The original turned some of them silently into defaults (docs/engine.md, "Flags").
     */
    public static String invalid(FlagSet f) {
        if (!f.getString("read").isEmpty() && !f.getString("iface").isEmpty()) {
            return "-read and -iface exclude each other: give one input";
        }
        try {
            if (CaptureConfig.selectDecoders(f.getString("include"), f.getString("exclude")).isEmpty()) {
                return "-include " + f.getString("include") + " -exclude " + f.getString("exclude")
                        + ": leaves no decoder to run";
            }
        } catch (CaptureConfig.InvalidDecoderException e) {
            // reported by config() with the list of valid names
        }
        if (gzipLevel(f.getString("compression-level")) == null) {
            return "-compression-level " + f.getString("compression-level")
                    + ": allowed are max-speed, default, max-compression, none, or 0..9";
        }
        for (String n : List.of("workers", "pbuf", "conn-flush-interval", "flushevery", "reassembly-max-conns")) {
            if (f.getInt(n) < 1 || f.getInt(n) > Integer.MAX_VALUE) {
                return "-" + n + " " + f.getInt(n) + ": allowed are 1.." + Integer.MAX_VALUE;
            }
        }
        long block = f.getInt("compression-block-size");
        if (!WriterOptions.validBlockSize(block)) {
            return "-compression-block-size " + block + ": allowed are " + WriterOptions.MIN_BLOCK_SIZE + ".."
                    + WriterOptions.MAX_BLOCK_SIZE + " bytes";
        }
        if (f.getInt("hbsize") < 0 || f.getInt("hbsize") > Integer.MAX_VALUE) {
            return "-hbsize " + f.getInt("hbsize") + ": allowed are 0.." + Integer.MAX_VALUE;
        }
        try {
            Pattern.compile(f.getString("reCustom"));
        } catch (PatternSyntaxException e) {
            return "-reCustom: not a regular expression: " + e.getDescription();
        }
        for (String n : List.of("reassembly-conn-buffer", "reassembly-buffer", "file-max-bytes", "bsize")) {
            if (f.getInt(n) < 0) {
                return "-" + n + " " + f.getInt(n) + ": allowed are 0 or more bytes";
            }
        }
        for (String n : List.of("close-pending-timeout", "close-inactive-timeout", "conn-timeout", "conn-active-timeout",
                "scatter-duration")) {
            if (f.getDuration(n).isNegative() || f.getDuration(n).isZero()) {
                return "-" + n + " " + GoDuration.format(f.getDuration(n)) + ": must be positive";
            }
        }
        for (String n : List.of("timeout", "elastic-timeout")) {
            if (f.getDuration(n).isNegative()) {
                return "-" + n + " " + GoDuration.format(f.getDuration(n)) + ": allowed are 0s or more";
            }
        }
        String prefix = Topics.invalidPrefix(f.getString("kafka-topic-prefix"));
        if (prefix != null) {
            return prefix;
        }
        if (f.getInt("kafka-partitions") < 0 || f.getInt("kafka-partitions") > Integer.MAX_VALUE) {
            return "-kafka-partitions " + f.getInt("kafka-partitions") + ": allowed are 0 (the broker's default) or more";
        }
        if (f.getInt("kafka-replication") < 0 || f.getInt("kafka-replication") > Short.MAX_VALUE) {
            return "-kafka-replication " + f.getInt("kafka-replication") + ": allowed are 0 (the broker's default).." + Short.MAX_VALUE;
        }
        if (!f.getString("kafka-sensor").isEmpty() && !Topics.validSensor(f.getString("kafka-sensor"))) {
            return "-kafka-sensor " + f.getString("kafka-sensor") + ": allowed are 1..64 of A-Z a-z 0-9 . _ @ + -";
        }
        if (f.getInt("snaplen") < 1 || f.getInt("snaplen") > MAX_SNAPLEN) {
            return "-snaplen " + f.getInt("snaplen") + ": allowed are 1.." + MAX_SNAPLEN;
        }
        for (String bulk : List.of("elastic-bulk-gopacket", "elastic-bulk-custom")) {
            if (f.getInt(bulk) < 1 || f.getInt(bulk) > ElasticTap.MAX_BULK) {
                return "-" + bulk + " " + f.getInt(bulk) + ": allowed are 1.." + ElasticTap.MAX_BULK;
            }
        }
        String elasticAddrs = ElasticClient.invalidAddresses(f.getString("elastic-addrs"));
        if (elasticAddrs != null) {
            return "-elastic-addrs: " + elasticAddrs;
        }
        if (!f.getString("kibana").isEmpty() && ElasticClient.invalidAddresses(f.getString("kibana")) != null) {
            return "-kibana " + f.getString("kibana") + ": not an http or https URL";
        }
        if (!f.getBool("proto") && encoding(f) == RecordEncoding.PROTO) {
            return "-proto=false: no writer is left; give -csv, -json, -null, -unix or -elastic";
        }
        if (f.getBool("encode") && !f.getBool("csv") && !f.getBool("unix")) {
            return "-encode: encodes the values of -csv or -unix, neither of which is set";
        }
        if (!List.of("ethernet", "ipv4", "ipv6", "usb").contains(f.getString("base"))) {
            return "-base " + f.getString("base") + ": allowed are ethernet, ipv4, ipv6, usb";
        }
        if (!List.of("lazy", "default", "nocopy", "datagrams").contains(f.getString("opts"))) {
            return "-opts " + f.getString("opts") + ": allowed are lazy, default, nocopy, datagrams";
        }
        return null;
    }

    /** gzip level 1..9, -1 for none, or null for a word the original does not know. */
    static Integer gzipLevel(String word) {
        String level = word.trim().toLowerCase(Locale.ROOT);
        return switch (level) {
            case "max-speed", "fastest" -> 1;
            case "max-compression", "best" -> 9;
            case "default" -> 6;
            case "none", "0" -> -1;
            case "1", "2", "3", "4", "5", "6", "7", "8", "9" -> Integer.parseInt(level);
            default -> null;
        };
    }

    /**
     * Resolves parsed flags checked by {@link #invalid}; {@code -include}/{@code -exclude} names that match no
     * decoder are an error.
     */
    public static CaptureConfig config(FlagSet f) throws CaptureConfig.InvalidDecoderException {
        return config(f, System.getenv());
    }

    /** As {@link #config(FlagSet)}; {@code env} gives the database directory ({@code NC_CONFIG_ROOT}). */
    public static CaptureConfig config(FlagSet f, Map<String, String> env) throws CaptureConfig.InvalidDecoderException {
        Set<RecordType> types = CaptureConfig.selectDecoders(f.getString("include"), f.getString("exclude"));
        int gzip = gzipLevel(f.getString("compression-level"));
        boolean compress = f.getBool("compress") && gzip > 0;
        return new CaptureConfig(f.getString("read"), f.getString("iface"), f.getString("out"), f.getString("bpf"),
                (int) f.getInt("workers"), (int) f.getInt("pbuf"), compress,
                compress ? gzip : -1, types, f.getBool("payload"), f.getBool("context"), f.getBool("entropy"),
                f.getBool("quiet"), f.getBool("progress"), f.getBool("log-errors"), f.getBool("ignore-unknown"),
                f.getDuration("conn-timeout"), f.getDuration("conn-active-timeout"),
                (int) f.getInt("conn-flush-interval"), (int) f.getInt("snaplen"), f.getBool("promisc"),
                f.getDuration("timeout"), f.getString("opts").contains("datagrams"), streams(f),
                resolvers(f, env), encoding(f), (int) f.getInt("compression-block-size"), f.getBool("buf"));
    }

    /**
     * Where the records go, in the original's precedence: -unix (no files: the lines go to its sockets), -csv, then
     * -json, then -null, then -elastic (no files: the records go to Elasticsearch), else the container.
     */
    private enum Output {
        UNIX, CSV, JSON, NULL, ELASTIC, CONTAINER;

        static Output of(FlagSet f) {
            for (Output o : values()) {
                if (o == CONTAINER || f.getBool(o.name().toLowerCase(Locale.ROOT))) {
                    return o;
                }
            }
            return CONTAINER;
        }
    }

    /** The record files' encoding by {@link Output}'s precedence. */
    public static RecordEncoding encoding(FlagSet f) {
        return switch (Output.of(f)) {
            case UNIX, NULL, ELASTIC -> RecordEncoding.NONE;
            case CSV -> f.getBool("encode") ? RecordEncoding.ENCODED_CSV : RecordEncoding.CSV;
            case JSON -> RecordEncoding.JSON;
            case CONTAINER -> RecordEncoding.PROTO;
        };
    }

    /** The Elasticsearch output of the flags, for {@code -elastic}. */
    public static ElasticTap elasticTap(FlagSet f) {
        return new ElasticTap(elasticClient(f), (int) f.getInt("elastic-bulk-gopacket"), (int) f.getInt("elastic-bulk-custom"),
                f.getDuration("elastic-timeout"));
    }

    /** The client of {@code -elastic-addrs}, {@code -elastic-user} and {@code -elastic-pass} (checked by {@link #invalid}). */
    public static ElasticClient elasticClient(FlagSet f) {
        return ElasticClient.of(f.getString("elastic-addrs"), f.getString("elastic-user"), f.getString("elastic-pass"));
    }

    /** Whether the records go to Elasticsearch: {@code -elastic}, unless a writer before it in precedence is set. */
    public static boolean elastic(FlagSet f) {
        return Output.of(f) == Output.ELASTIC;
    }

    /** The Service records' settings; the probe file is the database directory's, else Debian's. */
    public static ServiceConfig services(FlagSet f, Map<String, String> env) {
        return ServiceConfig.defaults()
                .withMatching((int) Math.min(f.getInt("bsize"), 1 << 20), f.getBool("stop-after-service-match"),
                        f.getBool("stop-after-service-category-miss"))
                .withProbes(ServiceConfig.findProbes(ResolverConfig.databaseDirectory(env)));
    }

    /** The stream layer's settings (docs/streams.md). */
    static StreamConfig streams(FlagSet f) {
        StreamConfig d = StreamConfig.defaults();
        ReassemblyConfig tcp = d.tcp()
                .withAllowMissingInit(f.getBool("allowmissinginit"))
                .withChecks(f.getBool("checksum"), !f.getBool("nooptcheck"), !f.getBool("ignorefsmerr"))
                .withRemoveClosed(f.getBool("remove-closed-streams"))
                .withTimeouts(f.getDuration("close-pending-timeout").toNanos(),
                        f.getDuration("close-inactive-timeout").toNanos())
                .withCaps((int) f.getInt("reassembly-max-conns"), f.getInt("reassembly-conn-buffer"),
                        f.getInt("reassembly-buffer"), d.tcp().maxSegmentsPerDirection());
        return new StreamConfig(f.getBool("reassemble-connections"), f.getBool("ip4defrag"), tcp,
                (int) f.getInt("flushevery"), f.getBool("udp-5tuple"), d.maxUdpConversations(), d.udpTimeout(),
                d.defrag(), d.maxUnconsumed(), f.getString("fileStorage"), f.getBool("writeincomplete"),
                f.getBool("conns"), f.getInt("file-max-bytes"), new HarvestConfig((int) f.getInt("hbsize"),
                        f.getString("reCustom"), f.getBool("stop-after-harvester-match")), f.getBool("debug"),
                new ReassemblyTrace.Options(f.getBool("tcp-debug"), f.getBool("reassembly-debug"), f.getBool("hexdump")));
    }

    /** The resolvers profiles and services use (docs/enrichment.md). */
    static ResolverConfig resolvers(FlagSet f, Map<String, String> env) {
        return new ResolverConfig(ResolverConfig.databaseDirectory(env), f.getBool("macDB"), f.getBool("ja3DB"),
                f.getBool("serviceDB"),
                f.getBool("geoDB"), f.getBool("local-dns"), f.getBool("dpi"), f.getBool("reverse-dns"));
    }
}
