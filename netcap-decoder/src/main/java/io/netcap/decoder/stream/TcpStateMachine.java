package io.netcap.decoder.stream;

/**
 * The simple TCP state machine of the original's reassembly (gopacket's {@code TCPSimpleFSM}), which
 * {@code -ignorefsmerr=false} enforces (docs/streams.md, "Segment checks"). It is not RFC 9293's machine of one
 * endpoint but a coarse one for an observer of both: a SYN opens (SYN-SENT), the SYN+ACK of the other side
 * establishes, a FIN starts closing (CLOSE-WAIT), the other side's FIN+ACK is the last one (LAST-ACK) and the
 * first closer's ACK of it closes; a RST resets and ends it. It checks flags and directions only, no sequence
 * numbers, and expects segments in order.
 *
 * <p>With missing handshakes allowed, the first segment of a connection that is not a bare SYN sets the state it
 * implies, as the original guesses it: a SYN+ACK answers the other side's SYN; a FIN+ACK answers the other side's
 * FIN (so it is the last FIN); anything else finds the connection established. One instance per connection,
 * owned by its reassembler's thread.
 */
final class TcpStateMachine {
    enum State { CLOSED, SYN_SENT, ESTABLISHED, CLOSE_WAIT, LAST_ACK, RESET }

    private final boolean allowMissingInit;
    private State state = State.CLOSED;
    /** The side that sent the SYN, or the FIN that started closing. */
    private Direction opener;

    TcpStateMachine(boolean allowMissingInit) {
        this.allowMissingInit = allowMissingInit;
    }

    State state() {
        return state;
    }

    /** Advances on a segment of direction {@code d} with TCP {@code flags}; false when the machine refuses it. */
    boolean accept(Direction d, int flags) {
        boolean syn = (flags & TcpReassembler.SYN) != 0;
        boolean ack = (flags & TcpReassembler.ACK) != 0;
        boolean fin = (flags & TcpReassembler.FIN) != 0;
        boolean rst = (flags & TcpReassembler.RST) != 0;
        if (state == State.CLOSED && allowMissingInit && !(syn && !ack)) {
            guess(d, syn, ack, fin);
        }
        if (rst && state != State.CLOSED && state != State.RESET) {
            state = State.RESET; // every state between the SYN and the close takes a RST
            return true;
        }
        switch (state) {
            case CLOSED -> {
                if (syn && !ack) {
                    opener = d;
                    state = State.SYN_SENT;
                    return true;
                }
            }
            case SYN_SENT -> {
                if (syn && ack && d == opener.reverse()) {
                    state = State.ESTABLISHED;
                    return true;
                }
                return syn && !ack && d == opener; // a retransmitted SYN
            }
            case ESTABLISHED -> {
                if (fin) {
                    state = State.CLOSE_WAIT;
                    opener = d;
                }
                return true;
            }
            case CLOSE_WAIT -> {
                if (fin && ack && d == opener.reverse()) {
                    state = State.LAST_ACK;
                    return true;
                }
                return ack;
            }
            case LAST_ACK -> {
                if (ack && d == opener) {
                    state = State.CLOSED;
                    return true;
                }
            }
            case RESET -> {
                return false;
            }
        }
        return false;
    }

    /** The state a first segment other than a bare SYN implies (the original's guesses, kept as they are). */
    private void guess(Direction d, boolean syn, boolean ack, boolean fin) {
        if (syn && ack) {
            state = State.SYN_SENT;
            opener = d.reverse();
        } else if (fin && ack) {
            state = State.CLOSE_WAIT;
            opener = d.reverse();
        } else {
            state = State.ESTABLISHED;
        }
    }
}
