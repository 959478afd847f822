package io.netcap.label;

import com.google.protobuf.Message;
import io.netcap.label.AttackDescriptions.Attack;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-written attack descriptions as a labeling source (docs/labeling.md, "Attack descriptions"): a record
 * belongs to an attack when its time lies in the attack's window and its addresses are the attack's, by the
 * original's counting rule. The label is the attack's category; a record in several attacks gets all their
 * categories, as in the original.
 */
public final class AttackIndex implements Classifier {
    private final List<Attack> attacks;
    /** With {@link #countMatches}: the records each attack matched; null otherwise. */
    private volatile MatchCounts matched;

    public AttackIndex(List<Attack> attacks) {
        this.attacks = List.copyOf(attacks);
    }

    public List<Attack> attacks() { return attacks; }

    /** Attacks per category, in order of first appearance. */
    public Map<String, Long> attacksPerCategory() {
        Map<String, Long> out = new LinkedHashMap<>();
        attacks.forEach(a -> out.merge(a.category(), 1L, Long::sum));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public List<String> classes(RecordFacts facts, Message record) {
        String src = facts.srcIp(record);
        String dst = facts.dstIp(record);
        if (src.isEmpty() && dst.isEmpty()) {
            return List.of(); // types without addresses can only be normal
        }
        long t = facts.time(record);
        List<String> out = new ArrayList<>(1);
        MatchCounts m = matched;
        for (int i = 0; i < attacks.size(); i++) {
            Attack a = attacks.get(i);
            if (t >= a.start() && t <= a.end() && applies(a, src, dst) && !a.category().isBlank()) {
                if (m != null) {
                    m.add(i, facts.type());
                }
                if (!out.contains(a.category())) {
                    out.add(a.category());
                }
            }
        }
        return out;
    }

    /** From now on, count the records each attack matches ({@code label -debug}, {@link #writeMatches}). */
    public void countMatches() {
        matched = new MatchCounts();
    }

    /** A line per attack, in the description's order: its number, name, window and category, then what it matched. */
    public void writeMatches(Path file) throws IOException {
        (matched == null ? new MatchCounts() : matched).write(file, attacks.size(), i -> {
            Attack a = attacks.get(i);
            return "attack " + (i + 1) + ": " + a.name() + " " + Instant.ofEpochSecond(0, a.start()) + ".."
                    + Instant.ofEpochSecond(0, a.end()) + " \"" + a.category() + "\"";
        });
    }

    /**
     * The original's rule: with {@code ips}, one or both addresses listed; otherwise traffic between an
     * attacker and a victim (one of each), or with {@code flagVictimTraffic} any traffic of an attacker or a
     * victim.
     */
    static boolean applies(Attack a, String src, String dst) {
        int n = 0;
        if (!a.ips().isEmpty()) {
            for (String ip : a.ips()) {
                n += ip.equals(src) || ip.equals(dst) ? 1 : 0;
            }
            return n == 1 || n == 2;
        }
        boolean victim = a.victims().stream().anyMatch(v -> v.equals(src) || v.equals(dst));
        for (String attacker : a.attackers()) {
            if (attacker.equals(src) || attacker.equals(dst)) {
                n += victim ? 2 : 1;
            }
        }
        if (n == 0 && a.flagVictimTraffic() && victim) {
            n = 1;
        }
        return a.flagVictimTraffic() ? n == 1 || n == 2 : n == 2;
    }
}
