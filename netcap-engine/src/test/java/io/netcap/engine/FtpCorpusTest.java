package io.netcap.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.engine.config.StreamConfig;
import io.netcap.testing.Corpus;
import io.netcap.testing.Tshark;
import io.netcap.types.FTP;
import io.netcap.types.FTPCommand;
import io.netcap.types.File;
import io.netcap.types.RecordType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FTP control connections of the corpus against TShark's FTP dissector: the commands with their arguments in
 * order, user and password those of {@code USER} and {@code PASS}; and the file of a data connection against
 * the object {@code tshark --export-objects ftp-data} writes (docs/streams.md, "FTP").
 */
class FtpCorpusTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"chrissanders-packets__tickedoffdeveloper.pcapng", "zeek__var-services-std-ports.pcap"})
    void commandsUserAndPasswordEqualTshark(String capture) throws Exception {
        Path pcap = Corpus.pcaps().resolve(capture);
        Tshark.require();
        List<String> expected = new ArrayList<>();
        String user = "";
        String pass = "";
        for (String line : Tshark.run("-r", pcap.toString(), "-Y", "ftp.request", "-T", "fields",
                "-e", "ftp.request.command", "-e", "ftp.request.arg").split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            String command = f[0].toUpperCase(Locale.ROOT);
            String arg = f.length > 1 ? f[1] : "";
            expected.add(command + " " + arg);
            if (command.equals("USER")) {
                user = arg;
            } else if (command.equals("PASS")) {
                pass = arg;
            }
        }
        Path out = tmp.resolve("out");
        Runs.capture(TestConfig.of(pcap, out));
        List<Message> records = Runs.records(out).getOrDefault(RecordType.FTP, List.of());
        assertThat(records).hasSize(1);
        FTP r = (FTP) records.get(0);
        assertThat(expected).isNotEmpty();
        assertThat(r.getCommandsList().stream().map(c -> c.getCommand() + " " + c.getArgument()).toList())
                .isEqualTo(expected);
        assertThat(r.getUser()).isEqualTo(user).isNotEmpty();
        assertThat(r.getPassword()).isEqualTo(pass).isNotEmpty();
        assertThat(r.getCommandsList()).allSatisfy(c -> assertThat(c.getReplyCode()).isBetween(200, 599));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void storedFileEqualsTsharkExportObjectsFtpData(int workers) throws Exception {
        Path pcap = Corpus.pcaps().resolve("chrissanders-packets__tickedoffdeveloper.pcapng");
        Tshark.require();
        Path exported = Files.createDirectories(tmp.resolve("tshark"));
        Tshark.run("-r", pcap.toString(), "-q", "--export-objects", "ftp-data," + exported);
        List<Path> objects;
        try (var s = Files.list(exported)) {
            objects = s.toList();
        }
        assertThat(objects).hasSize(1);
        byte[] object = Files.readAllBytes(objects.get(0));
        Path out = tmp.resolve("out-" + workers);
        Runs.capture(TestConfig.of(pcap, out).workers(workers)
                .streams(StreamConfig.defaults().withFiles("files", false)));
        List<File> files = Runs.records(out).getOrDefault(RecordType.File, List.of()).stream()
                .map(m -> (File) m).toList();
        assertThat(files).singleElement().satisfies(f -> {
            assertThat(f.getSource()).isEqualTo("FTP");
            assertThat(f.getName()).isEqualTo(objects.get(0).getFileName().toString());
            assertThat(f.getLength()).isEqualTo(object.length);
            assertThat(f.getHash()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(object)));
            assertThat(Files.readAllBytes(Path.of(f.getLocation()))).isEqualTo(object);
        });
        FTP r = (FTP) Runs.records(out).get(RecordType.FTP).get(0);
        assertThat(r.getTransfersList()).extracting(t -> t.getCommand() + " " + t.getName() + " " + t.getDataAddress())
                .contains("STOR store4829-03222010.csv 172.16.16.121:49166");
        assertThat(r.getCommandsList()).extracting(FTPCommand::getCommand).contains("STOR");
    }
}
