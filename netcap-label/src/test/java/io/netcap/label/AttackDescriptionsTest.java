package io.netcap.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netcap.label.AttackDescriptions.Attack;
import io.netcap.testing.Corpus;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attack descriptions of the original, YAML and the older CSV: Go layouts, windows, the address rule; values by hand. */
class AttackDescriptionsTest {
    /** The original's documented example. */
    private static final String EXAMPLE = """
            location: "Canada/Atlantic"
            timeFormat: "15:04"
            dateFormat: "Monday-02-01-2006"
            attacks:
              - name: DoS-GoldenEye
                date: Thursday-15-02-2018
                start: 9:26
                end: 10:09
                ips: [18.217.21.148]
                proto: HTTP
                category: denial-of-service
                mitre: T1498
              - name: Brute Force Web
                date: Thursday-22-02-2018
                start: 10:17
                end: 11:24
                victims: [18.218.83.150, 172.31.69.28]
                attackers: [18.218.115.60]
                category: bruteforce
                flagVictimTraffic: false
              - name: ""
                category: skipped
            """;

    @TempDir
    Path tmp;

    @Test
    void goLayoutsBecomeJavaPatterns() {
        assertThat(GoLayout.pattern("Monday-02-01-2006")).isEqualTo("EEEE'-'dd'-'MM'-'uuuu");
        assertThat(GoLayout.pattern("15:04")).isEqualTo("H':'mm");
        assertThat(GoLayout.pattern("2006/1/2 15:04:05")).isEqualTo("uuuu'/'M'/'d' 'H':'mm':'ss");
        assertThat(GoLayout.pattern("Jan _2 03:04PM -0700")).isEqualTo("MMM' _'d' 'hh':'mma' 'xx");
        assertThat(LocalDate.parse("Thursday-15-02-2018", GoLayout.formatter("Monday-02-01-2006"))).isEqualTo(LocalDate.of(2018, 2, 15));
    }

    @Test
    void exampleOfTheOriginal() throws IOException {
        List<Attack> attacks = AttackDescriptions.read(new StringReader(EXAMPLE), "attacks.yml");
        assertThat(attacks).extracting(Attack::name).containsExactly("DoS-GoldenEye", "Brute Force Web");
        Attack dos = attacks.getFirst();
        // Atlantic Standard Time is UTC-4 in February: 09:26 AST = 13:26 UTC; 2018-02-15T13:26Z = 1518701160 s
        assertThat(dos.start()).isEqualTo(1518701160_000_000_000L);
        assertThat(dos.end()).isEqualTo(1518701160_000_000_000L + 43 * 60 * 1_000_000_000L);
        assertThat(dos.ips()).containsExactly("18.217.21.148");
        assertThat(attacks.get(1).attackers()).containsExactly("18.218.115.60");
    }

    @Test
    void unknownKeysAndBadValuesAreErrorsNamingTheLine() {
        assertThatThrownBy(() -> AttackDescriptions.read(new StringReader(EXAMPLE.replace("    mitre: T1498", "    mittre: T1498")), "a.yml"))
                .isInstanceOf(IOException.class).hasMessageStartingWith("a.yml:12: unknown key \"mittre\" (known here: ")
                .hasMessageContaining("mitre").hasMessageNotContaining("io.netcap").hasMessageNotContaining("ignorable");
        assertThatThrownBy(() -> AttackDescriptions.read(new StringReader(EXAMPLE.replace("end: 10:09", "end: 08:09")), "a.yml"))
                .hasMessageContaining("DoS-GoldenEye").hasMessageContaining("before start");
        assertThatThrownBy(() -> AttackDescriptions.read(new StringReader(EXAMPLE.replace("[18.217.21.148]", "[evil.example]")), "a.yml"))
                .hasMessageContaining("not an IP address: evil.example");
    }

    /** The older CSV form: Go layout 2006/1/2 15:04:05 in this machine's zone, addresses split by ; or spaces. */
    @Test
    void olderCsvForm() throws IOException {
        String csv = """
                num,name,start,end,ips,proto,notes,category
                1,DoS-GoldenEye,2018/2/15 09:26:00,2018/2/15 10:09:30,18.217.21.148;18.218.83.150,HTTP,"slow, many",denial-of-service
                2,,2018/2/15 09:26:00,2018/2/15 10:09:30,,,,skipped
                """;
        List<Attack> attacks = AttackDescriptions.read(new StringReader(csv), "attacks.txt"); // told by its header
        assertThat(attacks).hasSize(1);
        Attack dos = attacks.getFirst();
        assertThat(dos.name()).isEqualTo("DoS-GoldenEye");
        assertThat(dos.category()).isEqualTo("denial-of-service");
        assertThat(dos.ips()).containsExactly("18.217.21.148", "18.218.83.150");
        long start = java.time.LocalDateTime.of(2018, 2, 15, 9, 26).atZone(java.time.ZoneId.systemDefault()).toEpochSecond();
        assertThat(dos.start()).isEqualTo(start * 1_000_000_000L);
        assertThat(dos.end()).isEqualTo((start + 43 * 60 + 30) * 1_000_000_000L);
        // by extension, without a header; a quote left open and a missing column are errors naming the line
        assertThat(AttackDescriptions.read(new StringReader(csv.lines().skip(1).findFirst().orElseThrow()), "a.csv")).hasSize(1);
        assertThatThrownBy(() -> AttackDescriptions.read(new StringReader("1,x,2018/2/15 09:26:00,2018/2/15 10:09:30,1.1.1.1,,\"n,c\n"), "a.csv"))
                .hasMessageStartingWith("a.csv:1: quote not closed");
        assertThatThrownBy(() -> AttackDescriptions.read(new StringReader("1,x,2018/2/15 09:26:00,2018/2/15 10:09:30,1.1.1.1,c\n"), "a.csv"))
                .hasMessageStartingWith("a.csv:1: 6 columns, want 8");
        assertThatThrownBy(() -> AttackDescriptions.read(new StringReader("1,x,2018/2/15 11:26:00,2018/2/15 10:09:30,1.1.1.1,,,c\n"), "a.csv"))
                .hasMessageContaining("before start");
        assertThatThrownBy(() -> AttackDescriptions.read(new StringReader("1,x,+999999999/1/1 00:00:00,+999999999/1/1 00:00:01,1.1.1.1,,,c\n"), "a.csv"))
                .hasMessageStartingWith("a.csv:1: attack x: ");
    }

    @Test
    void addressRuleOfTheOriginal() {
        Attack ips = new Attack("a", "c", "", 0, 1, List.of("1.1.1.1", "2.2.2.2"), List.of(), List.of(), false, "");
        assertThat(AttackIndex.applies(ips, "1.1.1.1", "9.9.9.9")).isTrue();
        assertThat(AttackIndex.applies(ips, "1.1.1.1", "2.2.2.2")).isTrue();
        assertThat(AttackIndex.applies(ips, "8.8.8.8", "9.9.9.9")).isFalse();
        Attack pair = new Attack("a", "c", "", 0, 1, List.of(), List.of("5.5.5.5"), List.of("6.6.6.6"), false, "");
        assertThat(AttackIndex.applies(pair, "6.6.6.6", "5.5.5.5")).isTrue();
        assertThat(AttackIndex.applies(pair, "6.6.6.6", "9.9.9.9")).isFalse(); // attacker without victim
        assertThat(AttackIndex.applies(pair, "5.5.5.5", "9.9.9.9")).isFalse(); // victim without attacker
        Attack flagged = new Attack("a", "c", "", 0, 1, List.of(), List.of("5.5.5.5"), List.of("6.6.6.6"), true, "");
        assertThat(AttackIndex.applies(flagged, "5.5.5.5", "9.9.9.9")).isTrue();
        assertThat(AttackIndex.applies(flagged, "6.6.6.6", "9.9.9.9")).isTrue();
        assertThat(AttackIndex.applies(flagged, "8.8.8.8", "9.9.9.9")).isFalse();
    }

    /**
     * The flowbit-oring capture: TShark lists ten frames between 10.16.1.11 and 82.165.177.154, all at
     * 2016-07-13 22:42:07 UTC. An attack from 22:42 to 22:43 UTC with those two as attacker and victim labels
     * all of their TCP and IPv4 records and the Connection; Ethernet records carry no addresses and stay
     * normal. A window that ends at 22:42 labels nothing.
     */
    @Test
    void attackWindowOnACapture() throws Exception {
        Path records = Captures.run(Corpus.pcaps().resolve("suricata-verify__flowbit-oring_input.pcap"), tmp.resolve("records"));
        String yaml = """
                location: UTC
                timeFormat: "15:04"
                dateFormat: "2006-01-02"
                attacks:
                  - name: id check
                    date: 2016-07-13
                    start: "22:42"
                    end: "%s"
                    attackers: [82.165.177.154]
                    victims: [10.16.1.11]
                    category: attempted-admin
                """;
        List<Attack> attacks = AttackDescriptions.read(new StringReader(yaml.formatted("22:43")), "attacks.yml");
        LabelRun.runAttacks(attacks, "attacks.yml", records, tmp.resolve("in"), LabelOptions.defaults());
        assertThat(Captures.labels(tmp.resolve("in/TCP_labeled.csv"))).hasSize(10).containsOnly("attempted-admin");
        assertThat(Captures.labels(tmp.resolve("in/IPv4_labeled.csv"))).hasSize(10).containsOnly("attempted-admin");
        assertThat(Captures.labels(tmp.resolve("in/Connection_labeled.csv"))).containsExactly("attempted-admin");
        assertThat(Captures.labels(tmp.resolve("in/Ethernet_labeled.csv"))).hasSize(10).containsOnly("normal");

        attacks = AttackDescriptions.read(new StringReader(yaml.formatted("22:42")), "attacks.yml");
        LabelRun.runAttacks(attacks, "attacks.yml", records, tmp.resolve("before"), LabelOptions.defaults());
        assertThat(Captures.labels(tmp.resolve("before/TCP_labeled.csv"))).hasSize(10).containsOnly("normal");
    }
}
