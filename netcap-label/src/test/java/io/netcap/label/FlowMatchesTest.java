package io.netcap.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Matches per flow (either orientation) and per host pair and time (spans that overlap or nest). */
class FlowMatchesTest {
    private static final FlowMatches.Found A = new FlowMatches.Found("a", "stream client");
    private static final FlowMatches.Found B = new FlowMatches.Found("b", "stream server");
    private static final FlowMatches.Found C = new FlowMatches.Found("c", "file 00");
    private static final FlowMatches.Found D = new FlowMatches.Found("d", "file 01");

    @Test
    void flowsAreFoundInEitherOrientationByTheDumpsName() {
        FlowMatches m = new FlowMatches();
        m.add("tcp/10.0.0.1-1234--10.0.0.2-80", A);
        m.add(FlowMatches.key("TCP", "10.0.0.2:80->10.0.0.1:1234"), B);
        m.add(FlowMatches.key("tcp", "2001:db8::1:5000->2001:db8::2:443"), C);
        assertThat(m.flow("TCP", "10.0.0.1", "1234", "10.0.0.2", "80")).containsExactly(A, B);
        assertThat(m.flow("TCP", "2001:db8::2", "443", "2001:db8::1", "5000")).containsExactly(C);
        assertThat(m.flow("UDP", "10.0.0.1", "1234", "10.0.0.2", "80")).isEmpty();
    }

    @Test
    void sessionsAreTheSpansHoldingTheTime() {
        FlowMatches m = new FlowMatches();
        m.span("h1", "h2", 0, 10, List.of(A));
        m.span("h2", "h1", 5, 20, List.of(B));
        m.span("h1", "h2", 2, 3, List.of(C));
        m.span("h1", "h2", 30, 40, List.of(D));
        m.freeze();
        assertThat(m.session("h1", "h2", 2)).containsExactlyInAnyOrder(A, C);
        assertThat(m.session("h1", "h2", 4)).containsExactly(A);
        assertThat(m.session("h2", "h1", 10)).containsExactlyInAnyOrder(A, B);
        assertThat(m.session("h1", "h2", 25)).isEmpty();
        assertThat(m.session("h1", "h2", 30)).containsExactly(D);
        assertThat(m.session("h1", "h2", -1)).isEmpty();
        assertThat(m.session("h1", "h3", 5)).isEmpty();
    }
}
