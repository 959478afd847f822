package io.netcap.decoder.stream.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.Direction;
import io.netcap.decoder.stream.EndReason;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.StreamFeeder;
import io.netcap.decoder.stream.StreamProbe;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.decoder.stream.software.SoftwareStore;
import io.netcap.types.SSH;
import io.netcap.types.Software;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SSH stream parser on hand-built handshakes (SshHandshake): records and HASSH values (TShark's for the
 * same algorithm lists), the same records however the segments cut the bytes, Software from the identification
 * lines, and malformed streams counted without exceptions.
 */
class SshTest {
    private final List<Message> records = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private SoftwareStore software = new SoftwareStore(SoftwareStore.DEFAULT_CAP, () -> null);

    private StreamEnv env() {
        return new StreamEnv((t, m) -> records.add(m), FileExtraction.OFF, (kind, c, message) -> errors.add(kind),
                io.netcap.decoder.stream.StreamShared.standalone().withSoftware(software));
    }

    private static Conversation conversation() {
        return new Conversation(Conversation.Transport.TCP, "10.0.0.1", 50000, "10.0.0.2", 22, 1_000);
    }

    /** Server first, then the client, each cut at {@code cut} (0: whole), as a connection delivers them. */
    private List<Message> run(int cut) {
        records.clear();
        errors.clear();
        software = new SoftwareStore(SoftwareStore.DEFAULT_CAP, () -> null);
        Conversation c = conversation();
        StreamEnv env = env();
        Ssh ssh = new Ssh(c, env);
        StreamFeeder f = new StreamFeeder(c, ssh);
        byte[] server = SshHandshake.server();
        byte[] client = SshHandshake.client();
        feed(f, Direction.SERVER_TO_CLIENT, server, Math.min(cut, server.length), 2_000);
        feed(f, Direction.CLIENT_TO_SERVER, client, Math.min(cut, client.length), 3_000);
        f.end(EndReason.FIN);
        software.emit(records::add);
        assertThat(ssh.encrypted()).isTrue();
        // both sides' NEWKEYS: one encrypted conversation, counted apart from the errors
        assertThat(env.shared().encrypted().stats()).containsExactly(java.util.Map.entry("encrypted_ssh", 1L));
        assertThat(f.pending(Direction.CLIENT_TO_SERVER)).isZero();
        return List.copyOf(records);
    }

    private static void feed(StreamFeeder f, Direction d, byte[] b, int cut, long ts) {
        if (cut > 0) {
            f.offer(d, b, 0, cut, ts);
        }
        f.offer(d, b, cut, b.length - cut, ts);
    }

    @Test
    void bothKexinitsGiveRecordsWithTheirHassh() {
        List<Message> out = run(0);
        List<SSH> ssh = out.stream().filter(SSH.class::isInstance).map(SSH.class::cast).toList();
        assertThat(ssh).hasSize(2);
        SSH server = ssh.get(0);
        SSH client = ssh.get(1);
        assertThat(client.getIsClient()).isTrue();
        assertThat(client.getHASSH()).isEqualTo(SshHandshake.CLIENT_HASSH);
        assertThat(client.getHASSHServer()).isEmpty();
        assertThat(client.getIdent()).isEqualTo("SSH-2.0-OpenSSH_for_Windows_7.7");
        assertThat(client.getFlow()).isEqualTo("10.0.0.1:50000->10.0.0.2:22");
        assertThat(client.getTimestamp()).isEqualTo(3_000);
        assertThat(client.getAlgorithms()).isEqualTo(SshHandshake.CLIENT_KEX + ";" + SshHandshake.CLIENT_CIPHERS + ";"
                + SshHandshake.MACS + ";none");
        assertThat(server.getIsClient()).isFalse();
        assertThat(server.getIdent()).isEqualTo("SSH-2.0-OpenSSH_7.4");
        assertThat(server.getFlow()).isEqualTo("10.0.0.2:22->10.0.0.1:50000");
        assertThat(server.getTimestamp()).isEqualTo(2_000);
        assertThat(server.getHASSHServer()).isEqualTo(SshHandshake.SERVER_HASSH);
        // the original's HASSH of a server takes its client-to-server lists: equal here, the server's are symmetric
        assertThat(server.getHASSH()).isEqualTo(SshHandshake.SERVER_HASSH);
        assertThat(errors).isEmpty();
    }

    @Test
    void theOriginalsServerHasshUsesTheClientToServerLists() {
        byte[] payload = cutCode(SshHandshake.kexinit("kex", "hk", "aes128-ctr", "aes256-ctr", "hmac-sha1",
                "hmac-sha2-256", "none", "zlib"));
        KexInit k = KexInit.parse(payload, 0, payload.length);
        assertThat(k.clientAlgorithms()).isEqualTo("kex;aes128-ctr;hmac-sha1;none");
        assertThat(k.serverAlgorithms()).isEqualTo("kex;aes256-ctr;hmac-sha2-256;zlib");
        // printf 'kex;aes128-ctr;hmac-sha1;none' | md5sum, and the same for the server's lists
        assertThat(k.hassh()).isEqualTo("d3732ae81837786d8d617ab6e71755fb");
        assertThat(k.hasshServer()).isEqualTo("2c384ec2efbaf7db24e4462061a494b9");
    }

    private static byte[] cutCode(byte[] kexinit) {
        return java.util.Arrays.copyOfRange(kexinit, 1, kexinit.length);
    }

    @Test
    void theSameRecordsWhereverTheSegmentsCut() {
        List<Message> whole = run(0);
        int longest = Math.max(SshHandshake.client().length, SshHandshake.server().length);
        for (int cut = 1; cut < longest; cut++) {
            assertThat(run(cut)).as("cut at %d", cut).isEqualTo(whole);
        }
    }

    @Test
    void everyByteInItsOwnSegment() {
        List<Message> whole = run(0);
        records.clear();
        software = new SoftwareStore(SoftwareStore.DEFAULT_CAP, () -> null);
        Conversation c = conversation();
        StreamFeeder f = new StreamFeeder(c, new Ssh(c, env()));
        byte[] server = SshHandshake.server();
        byte[] client = SshHandshake.client();
        for (int i = 0; i < server.length; i++) {
            f.offer(Direction.SERVER_TO_CLIENT, server, i, 1, 2_000);
        }
        for (int i = 0; i < client.length; i++) {
            f.offer(Direction.CLIENT_TO_SERVER, client, i, 1, 3_000);
        }
        f.end(EndReason.FIN);
        software.emit(records::add);
        assertThat(records).isEqualTo(whole);
    }

    @Test
    void identificationLinesGiveSoftwareOnceEach() {
        List<Software> sw = run(0).stream().filter(Software.class::isInstance).map(Software.class::cast).toList();
        assertThat(sw).hasSize(2);
        Software client = sw.get(1); // written by first sighting, then product and version
        assertThat(client.getTimestamp()).isEqualTo(3_000);
        assertThat(client.getProduct()).isEqualTo("OpenSSH_for_Windows");
        assertThat(client.getVersion()).isEqualTo("7.7");
        assertThat(client.getSourceName()).isEqualTo("SSH client Ident");
        assertThat(client.getService()).isEqualTo("SSH");
        assertThat(client.getSourceData()).isEqualTo("SSH-2.0-OpenSSH_7.4");
        assertThat(client.getNotes()).isEqualTo("SSH version: SSH-2.0 OS: ");
        assertThat(client.getFlowsList()).containsExactly("10.0.0.1:50000->10.0.0.2:22");
        Software server = sw.get(0);
        assertThat(server.getProduct()).isEqualTo("OpenSSH");
        assertThat(server.getVersion()).isEqualTo("7.4");
        assertThat(server.getSourceName()).isEqualTo("SSH server Ident");
    }

    @Test
    void aDistributionSuffixIsTheOs() {
        records.clear();
        Conversation c = conversation();
        StreamFeeder f = new StreamFeeder(c, new Ssh(c, env()));
        byte[] s = "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.1\r\n".getBytes(StandardCharsets.US_ASCII);
        f.offer(Direction.SERVER_TO_CLIENT, s, 0, s.length, 5);
        f.end(EndReason.FIN);
        software.emit(records::add);
        Software sw = (Software) records.getFirst();
        assertThat(sw.getTimestamp()).as("no client byte: the first packet's time").isEqualTo(1_000);
        assertThat(sw.getProduct()).isEqualTo("OpenSSH");
        assertThat(sw.getVersion()).isEqualTo("8.9p1");
        assertThat(sw.getNotes()).isEqualTo("SSH version: SSH-2.0 OS: Ubuntu");
    }

    @Test
    void repeatedSoftwareIsWrittenOncePerCaptureFromItsFirstSighting() {
        for (int i = 3; i > 0; i--) {
            Conversation c = new Conversation(Conversation.Transport.TCP, "10.0.0." + i, 50000, "10.0.0.9", 22, i);
            StreamFeeder f = new StreamFeeder(c, new Ssh(c, env()));
            byte[] s = SshHandshake.server();
            f.offer(Direction.SERVER_TO_CLIENT, s, 0, s.length, 5);
            f.end(EndReason.FIN);
        }
        software.emit(records::add);
        assertThat(records.stream().filter(Software.class::isInstance)).hasSize(1);
        assertThat(records.stream().filter(SSH.class::isInstance)).hasSize(3);
        Software first = (Software) records.getLast();
        assertThat(first.getFlowsList()).containsExactly("10.0.0.1:50000->10.0.0.9:22");
        assertThat(first.getTimestamp()).isEqualTo(1);
    }

    @Test
    void aFullSoftwareTableDropsAndCounts() {
        software = new SoftwareStore(1, () -> null);
        Conversation c = conversation();
        StreamFeeder f = new StreamFeeder(c, new Ssh(c, env()));
        byte[] s = SshHandshake.server();
        byte[] cl = SshHandshake.client();
        f.offer(Direction.SERVER_TO_CLIENT, s, 0, s.length, 5);
        f.offer(Direction.CLIENT_TO_SERVER, cl, 0, cl.length, 6);
        f.end(EndReason.FIN);
        software.emit(records::add);
        assertThat(records.stream().filter(Software.class::isInstance)).hasSize(1);
        assertThat(errors).containsExactly("SOFTWARE_TABLE_FULL");
        assertThat(software.dropped()).isEqualTo(1);
    }

    @Test
    void malformedStreamsAreCountedNotThrown() {
        Conversation c = conversation();
        StreamFeeder f = new StreamFeeder(c, new Ssh(c, env()));
        byte[] notSsh = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        f.offer(Direction.CLIENT_TO_SERVER, notSsh, 0, notSsh.length, 1);
        byte[] badLength = concat("SSH-2.0-x_1.0\r\n".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xff, 0, 0, 0, 4, 20, 0, 0});
        f.offer(Direction.SERVER_TO_CLIENT, badLength, 0, badLength.length, 2);
        f.end(EndReason.FIN);
        assertThat(errors).containsExactly(Ssh.MALFORMED, Ssh.MALFORMED);
        assertThat(records.stream().filter(SSH.class::isInstance)).isEmpty();
    }

    @Test
    void aLineWithoutEndIsGivenUpAtItsCap() {
        Conversation c = conversation();
        StreamFeeder f = new StreamFeeder(c, new Ssh(c, env()));
        byte[] b = new byte[Ssh.MAX_LINE + 1];
        java.util.Arrays.fill(b, (byte) 'a');
        f.offer(Direction.SERVER_TO_CLIENT, b, 0, b.length, 1);
        assertThat(f.pending(Direction.SERVER_TO_CLIENT)).isZero();
        assertThat(errors).containsExactly(Ssh.MALFORMED);
    }

    @Test
    void aTruncatedKexinitIsCounted() {
        Conversation c = conversation();
        StreamFeeder f = new StreamFeeder(c, new Ssh(c, env()));
        byte[] k = SshHandshake.kexinit("a", "b", "c", "d", "e", "f", "g", "h");
        byte[] b = concat("SSH-2.0-x_1.0\r\n".getBytes(StandardCharsets.US_ASCII),
                SshHandshake.packet(java.util.Arrays.copyOf(k, 30), 4));
        f.offer(Direction.CLIENT_TO_SERVER, b, 0, b.length, 1);
        assertThat(errors).containsExactly(Ssh.MALFORMED);
    }

    @Test
    void probeWantsSshAtTheStartOfEitherDirection() {
        byte[] ssh = "SSH-2.0-OpenSSH_7.4\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] http = "HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(Ssh.probe(new byte[0], 0, ssh, ssh.length)).isEqualTo(StreamProbe.Verdict.MATCH);
        assertThat(Ssh.probe(ssh, ssh.length, new byte[0], 0)).isEqualTo(StreamProbe.Verdict.MATCH);
        assertThat(Ssh.probe(new byte[0], 0, ssh, 2)).isEqualTo(StreamProbe.Verdict.MORE);
        assertThat(Ssh.probe(http, http.length, http, http.length)).isEqualTo(StreamProbe.Verdict.NO);
        assertThat(Ssh.probe(new byte[0], 0, http, http.length)).isEqualTo(StreamProbe.Verdict.MORE);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /**
     * The client's HASSH listed in a tiny database in the original's format: its candidates become Software, split
     * at " | ", " " and " ? " (worked out by hand below); the server's HASSH is not listed.
     */
    @Test
    void hasshLookupsGiveSoftware(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dbs) throws Exception {
        java.nio.file.Files.writeString(dbs.resolve("hasshdb.json"), """
                [{"hash": "%s", "softwares": [
                  {"name": "SSH-2.0 | OpenSSH_for_Windows 7.7 ? Windows", "likelyhood": "90%%"},
                  {"name": "SSH-2.0 | PuTTY", "likelyhood": "10%%"},
                  {"name": "no bar here", "likelyhood": "1%%"}]},
                 {"hash": "00000000000000000000000000000000", "softwares": [{"name": "SSH-2.0 | Other 1.0"}]}]
                """.formatted(SshHandshake.CLIENT_HASSH));
        io.netcap.decoder.stream.software.HasshDb db = io.netcap.decoder.stream.software.HasshDb.load(dbs);
        assertThat(db.size()).isEqualTo(2);
        assertThat(db.skipped()).isEqualTo(1);
        records.clear();
        software = new SoftwareStore(SoftwareStore.DEFAULT_CAP, () -> null).withDatabases(db, null);
        Conversation c = conversation();
        StreamFeeder f = new StreamFeeder(c, new Ssh(c, env()));
        f.offer(Direction.SERVER_TO_CLIENT, SshHandshake.server(), 0, SshHandshake.server().length, 2_000);
        f.offer(Direction.CLIENT_TO_SERVER, SshHandshake.client(), 0, SshHandshake.client().length, 3_000);
        f.end(EndReason.FIN);
        records.clear();
        software.emit(records::add);
        List<Software> hassh = records.stream().map(Software.class::cast)
                .filter(s -> s.getSourceName().equals("HASSH Lookup")).toList();
        assertThat(hassh).extracting(Software::getProduct, Software::getVersion, Software::getNotes).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("OpenSSH_for_Windows", "7.7",
                        "Likelihood: 90% Possible OS: WindowsSSH Version: SSH-2.0"),
                org.assertj.core.groups.Tuple.tuple("PuTTY", "", "Likelihood: 10% Possible OS: SSH Version: SSH-2.0"));
        assertThat(hassh).allSatisfy(s -> {
            assertThat(s.getSourceData()).isEqualTo(SshHandshake.CLIENT_HASSH);
            assertThat(s.getService()).isEqualTo("SSH");
            assertThat(s.getTimestamp()).isEqualTo(3_000);
            assertThat(s.getFlowsList()).containsExactly("10.0.0.1:50000->10.0.0.2:22");
        });
    }
}
