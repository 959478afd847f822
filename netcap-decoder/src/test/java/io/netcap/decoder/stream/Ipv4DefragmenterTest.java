package io.netcap.decoder.stream;

import static io.netcap.decoder.stream.Ipv4Fragments.counting;
import static io.netcap.decoder.stream.Ipv4Fragments.fill;
import static io.netcap.decoder.stream.Ipv4Fragments.fragment;
import static io.netcap.decoder.stream.Ipv4Fragments.onesComplementSum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netcap.decoder.stream.Ipv4DefragCounters.Drop;
import io.netcap.decoder.stream.Ipv4Defragmenter.Limits;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Ipv4DefragmenterTest {
    private static final long SECOND = 1_000_000_000L;
    private static final byte[] PAYLOAD = counting(0, 40);

    private final Ipv4Defragmenter defrag = new Ipv4Defragmenter();

    private byte[] offer(byte[] fragment) {
        return offer(defrag, fragment, 0);
    }

    private static byte[] offer(Ipv4Defragmenter d, byte[] fragment, long t) {
        return d.offer(fragment, 0, fragment.length, t);
    }

    private static byte[] part(int id, int offset, int length, boolean more) {
        return fragment(id, offset, more, Arrays.copyOfRange(PAYLOAD, offset, offset + length));
    }

    private static byte[] payloadOf(byte[] datagram) {
        return Arrays.copyOfRange(datagram, (datagram[0] & 0x0F) * 4, datagram.length);
    }

    @Test
    void inOrderFragmentsGiveTheDatagramWithAFreshHeader() {
        assertThat(offer(part(7, 0, 16, true))).isNull();
        assertThat(offer(part(7, 16, 16, true))).isNull();
        byte[] d = offer(part(7, 32, 8, false));

        assertThat(d).hasSize(60);
        assertThat(payloadOf(d)).isEqualTo(PAYLOAD);
        assertThat((d[2] & 0xFF) << 8 | d[3] & 0xFF).as("total length").isEqualTo(60);
        assertThat(d[6] & 0xFF).as("MF and offset high bits").isZero();
        assertThat(d[7]).as("offset low bits").isZero();
        assertThat((d[4] & 0xFF) << 8 | d[5] & 0xFF).as("identification").isEqualTo(7);
        assertThat(d[9]).as("protocol").isEqualTo((byte) 17);
        assertThat(onesComplementSum(d, 20)).as("RFC 1071 sum over the header").isEqualTo(0xFFFF);
        assertThat(defrag.counters().fragments()).isEqualTo(3);
        assertThat(defrag.counters().reassembled()).isEqualTo(1);
        assertThat(defrag.datagramsInFlight()).isZero();
        assertThat(defrag.bufferedBytes()).isZero();
    }

    @Test
    void reversedFragmentsGiveTheSameDatagram() {
        assertThat(offer(part(7, 32, 8, false))).isNull();
        assertThat(offer(part(7, 16, 16, true))).isNull();
        assertThat(payloadOf(offer(part(7, 0, 16, true)))).isEqualTo(PAYLOAD);
    }

    @Test
    void duplicatesAreCountedAndChangeNothing() {
        offer(part(7, 0, 16, true));
        offer(part(7, 0, 16, true));
        offer(part(7, 16, 16, true));
        assertThat(payloadOf(offer(part(7, 32, 8, false)))).isEqualTo(PAYLOAD);
        assertThat(defrag.counters().duplicateFragments()).isEqualTo(1);
        assertThat(defrag.counters().overlapBytes()).isEqualTo(16);
        assertThat(defrag.counters().conflictingFragments()).as("same bytes again").isZero();
    }

    @Test
    void overlapKeepsTheFirstCopy() {
        offer(fragment(9, 0, true, fill(16, 'A')));
        byte[] d = offer(fragment(9, 8, false, fill(16, 'B')));

        assertThat(new String(payloadOf(d))).isEqualTo("A".repeat(16) + "B".repeat(8));
        assertThat(defrag.counters().overlapBytes()).isEqualTo(8);
        assertThat(defrag.counters().conflictingFragments()).isEqualTo(1);
    }

    @Test
    void overlapKeepsTheFirstCopyWhicheverComesFirst() {
        offer(fragment(9, 8, false, fill(16, 'B')));
        byte[] d = offer(fragment(9, 0, true, fill(16, 'A')));

        assertThat(new String(payloadOf(d))).isEqualTo("A".repeat(8) + "B".repeat(16));
    }

    @Test
    void aFragmentSpanningAHoleFillsOnlyTheHole() {
        offer(fragment(9, 0, true, fill(8, 'A')));
        offer(fragment(9, 16, false, fill(8, 'C')));
        byte[] d = offer(fragment(9, 0, true, fill(24, 'B')));

        assertThat(new String(payloadOf(d))).isEqualTo("AAAAAAAABBBBBBBBCCCCCCCC");
        assertThat(defrag.counters().overlapBytes()).isEqualTo(16);
    }

    @Test
    void interleavedDatagramsAreKeptApart() {
        byte[] other = counting(100, 24);
        int tcp = 6;
        offer(part(1, 0, 16, true));
        offer(fragment(Ipv4Fragments.SRC, Ipv4Fragments.DST, tcp, 1, 0, true, new byte[0], fill(16, 'X')));
        offer(fragment(2, 8, false, Arrays.copyOfRange(other, 8, 24)));
        offer(part(1, 16, 16, true));
        byte[] second = offer(fragment(2, 0, true, Arrays.copyOfRange(other, 0, 8)));
        byte[] first = offer(part(1, 32, 8, false));

        assertThat(payloadOf(second)).isEqualTo(other);
        assertThat(payloadOf(first)).isEqualTo(PAYLOAD);
        assertThat(defrag.datagramsInFlight()).as("the TCP set with the same identification").isEqualTo(1);
    }

    @Test
    void theFirstFragmentsHeaderAndOptionsAreKept() {
        byte[] options = {(byte) 0x94, 4, 0, 0}; // Router Alert (RFC 2113)
        offer(fragment(Ipv4Fragments.SRC, Ipv4Fragments.DST, 17, 3, 16, false, new byte[0], counting(16, 8)));
        byte[] d = offer(fragment(Ipv4Fragments.SRC, Ipv4Fragments.DST, 17, 3, 0, true, options, counting(0, 16)));

        assertThat(d).hasSize(24 + 24);
        assertThat(d[0]).isEqualTo((byte) 0x46);
        assertThat(Arrays.copyOfRange(d, 20, 24)).isEqualTo(options);
        assertThat(payloadOf(d)).isEqualTo(counting(0, 24));
        assertThat(onesComplementSum(d, 24)).isEqualTo(0xFFFF);
    }

    @Test
    void aDatagramAbove65535BytesIsDroppedAndCounted() {
        offer(part(5, 0, 16, true));
        // Offset 65,512 + 40 bytes + a 20-byte header: 65,572 bytes (the ping of death).
        assertThat(offer(fragment(5, 65_512, false, fill(40, 0)))).isNull();

        assertThat(defrag.counters().dropped(Drop.TOO_LARGE)).isEqualTo(1);
        assertThat(defrag.datagramsInFlight()).isZero();
        assertThat(defrag.bufferedBytes()).isZero();
    }

    @Test
    void largestDatagramIsAccepted() {
        offer(fragment(5, 0, true, fill(32_760, 1)));
        offer(fragment(5, 32_760, true, fill(32_752, 2)));
        byte[] d = offer(fragment(5, 65_512, false, fill(65_535 - 20 - 65_512, 3)));

        assertThat(d).hasSize(65_535);
        assertThat((d[2] & 0xFF) << 8 | d[3] & 0xFF).isEqualTo(65_535);
        assertThat(onesComplementSum(d, 20)).isEqualTo(0xFFFF);
    }

    @Test
    void lastFragmentsThatDisagreeDropTheSet() {
        offer(part(4, 16, 16, false));
        assertThat(offer(part(4, 16, 24, false))).isNull();
        assertThat(defrag.counters().dropped(Drop.INCONSISTENT)).isEqualTo(1);
        assertThat(defrag.datagramsInFlight()).isZero();
    }

    @Test
    void dataBeyondTheEndDropsTheSet() {
        offer(part(4, 8, 8, false));
        assertThat(offer(part(4, 16, 16, true))).isNull();
        assertThat(defrag.counters().dropped(Drop.INCONSISTENT)).isEqualTo(1);
    }

    @Test
    void malformedInputIsCountedNotThrown() {
        byte[] whole = fragment(1, 0, false, fill(8, 0));
        byte[] truncated = Arrays.copyOf(part(1, 0, 16, true), 30);
        assertThat(offer(whole)).isNull();
        assertThat(offer(truncated)).isNull();
        assertThat(defrag.offer(new byte[10], 0, 10, 0)).isNull();
        assertThat(defrag.counters().dropped(Drop.MALFORMED)).isEqualTo(3);
        assertThat(defrag.counters().fragments()).isEqualTo(3);
    }

    @Test
    void linkPaddingAfterTheTotalLengthIsIgnored() {
        byte[] padded = Arrays.copyOf(part(8, 32, 8, false), 60);
        offer(padded);
        offer(part(8, 0, 32, true));
        assertThat(defrag.counters().reassembled()).isEqualTo(1);
    }

    @Test
    void anIncompleteSetTimesOutByPacketTime() {
        offer(defrag, part(6, 0, 16, true), 0);
        offer(defrag, part(99, 0, 16, true), 14 * SECOND);
        assertThat(defrag.datagramsInFlight()).isEqualTo(2);

        assertThat(offer(defrag, part(6, 16, 24, false), 15 * SECOND)).as("too late").isNull();
        assertThat(defrag.counters().dropped(Drop.TIMEOUT)).isEqualTo(1);
        assertThat(payloadOf(offer(defrag, part(99, 16, 24, false), 15 * SECOND))).isEqualTo(PAYLOAD);

        assertThat(defrag.expire(30 * SECOND)).as("the late fragment's own set").isEqualTo(1);
        assertThat(defrag.datagramsInFlight()).isZero();
        assertThat(defrag.bufferedBytes()).isZero();
    }

    @Test
    void theDatagramCapDropsTheOldest() {
        Ipv4Defragmenter d = new Ipv4Defragmenter(new Limits(15 * SECOND, 2, 1 << 20));
        offer(d, part(1, 0, 16, true), 0);
        offer(d, part(2, 0, 16, true), 1);
        offer(d, part(3, 0, 16, true), 2);

        assertThat(d.datagramsInFlight()).isEqualTo(2);
        assertThat(d.counters().dropped(Drop.DATAGRAM_CAP)).isEqualTo(1);
        assertThat(offer(d, part(1, 16, 24, false), 3)).as("set 1 was dropped").isNull();
        assertThat(payloadOf(offer(d, part(3, 16, 24, false), 4))).isEqualTo(PAYLOAD);
    }

    @Test
    void theByteCapDropsTheOldest() {
        // Each held set charges 20 header + 16 data + 64 bookkeeping = 100 bytes.
        Ipv4Defragmenter d = new Ipv4Defragmenter(new Limits(15 * SECOND, 100, 250));
        offer(d, part(1, 0, 16, true), 0);
        offer(d, part(2, 0, 16, true), 0);
        assertThat(d.bufferedBytes()).isEqualTo(200);
        offer(d, part(3, 0, 16, true), 0);

        assertThat(d.bufferedBytes()).isEqualTo(200);
        assertThat(d.counters().dropped(Drop.BYTE_CAP)).isEqualTo(1);
        assertThat(offer(d, part(1, 16, 24, false), 0)).isNull();
        assertThat(d.bufferedBytes()).isLessThanOrEqualTo(250);
        assertThat(d.counters().droppedTotal()).isEqualTo(d.counters().dropped(Drop.BYTE_CAP));
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new Limits(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTimerRunsFromTheFirstFragmentNotTheLast() {
        offer(defrag, part(6, 0, 16, true), 0);
        offer(defrag, part(6, 16, 8, true), 10 * SECOND);
        assertThat(offer(defrag, part(6, 24, 16, false), 15 * SECOND)).isNull();
        assertThat(defrag.counters().dropped(Drop.TIMEOUT)).isEqualTo(1);
    }
}
