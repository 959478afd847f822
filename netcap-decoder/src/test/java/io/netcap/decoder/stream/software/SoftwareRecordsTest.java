package io.netcap.decoder.stream.software;

import static org.assertj.core.api.Assertions.assertThat;

import io.netcap.decoder.stream.Conversation;
import io.netcap.decoder.stream.StreamEnv;
import io.netcap.decoder.stream.files.FileExtraction;
import io.netcap.types.Software;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server and X-Powered-By split as the original splits them; one record per product and version per capture. */
class SoftwareRecordsTest {
    private final List<String> errors = new ArrayList<>();

    private StreamEnv env(SoftwareStore store) {
        return new StreamEnv((t, m) -> { throw new AssertionError("Software is written at the end"); },
                FileExtraction.OFF, (kind, c, message) -> errors.add(kind),
                io.netcap.decoder.stream.StreamShared.standalone().withSoftware(store));
    }

    private static Conversation conv(int client, long ts) {
        return new Conversation(Conversation.Transport.TCP, "10.0.0." + client, 40000, "10.0.0.80", 80, ts);
    }

    private static List<Software> emit(SoftwareStore store) {
        List<Software> out = new ArrayList<>();
        store.emit(out::add);
        return out;
    }

    @Test
    void serverAndPoweredBySplits() {
        SoftwareStore store = new SoftwareStore(100, () -> null);
        SoftwareRecords.server(env(store), conv(1, 5), "Apache/2.4.7 (Ubuntu)", "PHP/5.5.9-1ubuntu4.14");
        SoftwareRecords.server(env(store), conv(1, 5), "nginx", "ASP.NET");
        SoftwareRecords.server(env(store), conv(1, 5), " ", "");
        assertThat(emit(store).stream().map(s -> s.getSourceName() + ":" + s.getProduct() + "|" + s.getVersion() + "|"
                + s.getOS())).containsExactly("X-Powered-By:ASP.NET||", "ServerName:Apache|2.4.7|Ubuntu",
                "X-Powered-By:PHP|5.5.9-1ubuntu4....|", "ServerName:nginx||");
    }

    @Test
    void httpSightingsAddTheirFlowsInTimeOrder() {
        SoftwareStore store = new SoftwareStore(100, () -> null);
        SoftwareRecords.server(env(store), conv(2, 20), "nginx/1.18.0", "");
        SoftwareRecords.server(env(store), conv(1, 10), "nginx/1.18.0", "");
        SoftwareRecords.server(env(store), conv(2, 20), "nginx/1.18.0", "");
        List<Software> out = emit(store);
        assertThat(out).hasSize(1);
        assertThat(out.getFirst().getTimestamp()).isEqualTo(10);
        assertThat(out.getFirst().getFlowsList()).containsExactly("10.0.0.1:40000->10.0.0.80:80",
                "10.0.0.2:40000->10.0.0.80:80");
    }

    @Test
    void pastTheFlowCapTheEarliestFlowsStayWhateverTheOrderOfArrival() {
        int n = SoftwareStore.MAX_FLOWS + 50;
        List<List<String>> kept = new ArrayList<>();
        for (boolean latestFirst : new boolean[] {false, true}) {
            SoftwareStore store = new SoftwareStore(100, () -> null);
            for (int i = 0; i < n; i++) {
                int k = latestFirst ? n - 1 - i : i;
                SoftwareRecords.server(env(store), new Conversation(Conversation.Transport.TCP, "10.0.0.1", 1000 + k,
                        "10.0.0.80", 80, 100 + k), "nginx/1.18.0", "");
            }
            List<String> flows = emit(store).getFirst().getFlowsList();
            assertThat(flows).hasSize(SoftwareStore.MAX_FLOWS);
            assertThat(flows.getFirst()).isEqualTo("10.0.0.1:1000->10.0.0.80:80");
            assertThat(flows.getLast()).isEqualTo("10.0.0.1:" + (1000 + SoftwareStore.MAX_FLOWS - 1) + "->10.0.0.80:80");
            assertThat(store.dropped()).isEqualTo(50);
            kept.add(flows);
        }
        assertThat(kept.get(1)).isEqualTo(kept.get(0));
    }

    @Test
    void aFullTableDropsAndCounts() {
        SoftwareStore store = new SoftwareStore(1, () -> null);
        SoftwareRecords.server(env(store), conv(1, 1), "a/1", "b/2");
        assertThat(emit(store)).hasSize(1);
        assertThat(errors).containsExactly(SoftwareRecords.TABLE_FULL);
        assertThat(store.dropped()).isEqualTo(1);
    }

    @Test
    void offStoresNothing() {
        SoftwareRecords.server(env(SoftwareStore.OFF), conv(1, 1), "a/1", "b/2");
        SoftwareRecords.sshIdent(env(SoftwareStore.OFF), conv(1, 1), "SSH-2.0-OpenSSH_7.4", true, "");
        assertThat(emit(SoftwareStore.OFF)).isEmpty();
    }

    /** X-Mailer split by the original's generic version pattern, checked by hand; no x.y.z version, no record. */
    @Test
    void xMailerSplits() {
        SoftwareStore store = new SoftwareStore(100, () -> null);
        SoftwareRecords.mail(env(store), conv(1, 5), "SMTP", "", "Microsoft Outlook Express 6.00.2900.5512", 7);
        SoftwareRecords.mail(env(store), conv(2, 9), "POP3", "", "Microsoft Outlook Express 6.00.2900.5512", 3);
        SoftwareRecords.mail(env(store), conv(1, 5), "SMTP", "", "Apple Mail (2.1084)", 7);
        SoftwareRecords.mail(env(store), conv(1, 5), "SMTP", "", "PHPMailer 5.2.9 (https://github.com/PHPMailer)", 8);
        assertThat(emit(store)).extracting(s -> s.getVendor() + "|" + s.getProduct() + "|" + s.getVersion() + "|"
                + s.getService() + "|" + s.getSourceName() + "|" + s.getTimestamp() + "|" + s.getFlowsList())
                .containsExactly("Microsoft|Microsoft Outlook Express|6.00.2900.5512|POP3|X-Mailer|3|[10.0.0.2:40000->10.0.0.80:80]",
                        "PHPMailer|PHPMailer|5.2.9 (https://...|SMTP|X-Mailer|8|[10.0.0.1:40000->10.0.0.80:80]");
    }

    /** CMS fingerprints from a database in the original's (Wappalyzer's) format written here. */
    @Test
    void cmsFingerprints(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dbs) throws Exception {
        java.nio.file.Files.writeString(dbs.resolve("cmsdb.json"), """
                {"WordPress": {"cats": [1], "headers": {"X-Pingback": "/xmlrpc\\\\.php$"}, "website": "https://wordpress.org"},
                 "Drupal": {"headers": {"X-Drupal-Cache": "", "X-Generator": "^Drupal(?:\\\\s([\\\\d.]+))?\\\\;version:\\\\1"},
                            "cookies": {"SESS": ""}, "website": "https://drupal.org"},
                 "Broken": {"headers": {"X-Broken": "(["}},
                 "Express": {"headers": {"X-Powered-By": "^Express$"}, "website": "https://expressjs.com"}}
                """);
        CmsDb db = CmsDb.load(dbs);
        assertThat(db.size()).isEqualTo(4);
        assertThat(db.skipped()).isEqualTo(1);
        SoftwareStore store = new SoftwareStore(100, () -> null).withDatabases(null, db);
        List<String[]> none = List.of();
        SoftwareRecords.cms(env(store), conv(1, 5), List.<String[]>of(new String[] {"x-pingback", "http://example.com/xmlrpc.php"}), none);
        SoftwareRecords.cms(env(store), conv(2, 6), List.<String[]>of(new String[] {"X-Pingback", "http://example.com/other"},
                new String[] {"X-Powered-By", "Express"}), none);
        // Drupal before WordPress in name order; the header's tag part after \; is not part of the expression
        SoftwareRecords.cms(env(store), conv(3, 7), List.<String[]>of(new String[] {"X-Pingback", "/xmlrpc.php"},
                new String[] {"X-Generator", "Drupal 7"}), none);
        SoftwareRecords.cms(env(store), conv(4, 8), none, List.<String[]>of(new String[] {"sess", "abc"}));
        SoftwareRecords.cms(env(store), conv(5, 9), List.<String[]>of(new String[] {"X-Generator", "Joomla"}), none);
        assertThat(emit(store)).extracting(s -> s.getProduct() + "|" + s.getWebsite() + "|" + s.getSourceName() + "|"
                + s.getSourceData() + "|" + s.getVersion() + "|" + s.getFlowsList())
                .containsExactly("WordPress|https://wordpress.org|HTTP Header|regex match on value: http://example.com/xmlrpc.php||[10.0.0.1:40000->10.0.0.80:80]",
                        "Express|https://expressjs.com|HTTP Header|regex match on value: Express||[10.0.0.2:40000->10.0.0.80:80]",
                        "Drupal|https://drupal.org|HTTP Header|regex match on value: Drupal 7||[10.0.0.3:40000->10.0.0.80:80, 10.0.0.4:40000->10.0.0.80:80]");
    }

    /** A database regex that backtracks exponentially on a hostile value stops at the budget: no match, quickly. */
    @Test
    void aBacktrackingCmsRegexIsCutByItsBudget(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dbs) throws Exception {
        java.nio.file.Files.writeString(dbs.resolve("cmsdb.json"), """
                {"Slow": {"headers": {"X-Slow": "^(a|aa)+$"}}, "Fine": {"headers": {"X-Slow": "^a+b$"}}}
                """);
        SoftwareStore store = new SoftwareStore(100, () -> null).withDatabases(null, CmsDb.load(dbs));
        long start = System.nanoTime();
        // (a|aa)+$ on 60 a's and a c: about 1.5e12 paths without a bound
        SoftwareRecords.cms(env(store), conv(1, 5), List.<String[]>of(new String[] {"X-Slow", "a".repeat(60) + "c"}), List.of());
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
        SoftwareRecords.cms(env(store), conv(2, 6), List.<String[]>of(new String[] {"X-Slow", "aab"}), List.of());
        assertThat(emit(store)).extracting(Software::getProduct).containsExactly("Fine");
    }
}
