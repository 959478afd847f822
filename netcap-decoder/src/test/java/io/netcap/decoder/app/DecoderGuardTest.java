package io.netcap.decoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dispatch boundary's guard: rejected input as MALFORMED_*, escaped exceptions as DECODER_FAILURE_*. */
class DecoderGuardTest {
    private final DecoderGuard guard = new DecoderGuard();
    private final List<String> errors = new ArrayList<>();

    @Test
    void escapedExceptionIsAnInternalFailureOfItsProtocol() {
        guard.begin();
        guard.failed("OSPF", new ArrayIndexOutOfBoundsException(7), (kind, message) -> errors.add(kind + " " + message));
        assertThat(guard.failures("OSPF")).isEqualTo(1);
        assertThat(guard.failures("IGMP")).isZero();
        assertThat(guard.failures()).isEqualTo(1);
        assertThat(errors).singleElement().asString().startsWith("DECODER_FAILURE_OSPF OSPF decoder failed: "
                + "java.lang.ArrayIndexOutOfBoundsException");
    }

    @Test
    void rejectedInnerRecordIsReportedUnderItsOwnProtocol() {
        guard.begin();
        AppErrors.reject("EAPOL_KEY", new Malformed("keyTooShort"));
        guard.end("EAPOL", "EAPOL", 99, true, (kind, message) -> errors.add(kind + " " + message));
        assertThat(errors).containsExactly("MALFORMED_EAPOL_KEY EAPOL message EAPOL_KEY record could not be decoded: keyTooShort");
        assertThat(guard.failures()).isZero();
    }

    @Test
    void rejectedMessageIsReportedOnceAndEarlierRejectionsAreForgotten() {
        AppErrors.reject("DNS", new Malformed("left over from a call without guard"));
        guard.begin();
        AppErrors.reject("VRRP", new Malformed("tooShort"));
        guard.end("VRRP", "VRRP", 5, false, (kind, message) -> errors.add(kind + " " + message));
        assertThat(errors).containsExactly("MALFORMED_VRRP VRRP message could not be decoded: tooShort");
    }

    @Test
    void emptyResultWithoutReasonIsStillReportedButEmptyMessagesAreNot() {
        guard.begin();
        guard.end("SIP", "SIP", 3, false, (kind, message) -> errors.add(kind));
        guard.begin();
        AppErrors.reject("SIP", new Malformed("tooShort"));
        guard.end("SIP", "SIP", 0, false, (kind, message) -> errors.add(kind));
        assertThat(errors).containsExactly("MALFORMED_SIP");
    }
}
