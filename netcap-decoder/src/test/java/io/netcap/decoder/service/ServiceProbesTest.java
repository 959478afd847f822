package io.netcap.decoder.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

/**
 * Probe lines written here, with the product and version each banner must give worked out by hand from the
 * line's templates; the PCRE differences; the budget against backtracking.
 */
class ServiceProbesTest {
    private final ServiceCounters counters = new ServiceCounters();

    private ServiceProbes probes(ServiceConfig config, String... lines) {
        List<String> file = new java.util.ArrayList<>();
        file.add("Probe TCP NULL q||");
        file.addAll(List.of(lines));
        return new ServiceProbes(ProbeFile.parse(file, counters), config, counters);
    }

    private ServiceProbes probes(String... lines) {
        return probes(ServiceConfig.defaults(), lines);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Identification match(ServiceProbes p, String banner, int port) {
        byte[] b = bytes(banner);
        return p.match(b, b.length, port);
    }

    @Test
    void templatesTakeTheGroupsAndTheCpeVendor() {
        ServiceProbes p = probes(
                "match ftp m|^220 \\(vsFTPd ([-.\\w]+)\\)\\r\\n| p/vsftpd/ v/$1/ o/Unix/ cpe:/a:beasts:vsftpd:$1/");
        Identification id = match(p, "220 (vsFTPd 3.0.3)\r\n", 21);
        assertThat(id.product()).isEqualTo("vsftpd");
        assertThat(id.version()).isEqualTo("3.0.3");
        assertThat(id.vendor()).isEqualTo("beasts");
        assertThat(id.os()).isEqualTo("Unix");
        assertThat(id.hits()).extracting(Identification.Hit::ident).containsExactly("NULL-0");
    }

    @Test
    void everyReferenceIsReplacedAndTheHelpersWork() {
        ServiceProbes p = probes(
                "match x m|^V(\\d)\\.(\\d) ([^\\r]*)\\r| p/P $P(3)/ v/$1.$2/ h/$SUBST(3,\"_\",\".\")/",
                "match y m|^Y(..)$|s v/$I(1,\">\")/ p/big/",
                "match z m|^Z(..)$|s v/$I(1,\"<\")/ p/little/");
        Identification id = match(p, "V2.7 a_b\u0001c\r", 1);
        assertThat(id.product()).isEqualTo("P a_bc");
        assertThat(id.version()).isEqualTo("2.7");
        assertThat(id.hostname()).isEqualTo("a.b\u0001c");
        assertThat(match(p, "Y\u0001\u0002", 1).version()).isEqualTo("258");
        assertThat(match(p, "Z\u0001\u0002", 1).version()).isEqualTo("513");
    }

    @Test
    void optionsIAndSAndPcreNewlines() {
        ServiceProbes p = probes("match a m|^hello.world$|is p/A/");
        assertThat(match(p, "HELLO\nWORLD", 1).product()).isEqualTo("A");
        ServiceProbes plain = probes("match a m|^hello.world$| p/A/");
        assertThat(match(plain, "hello\nworld", 1).matched()).isFalse();
        // PCRE's '$' stops before a final LF only; Java's default also before CR
        assertThat(match(plain, "hello world\r", 1).matched()).isFalse();
        assertThat(match(plain, "hello world\n", 1).matched()).isTrue();
    }

    @Test
    void pcreSyntaxIsTranslated() {
        assertThat(PcreTranslation.translate("^\\0\\x1\\0\\01")).isEqualTo("^\\x00\\x01\\x00\\01");
        assertThat(PcreTranslation.translate("[[a&]x{y}{2}")).isEqualTo("[\\[a\\&]x\\{y}{2}");
        assertThat(PcreTranslation.translate("[]a][^]b][[:digit:]]")).isEqualTo("[\\]a][^\\]b][\\p{Digit}]");
        ServiceProbes p = probes("match nul m|^\\0\\x01[[:alpha:]]{2}[[]|s p/N/");
        assertThat(match(p, "\u0000\u0001ab[", 1).product()).isEqualTo("N");
    }

    @Test
    void theFirstByteFilterIsConservative() {
        assertThat(ServiceMatch.firstByte("^220 ", "")).isEqualTo('2');
        assertThat(ServiceMatch.firstByte("^\\x16\\x03", "")).isEqualTo(0x16);
        assertThat(ServiceMatch.firstByte("^\\0\\x01", "")).isEqualTo(0);
        assertThat(ServiceMatch.firstByte("^\\.x", "")).isEqualTo('.');
        assertThat(ServiceMatch.firstByte("^Hello", "i")).isEqualTo('h');
        assertThat(ServiceMatch.firstByte("^220 (a|b)", "")).isEqualTo('2');
        for (String open : new String[] {"220", "^2?20", "^2*", "^2{0,1}", "^a|b", "^[ab]", "^(a)", "^.", "^\\d", "^\\x1"}) {
            assertThat(ServiceMatch.firstByte(open, "")).as(open).isEqualTo(-1);
        }
        ServiceProbes p = probes("match a m|^hello| p/A/", "match b m|^\\x16| p/B/", "match c m|^HELLO|i p/C/");
        assertThat(match(p, "Hello", 1).product()).isEqualTo("C");
        assertThat(match(p, "\u0016", 1).product()).isEqualTo("B");
    }

    private static String literal(String regex, String options) {
        byte[] b = RequiredLiteral.of(regex, options);
        return b == null ? null : new String(b, StandardCharsets.ISO_8859_1);
    }

    /** The required literal: the longest run of the top-level sequence that no match can lack, or none when unsure. */
    @Test
    void theRequiredLiteralIsConservative() {
        assertThat(literal("^HTTP/1\\.[01] \\d\\d\\d .*\\r\\nServer: Apache/([\\d.]+)", "s")).isEqualTo("\r\nServer: Apache/");
        assertThat(literal("^220 ([\\w.-]+) ESMTP Postfix", "")).isEqualTo(" ESMTP Postfix");
        assertThat(literal("^SSH-([\\d.]+)-OpenSSH_(\\S+)", "")).isEqualTo("-OpenSSH_");
        assertThat(literal("^\\x16\\x03\\x01\\0\\x02abc", "")).isEqualTo("\u0016\u0003\u0001\u0000\u0002abc");
        assertThat(literal("^Hello World", "i")).isEqualTo("hello world");
        assertThat(literal("abcx?defg", "")).isEqualTo("defg"); // x optional: "abc" and "defg" apart
        assertThat(literal("abcdx+yz", "")).isEqualTo("abcdx"); // at least one x right after "abcd"
        assertThat(literal("abcdx{2,5}y", "")).isEqualTo("abcdx");
        assertThat(literal("abcdx{0,5}y", "")).isEqualTo("abcd");
        assertThat(literal("wxyz(?:a|b)hello|x", "")).isNull(); // alternatives at the top
        assertThat(literal("(?i)hello", "")).isNull(); // inline options
        assertThat(literal("\\Qhello\\E", "")).isNull();
        assertThat(literal("abc\\1def", "")).isEqualTo("abc");
        assertThat(literal("[]abc|]defg", "")).isEqualTo("defg"); // a leading ] is in the class
        assertThat(literal("[[:alpha:]]+wxyz", "")).isEqualTo("wxyz");
        assertThat(literal("a{bc}", "")).isNull(); // a literal brace in PCRE
        assertThat(literal("hello", "x")).isNull();
        assertThat(literal("ab", "")).isNull(); // too short to be worth a search
        ServiceProbes p = probes("match a m|^HTTP/1\\.[01] \\d+ .*\\r\\nServer: Foo| p/Foo/",
                "match b m|^HTTP/1\\.[01] \\d+ .*\\r\\nserver: bar|i p/Bar/");
        assertThat(match(p, "HTTP/1.1 200 OK\r\nServer: Foo\r\n", 80).product()).isEqualTo("Foo");
        assertThat(match(p, "HTTP/1.1 200 OK\r\nSERVER: BAR\r\n", 80).product()).isEqualTo("Bar");
        assertThat(match(p, "HTTP/1.1 200 OK\r\nServer: Baz\r\n", 80).product()).isEmpty();
    }

    /**
     * Over Debian's probe file: a line whose regex finds a match in a banner never has a required literal the
     * banner lacks (banners of common servers, which many lines match).
     */
    @Test
    void noMatchLacksItsRequiredLiteral() throws IOException {
        assumeTrue(Files.isReadable(ProbeFile.DEBIAN), "skipped: " + ProbeFile.DEBIAN + " missing (Debian nmap-common)");
        List<String> banners = List.of(
                "HTTP/1.1 200 OK\r\nServer: Apache/2.4.41 (Ubuntu)\r\nContent-Type: text/html\r\n\r\n",
                "HTTP/1.0 404 Not Found\r\nServer: nginx/1.18.0\r\nDate: Sat, 01 Jan 2022 00:00:00 GMT\r\n\r\n",
                "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"router\"\r\nServer: lighttpd/1.4.35\r\n\r\n",
                "HTTP/1.1 200 OK\r\nServer: Microsoft-IIS/10.0\r\nX-Powered-By: ASP.NET\r\n\r\n",
                "220 ProFTPD 1.3.5 Server (Debian) [::ffff:10.0.0.1]\r\n", "220 (vsFTPd 3.0.3)\r\n",
                "220 mail.example.com ESMTP Postfix (Ubuntu)\r\n", "220 mx.example.com ESMTP Exim 4.94 Mon, 01 Jan 2022\r\n",
                "SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5\r\n", "SSH-2.0-dropbear_2019.78\r\n",
                "+OK Dovecot ready.\r\n", "* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR] Dovecot ready.\r\n",
                "220 Microsoft ESMTP MAIL Service ready\r\n", "RFB 003.008\n", "\u0000\u0000\u0000\u0001");
        List<ServiceMatch> all = ProbeFile.read(ProbeFile.DEBIAN, counters);
        long checked = 0;
        for (ServiceMatch m : all) {
            java.util.regex.Pattern pattern = m.pattern(counters);
            byte[] lit = m.compiled().required(m);
            if (pattern == null || lit == null) {
                continue;
            }
            for (String b : banners) {
                byte[] banner = b.getBytes(StandardCharsets.ISO_8859_1);
                boolean found;
                try {
                    found = pattern.matcher(new io.netcap.decoder.BudgetedText(banner, 0, banner.length, 100_000)).find();
                } catch (RuntimeException | StackOverflowError e) {
                    continue;
                }
                if (found) {
                    checked++;
                    assertThat(RequiredLiteral.in(lit, m.caseless(), banner, banner.length)).as("%s on %s", m.regex(), b).isTrue();
                }
            }
        }
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void aRegexJavaCannotCompileIsSkippedAndCountedOnce() {
        // PCRE's branch reset group
        ServiceProbes p = probes("match bad m=(?|a(b)|c(b))= p/Bad/", "match good m|b| p/Good/");
        assertThat(match(p, "ab", 1).product()).isEqualTo("Good");
        assertThat(match(p, "ab", 1).product()).isEqualTo("Good");
        assertThat(counters.uncompilable()).isEqualTo(1);
        try {
            java.util.regex.Pattern.compile("(?|a(b)|c(b))");
            throw new AssertionError("the JDK now compiles branch reset groups: pick another example");
        } catch (PatternSyntaxException expected) {
            // the premise of the test
        }
    }

    @Test
    void malformedLinesAreCounted() {
        probes("match ftp", "match x m|unterminated", "match x m|ok| q/unknown/", "match x m|ok| p/fine/");
        assertThat(counters.malformedLines()).isEqualTo(3);
        assertThat(counters.matchLines()).isEqualTo(1);
    }

    @Test
    void thePortsCategoryComesFirstAndAMissStops() {
        String[] lines = {"match ssh m|^SSH-([\\d.]+)-OpenSSH_(\\S+)| p/OpenSSH/ v/$2/",
            "match ftp m|^220 | p/some ftpd/"};
        // on port 21 the ftp line is tried first and a miss ends matching
        assertThat(match(probes(lines), "SSH-2.0-OpenSSH_9.2\r\n", 21).matched()).isFalse();
        ServiceConfig goOn = ServiceConfig.defaults().withMatching(256, true, false);
        assertThat(match(probes(goOn, lines), "SSH-2.0-OpenSSH_9.2\r\n", 21).version()).isEqualTo("9.2");
        // a port without category tries every line
        assertThat(match(probes(lines), "SSH-2.0-OpenSSH_9.2\r\n", 2222).product()).isEqualTo("OpenSSH");
    }

    @Test
    void withoutStopAfterMatchDifferingValuesAreJoined() {
        String[] lines = {"match http m|^HTTP/1\\.. 200| p/First/ v/1/", "match http m|Server: (\\w+)| p/$1/ v/1/"};
        ServiceConfig all = ServiceConfig.defaults().withMatching(256, false, true);
        Identification id = match(probes(all, lines), "HTTP/1.1 200 OK\r\nServer: Second\r\n", 80);
        assertThat(id.product()).isEqualTo("First | Second");
        assertThat(id.version()).isEqualTo("1");
        assertThat(match(probes(lines), "HTTP/1.1 200 OK\r\nServer: Second\r\n", 80).product()).isEqualTo("First");
    }

    @Test
    void aSoftmatchCountsOnlyWithoutHardMatch() {
        String[] lines = {"softmatch ftp m|^220 |", "match ftp m|^220 ProFTPD (\\S+)| p/ProFTPD/ v/$1/"};
        Identification hard = match(probes(lines), "220 ProFTPD 1.3.8 Server\r\n", 21);
        assertThat(hard.hits()).extracting(Identification.Hit::soft).containsExactly(false);
        Identification soft = match(probes(lines), "220 Welcome\r\n", 21);
        assertThat(soft.matched()).isFalse();
        assertThat(soft.hits()).extracting(Identification.Hit::service).containsExactly("ftp");
    }

    @Test
    void catastrophicBacktrackingIsCutByTheBudget() {
        // a repeated group with a back-reference (java.util.regex does not memoise it) on a's followed by a
        // non-match backtracks 2^n ways
        byte[] banner = bytes("a".repeat(64) + "!");
        ServiceConfig c = new ServiceConfig(256, true, true, null, 10, 10, 100_000, 250_000);
        ServiceProbes p = probes(c, "match evil m=^(a|\\1)+$= p/Evil/", "match evil2 m=^((a)|\\2)+$= p/Evil2/",
                "match good m|^a{64}!| p/Good/", "match never m|^x| p/Never/");
        Identification id = p.match(banner, banner.length, 1);
        assertThat(id.product()).isEqualTo("Good");
        assertThat(counters.regexesAbandoned()).isEqualTo(2);
        assertThat(id.spent()).isLessThanOrEqualTo(250_000);
        // a banner budget smaller than one regex's stops the banner
        ServiceConfig tight = new ServiceConfig(256, true, true, null, 10, 10, 100_000, 50_000);
        Identification cut = probes(tight, "match evil m=^(a|\\1)+$= p/Evil/", "match good m|^a| p/Good/")
                .match(banner, banner.length, 1);
        assertThat(cut.matched()).isFalse();
        assertThat(counters.budgetExhausted()).isEqualTo(1);
    }

    /** Debian's probe file: every line is read; a 10 MB banner is matched within the banner budget. */
    @Test
    void theDebianProbeFile() throws IOException {
        assumeTrue(Files.isReadable(ProbeFile.DEBIAN), "skipped: " + ProbeFile.DEBIAN + " missing (Debian nmap-common)");
        List<String> lines = Files.readAllLines(ProbeFile.DEBIAN, StandardCharsets.ISO_8859_1);
        long expected = lines.stream().filter(l -> l.startsWith("match ") || l.startsWith("softmatch ")).count();
        List<ServiceMatch> all = ProbeFile.read(ProbeFile.DEBIAN, counters);
        assertThat(all.size() + counters.malformedLines()).isEqualTo(expected);
        assertThat(counters.malformedLines()).isLessThan(expected / 100);
        ServiceConfig c = ServiceConfig.defaults().withMatching(10 << 20, true, false).withProbes(ProbeFile.DEBIAN);
        ServiceProbes p = new ServiceProbes(all, c, counters);
        long uncompilable = all.stream().filter(m -> m.pattern(counters) == null).count();
        System.out.printf("%s: %d lines, %d malformed, %d regexes Java cannot compile%n", ProbeFile.DEBIAN,
                all.size(), counters.malformedLines(), uncompilable);
        assertThat(uncompilable).isLessThan(all.size() / 50);
        byte[] banner = new byte[10 << 20];
        Arrays.fill(banner, (byte) 'a');
        byte[] head = bytes("HTTP/1.1 200 OK\r\nServer: ");
        System.arraycopy(head, 0, banner, 0, head.length);
        Identification id = p.match(banner, banner.length, 80);
        assertThat(id.spent()).isLessThanOrEqualTo(c.bannerBudget());
        byte[] ssh = bytes("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n");
        Identification openssh = p.match(ssh, ssh.length, 22);
        assertThat(openssh.product()).isEqualTo("OpenSSH");
        assertThat(openssh.version()).isEqualTo("9.2p1 Debian 2+deb12u3");
    }
}
