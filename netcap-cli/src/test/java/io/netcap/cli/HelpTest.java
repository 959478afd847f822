package io.netcap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** One help style for every tool, {@code -h} exits 0, a bad flag ends with one short error (docs/engine.md). */
class HelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"dump", "util", "export", "collect", "agent", "proxy"})
    void helpIsGoStyleOnStdoutAndExitsZero(String tool) {
        for (String h : new String[] {"-h", "-help", "--help"}) {
            Run r = Run.net(tool, h);
            assertThat(r.status()).as(h).isZero();
            assertThat(r.out()).startsWith("Usage of net " + tool + ":\n  -");
            assertThat(r.out()).containsPattern("\n  -\\w+( string| int)?\n    \t");
            assertThat(r.err()).isEmpty();
        }
    }

    /** A value error is one line and exit status 2, before anything is opened, served or read, in every tool. */
    @ParameterizedTest
    @ValueSource(strings = {
        "export -address foo|-address foo: give host:port",
        "collect -addr foo|-addr foo: give host:port",
        "agent -pubkey no.key -read x.pcap -addr 127.0.0.1:99999|-addr 127.0.0.1:99999: ",
        "agent -pubkey no.key -read x.pcap -iface lo|-read and -iface exclude each other",
        "agent -pubkey no.key -read x.pcap -client ..|-client ..: allowed are 1..64 of",
        "util -index foo|-index foo: allowed are nvd, exploit-db, all",
        "dump -read x.ncap.gz -sep=|-sep must not be empty"})
    void valueErrorsAreOneLineAndStatusTwo(String row) {
        String[] parts = row.split("\\|");
        Run r = Run.net(parts[0].split(" "));
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith(parts[1]);
        assertThat(r.err().lines().count()).isLessThanOrEqualTo(2);
    }

    /** The tools that run a capture say that its flags apply, as their examples use them. */
    @ParameterizedTest
    @ValueSource(strings = {"agent", "export"})
    void toolsThatCaptureSayCaptureFlagsApply(String tool) {
        assertThat(Run.net(tool, "-h").out()).contains("flags of net capture", "-workers", "-include", "-bpf",
                "net capture -h");
    }

    @ParameterizedTest
    @ValueSource(strings = {"capture", "dump", "util", "export"})
    void netHelpToolIsToolDashH(String tool) {
        Run help = Run.net("help", tool);
        assertThat(help.status()).isZero();
        String dashH = tool.equals("capture") ? CaptureCommandTest.capture(Map.of(), "-h").out() : Run.net(tool, "-h").out();
        assertThat(help.out()).isEqualTo(dashH).startsWith("Usage of net " + tool + ":\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dump", "util", "proxy"})
    void aBadFlagIsOneLineAndAHint(String tool) {
        Run r = Run.net(tool, "-bogus");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(2).last().isEqualTo("run 'net " + tool + " -h' for help");
        assertThat(r.err().lines().findFirst().orElseThrow()).contains("-bogus");
    }

    /** A run of one tool builds only that tool's command line; help and unknown names see every tool. */
    @Test
    void aToolRunsWithItsOwnCommandLineOnly() {
        assertThat(Net.commandLine("dump", Map.of()).getSubcommands().keySet()).containsExactly("dump");
        assertThat(Net.commandLine("help", Map.of()).getSubcommands().keySet())
                .containsExactly("help", "capture", "dump", "util", "label", "export", "collect", "agent", "proxy", "transform",
                        "version");
        assertThat(Net.commandLine("dmp", Map.of()).getSubcommands()).hasSize(11);
        assertThat(Net.commandLine(null, Map.of()).getSubcommands()).hasSize(11);
    }

    @Test
    void netDashHListsTheToolsAndExitsZero() {
        Run r = Run.net("-h");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("capture").contains("dump").contains("util").contains("transform");
        Run help = Run.net("help", "transform");
        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("Usage: net transform NAME VALUE PROPERTIES\n").contains("  toDevices ")
                .contains("  openConnectionInWireshark ").contains("  startCaptureProcess ");
        Run unknown = Run.net("help", "nope");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("help: unknown tool nope; tools: capture, dump, util, label, export, collect, agent, proxy, transform\n");
    }

    /** The original prints its version for {@code net version} and {@code net -version}. */
    @Test
    void versionInEverySpelling() {
        for (String v : new String[] {"version", "-version", "--version", "-V"}) {
            Run r = Run.net(v);
            assertThat(r.status()).as(v).isZero();
            assertThat(r.out()).as(v).isEqualTo(Net.VERSION + "\n");
        }
    }

    /** The original exits 0 without a word on a word that names no tool; here it is an error that says so. */
    @Test
    void anUnknownToolIsAnErrorWithTheToolMeant() {
        Run typo = Run.net("captre", "-read", "x.pcap");
        assertThat(typo.status()).isEqualTo(2);
        assertThat(typo.err()).isEqualTo("net: unknown tool captre (did you mean capture?); tools: capture, dump, util, "
                + "label, export, collect, agent, proxy, transform\nrun 'net -h' for help\n");
    }
}
