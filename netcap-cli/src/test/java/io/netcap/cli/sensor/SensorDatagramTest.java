package io.netcap.cli.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.netcap.cli.sensor.SensorDatagram.Rejection;
import io.netcap.types.Batch;
import io.netcap.types.Type;
import io.netcap.types.UDP;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The box through libsodium, the datagram layout, and every way a datagram is rejected. */
class SensorDatagramTest {
    static Sodium sodium;

    @TempDir
    Path tmp;

    @BeforeAll
    static void libsodium() {
        sodium = Libsodium.require();
    }

    @Test
    void aBoxOpensWithTheRightKeysOnly() {
        byte[][] alice = sodium.keyPair();
        byte[][] bob = sodium.keyPair();
        byte[] nonce = sodium.randomBytes(Sodium.NONCE_BYTES);
        byte[] message = "records".getBytes(StandardCharsets.US_ASCII);
        byte[] box = sodium.box(message, nonce, bob[0], alice[1]);
        assertThat(box).hasSize(message.length + Sodium.MAC_BYTES);
        assertThat(sodium.open(box, 0, box.length, nonce, alice[0], bob[1])).isEqualTo(message);
        assertThat(sodium.open(box, 0, box.length, nonce, alice[0], alice[1])).isNull();
        box[box.length - 1] ^= 1;
        assertThat(sodium.open(box, 0, box.length, nonce, alice[0], bob[1])).isNull();
        assertThat(sodium.publicKey(bob[1])).isEqualTo(bob[0]);
    }

    /** RFC 7748 section 6.1: Alice's public key from her private key. */
    @Test
    void publicKeysAreX25519OfTheBasePoint() {
        byte[] secret = java.util.HexFormat.of().parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        assertThat(java.util.HexFormat.of().formatHex(sodium.publicKey(secret)))
                .isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    }

    @Test
    void keyFilesAreSixtyFourHexCharactersWithoutNewline() throws IOException {
        KeyFiles.generate(tmp, sodium);
        String pub = Files.readString(tmp.resolve(KeyFiles.PUBLIC));
        assertThat(pub).matches("[0-9a-f]{64}");
        assertThat(Files.readString(tmp.resolve(KeyFiles.PRIVATE))).matches("[0-9a-f]{64}");
        Files.writeString(tmp.resolve(KeyFiles.PRIVATE), Files.readString(tmp.resolve(KeyFiles.PRIVATE)) + "\n");
        byte[] secret = KeyFiles.read(tmp.resolve(KeyFiles.PRIVATE));
        assertThat(java.util.HexFormat.of().formatHex(sodium.publicKey(secret))).isEqualTo(pub);
        Files.writeString(tmp.resolve("bad.key"), "xyz");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeyFiles.read(tmp.resolve("bad.key")))
                .hasMessageContaining("not a key");
    }

    @Test
    void everyBadDatagramIsRejectedWithItsReason() throws IOException {
        byte[][] server = sodium.keyPair();
        byte[][] agent = sodium.keyPair();
        Batch batch = batch("sensor1", 3);
        byte[] good = SensorDatagram.seal(batch, agent[0], agent[1], server[0], sodium);
        assertThat(SensorDatagram.open(good, good.length, server[1], sodium).batch()).isEqualTo(batch);
        assertThat(reject(good, 40, server[1])).isEqualTo(Rejection.TRUNCATED);
        assertThat(reject(good, good.length - 1, server[1])).isEqualTo(Rejection.FORGED);
        byte[] flipped = good.clone();
        flipped[flipped.length - 3] ^= 0x40;
        assertThat(reject(flipped, flipped.length, server[1])).isEqualTo(Rejection.FORGED);
        byte[] otherSender = good.clone();
        System.arraycopy(sodium.keyPair()[0], 0, otherSender, 0, 32);
        assertThat(reject(otherSender, otherSender.length, server[1])).isEqualTo(Rejection.FORGED);
        byte[] wrongServer = SensorDatagram.seal(batch, agent[0], agent[1], sodium.keyPair()[0], sodium);
        assertThat(reject(wrongServer, wrongServer.length, server[1])).isEqualTo(Rejection.FORGED);
        assertThat(reject(sealRaw("not gzip".getBytes(StandardCharsets.US_ASCII), agent, server[0]), -1, server[1]))
                .isEqualTo(Rejection.GARBLED);
        assertThat(reject(sealRaw(SensorDatagram.gzip(new byte[] {(byte) 0xff, 0x01}), agent, server[0]), -1, server[1]))
                .isEqualTo(Rejection.GARBLED);
    }

    @Test
    void wholeRecordsOnly() {
        Batch b = batch("s", 5);
        byte[] data = b.getData().toByteArray();
        assertThat(Collector.wholeRecords(data, io.netcap.types.RecordType.UDP)).isEqualTo(5);
        assertThat(Collector.wholeRecords(Arrays.copyOf(data, data.length - 1), io.netcap.types.RecordType.UDP)).isEqualTo(-1);
        assertThat(Collector.CLIENT_ID.matcher("../x").matches()).isFalse();
        assertThat(Collector.CLIENT_ID.matcher("..").matches()).isFalse();
        assertThat(Collector.CLIENT_ID.matcher("a/b").matches()).isFalse();
        assertThat(Collector.CLIENT_ID.matcher("sensor-1.lab").matches()).isTrue();
    }

    private byte[] sealRaw(byte[] plain, byte[][] agent, byte[] serverPublic) {
        byte[] nonce = sodium.randomBytes(Sodium.NONCE_BYTES);
        byte[] box = sodium.box(plain, nonce, serverPublic, agent[1]);
        byte[] out = new byte[56 + box.length];
        System.arraycopy(agent[0], 0, out, 0, 32);
        System.arraycopy(nonce, 0, out, 32, 24);
        System.arraycopy(box, 0, out, 56, box.length);
        return out;
    }

    private static Rejection reject(byte[] datagram, int len, byte[] serverSecret) {
        return SensorDatagram.open(datagram, len < 0 ? datagram.length : len, serverSecret, sodium).rejection();
    }

    /** A batch of {@code n} UDP records. */
    static Batch batch(String client, int n) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            try {
                UDP.newBuilder().setTimestamp(1_000_000_000L * (i + 1)).setSrcPort(1000 + i).setDstPort(53).build()
                        .writeDelimitedTo(data);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return Batch.newBuilder().setClientID(client).setMessageType(Type.NC_UDP).setTotalSize(data.size())
                .setData(ByteString.copyFrom(data.toByteArray())).build();
    }
}
