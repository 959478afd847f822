package io.netcap.decoder.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The allocation-free helpers of the flow decoders against the library forms they replace. */
class FlowTablesTest {
    final Random random = new Random(7);

    @Test
    void connectionKeyAndUidBytesEqualStrings() throws Exception {
        byte[] dst = new byte[64];
        long[] digest = new long[2];
        MessageDigest md5 = Digests.of("MD5");
        long[] special = {0, 1, 9, 10, -1, Long.MIN_VALUE, Long.MAX_VALUE, -10, 1_000_000_000_000_000_000L,
            999_999_999L, 1_000_000_000L, 1_000_000_001L, 999_999_999_999_999_999L, 1_000_000_000_000_000_001L,
            Integer.MAX_VALUE, 1L << 31, 4_294_967_295L, 18_446_744_073_709_551L, 18_446_744_073_709_552L};
        for (int i = 0; i < 5_000; i++) {
            long a = i < special.length ? special[i] : random.nextLong();
            long b = random.nextInt(4) == 0 ? 0 : random.nextLong();
            long c = i < special.length ? special[special.length - 1 - i] : random.nextLong() >>> random.nextInt(64);
            String key = FlowHash.key(a, b, c);
            int n = FlowHash.key(a, b, c, dst, 0);
            assertThat(new String(dst, 0, n, StandardCharsets.US_ASCII)).isEqualTo(key);
            FlowHash.uidDigest(md5, dst, a, b, c, digest);
            n = FlowHash.uidHex(digest[0], digest[1], dst, 1);
            String uid = new String(dst, 1, n - 1, StandardCharsets.US_ASCII);
            assertThat(uid).isEqualTo(FlowHash.uid(key))
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(key.getBytes(StandardCharsets.US_ASCII))));
        }
    }

    @Test
    void flowHashOfNumbersEqualsFlowHashOfBytes() {
        for (int i = 0; i < 10_000; i++) {
            byte[] a = new byte[16];
            byte[] b = new byte[16];
            random.nextBytes(a);
            random.nextBytes(b);
            java.nio.ByteBuffer x = java.nio.ByteBuffer.wrap(a);
            java.nio.ByteBuffer y = java.nio.ByteBuffer.wrap(b);
            assertThat(FlowHash.flow(x.getLong(0), x.getLong(8), y.getLong(0), y.getLong(8), FlowHash.ENDPOINT_IPV6))
                    .isEqualTo(FlowHash.flow(a, 0, b, 0, 16, FlowHash.ENDPOINT_IPV6));
            assertThat(FlowHash.flow(x.getInt(0) & 0xffffffffL, y.getInt(0) & 0xffffffffL, 4, FlowHash.ENDPOINT_IPV4))
                    .isEqualTo(FlowHash.flow(a, 0, b, 0, 4, FlowHash.ENDPOINT_IPV4));
            assertThat(FlowHash.flow(x.getLong(0) >>> 16, y.getLong(0) >>> 16, 6, FlowHash.ENDPOINT_MAC))
                    .isEqualTo(FlowHash.flow(a, 0, b, 0, 6, FlowHash.ENDPOINT_MAC));
        }
    }

    @Test
    void intLongMapAgreesWithHashMap() {
        IntLongMap m = new IntLongMap();
        Map<Integer, Long> ref = new HashMap<>();
        assertThat(m.get(3, -7)).isEqualTo(-7);
        for (int i = 0; i < 50_000; i++) {
            int k = random.nextInt(3_000);
            long v = random.nextLong();
            switch (random.nextInt(3)) {
                case 0 -> {
                    m.put(k, v);
                    ref.put(k, v);
                }
                case 1 -> {
                    m.putMin(k, v);
                    ref.merge(k, v, Math::min);
                }
                default -> assertThat(m.get(k, 42)).isEqualTo(ref.getOrDefault(k, 42L));
            }
            assertThat(m.containsKey(k)).isEqualTo(ref.containsKey(k));
        }
        assertThat(m.size()).isEqualTo(ref.size());
        Map<Integer, Long> seen = new HashMap<>();
        for (int i = 0; i < m.capacity(); i++) {
            if (m.keyAt(i) >= 0) {
                seen.put(m.keyAt(i), m.valueAt(i));
            }
        }
        assertThat(seen).isEqualTo(ref);
    }

    @Test
    void ipIndexNumbersAddressesDensely() {
        IpIndex index = new IpIndex();
        Map<String, Integer> ref = new HashMap<>();
        for (int i = 0; i < 30_000; i++) {
            long hi = random.nextInt(3) == 0 ? 0 : random.nextInt(50);
            long lo = random.nextInt(2_000);
            boolean v6 = hi != 0 || random.nextBoolean(); // (0, x) exists as IPv4 and as IPv6
            String k = hi + "/" + lo + "/" + v6;
            int id = index.find(hi, lo, v6);
            Integer expected = ref.get(k);
            if (expected == null) {
                assertThat(id).isEqualTo(-1);
                int added = index.add(hi, lo, v6);
                assertThat(added).isEqualTo(ref.size());
                ref.put(k, added);
            } else {
                assertThat(id).isEqualTo(expected);
            }
        }
        assertThat(index.size()).isEqualTo(ref.size());
    }
}
