package io.netcap.types.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GoValuesTest {
    /** Exact rounding of the binary value; Go writes the sign of a negative that rounds to zero. */
    private static String exact(double d, int n) {
        String s = new BigDecimal(d).setScale(n, RoundingMode.HALF_EVEN).toPlainString();
        return d < 0 && !s.startsWith("-") ? "-" + s : s;
    }

    /** The fast path must agree with exact rounding of the binary value. */
    @Property(tries = 3000)
    void fixedEqualsExactRounding(@ForAll @DoubleRange(min = -1e7, max = 1e7) double d, @ForAll @IntRange(min = 0, max = 10) int n) {
        assertThat(GoValues.fixed(d, n)).isEqualTo(exact(d, n));
    }

    /** Values on and next to ties of the 8th decimal (k + 0.5) * 1e-8 and their neighbours. */
    @Property(tries = 3000)
    void fixedNearTies(@ForAll @IntRange(min = 0, max = 800_000_000) int k, @ForAll @IntRange(min = -2, max = 2) int ulps) {
        double d = (k + 0.5) / 1e8;
        for (int i = 0; i < Math.abs(ulps); i++) {
            d = ulps > 0 ? Math.nextUp(d) : Math.nextDown(d);
        }
        assertThat(GoValues.fixed(d, 8)).isEqualTo(exact(d, 8));
        assertThat(GoValues.fixed(d, 6)).isEqualTo(exact(d, 6));
    }

    @Test
    void ties() {
        assertThat(GoValues.fixed(0.125, 2)).isEqualTo("0.12");
        assertThat(GoValues.fixed(0.375, 2)).isEqualTo("0.38");
        assertThat(GoValues.fixed(7.99999999999, 6)).isEqualTo("8.000000");
        assertThat(GoValues.fixed(-1.5, 0)).isEqualTo("-2");
        assertThat(GoValues.fixed(-0.0, 2)).isEqualTo("-0.00");
        assertThat(GoValues.fixed(-0.004, 2)).isEqualTo("-0.00"); // Go keeps the sign of a negative rounded to zero
        assertThat(GoValues.fixed(-0.7071067811865476, 10)).isEqualTo("-0.7071067812");
        assertThat(GoValues.fixed(1e300, 2)).isEqualTo(exact(1e300, 2));
    }
}
