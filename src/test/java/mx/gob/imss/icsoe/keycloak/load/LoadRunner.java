package mx.gob.imss.icsoe.keycloak.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.gatling.javaapi.core.Simulation;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;

import mx.gob.imss.icsoe.keycloak.load.LoadPlan.Attempt;
import mx.gob.imss.icsoe.keycloak.load.LoadPlan.Injection;
import mx.gob.imss.icsoe.keycloak.load.LoadPlan.Site;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.Mailbox;
import mx.gob.imss.icsoe.keycloak.testing.TestUsers;

/**
 * The load phases of one target (the single node, or the cluster behind its proxy), in one run:
 * the hash-bound limit, ICSOE's and stock's request step at the same rate, both at saturation, the
 * whole recovery, and (full profile) a ten-minute steady run with heap and threads sampled. Each
 * phase checks its own mail; the figures go to a Markdown report.
 */
final class LoadRunner {

    /**
     * What a phase runs against. {@code baseUrl} is where the virtual people go (an IPv4 loopback
     * literal on the single node, so each can bind its own source address); {@code adminBaseUrl} is the
     * URL the admin client's token was issued for; {@code shape} says what the servers are.
     */
    record Target(String label, String shape, String baseUrl, String adminBaseUrl, Keycloak admin, RealmResource icsoe, Mailbox mailbox,
                  ServerProbe probe, TestUsers users, java.net.http.HttpClient http, Path workDir) {
    }

    /** System property: the steady run's minutes (10 by default; 30 to outlast the 15-minute throttle windows twice). */
    static final String STEADY_MINUTES_PROPERTY = "icsoe.load.steady-minutes";

    /** How long and how hard; {@link #SMOKE} is CI's minute, {@link #FULL} the load profile's run. */
    record Profile(String name, Duration warmUp, Duration hashing, double rate, Duration atRate, int saturationPeople,
                   Duration saturation, int recoveryPeople, Duration recovery, Duration steady) {

        Profile withoutSteadyRun(String newName) {
            return new Profile(newName, warmUp, hashing, rate, atRate, saturationPeople, saturation, recoveryPeople,
                    recovery, Duration.ZERO);
        }
    }

    static final Profile SMOKE = new Profile("smoke", Duration.ZERO, Duration.ofSeconds(3), 4, Duration.ofSeconds(12),
            0, Duration.ZERO, 2, Duration.ofSeconds(12), Duration.ZERO);
    /**
     * A warm-up first (the JIT, the pools), reported apart; then every phase at the loads. The
     * recoveries run 8 at once: with 4 a recovery's own waits (the link's 50 ms start, the 100 ms mail
     * poll) bound the rate before the CPU does.
     */
    static final Profile FULL = new Profile("full", Duration.ofSeconds(30), Duration.ofSeconds(15), 8,
            Duration.ofSeconds(60), 16, Duration.ofSeconds(40), 8, Duration.ofSeconds(60),
            Duration.ofMinutes(Integer.getInteger(STEADY_MINUTES_PROPERTY, 10)));

    /** The figures every phase must meet whatever the load: no failed exchange, every email once. */
    record Correctness(String phase, long errors, MailTally mail) {
    }

    private final Target target;
    private final Profile profile;
    private final List<String> report = new ArrayList<>();
    private final List<Correctness> checks = new ArrayList<>();
    private int nextAddress = 0;
    /** The plan of the last Gatling run: which attempts were confirmed, how many told to try later. */
    private LoadPlan lastPlan;

    LoadRunner(Target target, Profile profile) {
        this.target = target;
        this.profile = profile;
    }

    List<Correctness> checks() {
        return checks;
    }

    /** Runs every phase of the profile; returns the report's path. */
    Path run() {
        RealmResource stock = StockRealm.ensure(target.admin(), target.icsoe());
        Site icsoeSite = new Site("icsoe", target.baseUrl(), target.icsoe().toRepresentation().getRealm(), "icsoe-portal", true);
        Site stockSite = new Site("stock", target.baseUrl(), StockRealm.NAME, StockRealm.CLIENT_ID, false);
        heading();

        if (!profile.warmUp().isZero()) {
            Injection warm = Injection.perSecond(profile.rate(), profile.warmUp());
            line("## Warm-up (%s each; not a measurement)", warm);
            tableHeader();
            requests(icsoeSite, target.icsoe(), warm, "warm-up");
            requests(stockSite, stock, warm, "warm-up");
        }
        HashRate inJvm = hashRate();
        HashRate onServer = serverHashRate();
        HashRate hashes = inJvm.perSecond() >= onServer.perSecond() ? inJvm : onServer;
        line("## Hash-bound limit");
        line("- Pure hashing here, %s: **%.1f hashes/s** on %d threads (%d in %.1f s).", inJvm.parameters(),
                inJvm.perSecond(), inJvm.threads(), inJvm.hashes(), inJvm.elapsed().toMillis() / 1000.0);
        line("- On the server, %s: **%.1f hashes/s** with %d calls at a time (%d in %.1f s).", onServer.parameters(),
                onServer.perSecond(), onServer.threads(), onServer.hashes(), onServer.elapsed().toMillis() / 1000.0);
        line("");
        line("A recovery hashes the new password once and verifies it once at sign-in. With the higher of the two"
                + " rates the limit is **%.1f recoveries/s**.", hashes.perSecond() / 2);

        line("## Request step at the same rate (%s each)", Injection.perSecond(profile.rate(), profile.atRate()));
        tableHeader();
        GatlingRun.Result icsoeAtRate = requests(icsoeSite, target.icsoe(), Injection.perSecond(profile.rate(), profile.atRate()), "rate");
        GatlingRun.Result stockAtRate = requests(stockSite, stock, Injection.perSecond(profile.rate(), profile.atRate()), "rate");
        GatlingRun.Step ours = icsoeAtRate.step(ResetRequestSimulation.RESET_REQUEST);
        GatlingRun.Step theirs = stockAtRate.step(ResetRequestSimulation.RESET_REQUEST);
        line("");
        line("Ratio ICSOE / stock for the request POST: p50 %s, p95 %s, **p99 %s** (goal: p99 ≤ 0.5).",
                ratio(ours.p50(), theirs.p50()), ratio(ours.p95(), theirs.p95()), ratio(ours.p99(), theirs.p99()));

        if (profile.saturationPeople() > 0) {
            Injection full = Injection.atOnce(profile.saturationPeople(), profile.saturation());
            line("## Saturation (%s), background work included", full);
            tableHeader();
            Saturated icsoeFull = saturated(icsoeSite, target.icsoe(), full);
            Saturated stockFull = saturated(stockSite, stock, full);
            line("");
            line("Reset requests served per second (not counting anyone told to try later), until the last email"
                            + " was out: ICSOE **%.1f** (%d told to try later), stock **%.1f** (%d), ratio **%.2f** (goal ≥ 1.5).",
                    icsoeFull.perSecond(), icsoeFull.toldToRetry(), stockFull.perSecond(), stockFull.toldToRetry(),
                    icsoeFull.perSecond() / stockFull.perSecond());
            line("Server CPU per answered request (its three exchanges and its email, if any): ICSOE %.1f ms, stock %.1f ms.",
                    icsoeFull.cpuMillisPerRequest(), stockFull.cpuMillisPerRequest());
            line("ICSOE's mail queue was empty **%.1f s** after the last person arrived (goal: within 60 s; Gatling's"
                    + " report and the last answers come first).", icsoeFull.queueEmptySecondsAfterLoad());
        }

        recovery(icsoeSite, hashes);

        if (!profile.steady().isZero()) {
            steady(icsoeSite);
        }
        return write();
    }

    private HashRate hashRate() {
        Capturista someone = target.users().create();
        CredentialRepresentation password = target.icsoe().users().get(someone.id()).credentials().stream()
                .filter(c -> CredentialRepresentation.PASSWORD.equals(c.getType())).findFirst()
                .orElseThrow(() -> new AssertionError("The new user has no password credential"));
        return HashRate.measure(password.getCredentialData(), Runtime.getRuntime().availableProcessors(), profile.hashing());
    }

    private HashRate serverHashRate() {
        int calls = 2 * Runtime.getRuntime().availableProcessors();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            // no email: the password-updated email an admin reset fires is not hashing
            ids.add(target.users().create(user -> user.setEmail(null)).id());
        }
        String realmAdminUrl = target.adminBaseUrl() + "/admin/realms/" + target.icsoe().toRepresentation().getRealm();
        return HashRate.onServer(target.http(), realmAdminUrl, () -> target.admin().tokenManager().getAccessTokenString(), ids,
                target.users()::password, profile.hashing());
    }

    private GatlingRun.Result requests(Site site, RealmResource realm, Injection injection, String phase) {
        String tag = tag(site, phase);
        List<Attempt> attempts = new LoadPeople(realm, tag).requests(capacity(injection, site), site.icsoe());
        GatlingRun.Result result = gatling(ResetRequestSimulation.class, site, attempts, injection, phase);
        settle(site, phase, result, attempts, tag, Map.of(MailTally.Kind.RESET_LINK, 1));
        return result;
    }

    /** Requests per second from the first request until the last email of the phase was out, and their cost. */
    record Saturated(double perSecond, double cpuMillisPerRequest, double queueEmptySecondsAfterLoad, int toldToRetry) {
    }

    private Saturated saturated(Site site, RealmResource realm, Injection injection) {
        String tag = tag(site, "saturation");
        List<Attempt> attempts = new LoadPeople(realm, tag).requests(capacity(injection, site), site.icsoe());
        Duration cpuBefore = target.probe().cpuTime();
        long started = System.nanoTime();
        GatlingRun.Result result = gatling(ResetRequestSimulation.class, site, attempts, injection, "saturation");
        target.probe().awaitEmptyQueue(Duration.ofMinutes(5));
        double seconds = (System.nanoTime() - started) / 1e9;
        double afterLoad = Math.max(0, seconds - injection.duration().toMillis() / 1000.0);
        Duration cpu = target.probe().cpuTime().minus(cpuBefore);
        settle(site, "saturation", result, attempts, tag, Map.of(MailTally.Kind.RESET_LINK, 1));
        long answered = result.step(ResetRequestSimulation.RESET_REQUEST).ok();
        int busy = lastPlan.toldToRetry().get();
        // served: confirmed, or refused for what was typed; a person told to try later was not served
        return new Saturated((answered - busy) / seconds, cpu.toNanos() / 1e6 / Math.max(1, answered), afterLoad, busy);
    }

    private void recovery(Site site, HashRate hashes) {
        Injection injection = Injection.atOnce(profile.recoveryPeople(), profile.recovery());
        line("## Whole recovery (%s)", injection);
        String tag = tag(site, "recovery");
        List<Attempt> attempts = new LoadPeople(target.icsoe(), tag).recoveries(capacity(injection, site) / 4, target.users());
        tableHeader();
        Duration cpuBefore = target.probe().cpuTime();
        long started = System.nanoTime();
        GatlingRun.Result result = gatling(RecoverySimulation.class, site, attempts, injection, "recovery");
        double seconds = (System.nanoTime() - started) / 1e9;
        settle(site, "recovery", result, attempts, tag, Map.of(MailTally.Kind.RESET_LINK, 1, MailTally.Kind.OTHER, 1));
        Duration cpu = target.probe().cpuTime().minus(cpuBefore);
        long recoveries = result.step(RecoverySimulation.SIGN_IN).ok();
        double perSecond = recoveries / seconds;
        double cpuPerRecovery = cpu.toNanos() / 1e6 / Math.max(1, recoveries);
        // CPU per hash: the busy threads (at most one a core) over the hashes they made each second
        int busy = Math.min(hashes.threads(), Runtime.getRuntime().availableProcessors());
        double hashCpu = 2 * busy * 1000.0 / hashes.perSecond();
        line("");
        line("%d recoveries in %.1f s: **%.2f recoveries/s**, %.0f %% of the hash-bound %.1f/s (goal ≥ 70 %%).",
                recoveries, seconds, perSecond, 100 * perSecond / (hashes.perSecond() / 2), hashes.perSecond() / 2);
        line("Server CPU per recovery (all nodes, whole phase incl. emails): **%.0f ms**, against %.0f ms for its two"
                + " hashes alone (%.1f×).", cpuPerRecovery, hashCpu, cpuPerRecovery / hashCpu);
    }

    private void steady(Site site) {
        Injection injection = Injection.perSecond(profile.rate(), profile.steady());
        line("## Steady run (%s): heap and live threads", injection);
        String tag = tag(site, "steady");
        List<Attempt> attempts = new LoadPeople(target.icsoe(), tag).requests(capacity(injection, site), true);
        tableHeader();
        List<ServerProbe.Sample> samples;
        GatlingRun.Result result;
        long started = System.nanoTime();
        try (ServerProbe.Recorder recorder = new ServerProbe.Recorder(target.probe(), Duration.ofSeconds(10))) {
            result = gatling(ResetRequestSimulation.class, site, attempts, injection, "steady");
            target.probe().awaitEmptyQueue(Duration.ofMinutes(5));
            samples = recorder.samples();
        }
        double afterLoad = Math.max(0, (System.nanoTime() - started) / 1e9 - injection.duration().toMillis() / 1000.0);
        settle(site, "steady", result, attempts, tag, Map.of(MailTally.Kind.RESET_LINK, 1));
        line("");
        line("Mail queue empty **%.1f s** after the last person arrived, at the first reading once Gatling had"
                + " written its report (goal: within 60 s).", afterLoad);
        line("");
        line("| minute | heap used (MiB) | old generation (MiB) | live threads | mail queue |");
        line("|---:|---:|---:|---:|---:|");
        for (ServerProbe.Sample sample : samples) {
            if (sample.atMillis() % 60_000 < 10_000) {
                line("| %.1f | %.0f | %.0f | %.0f | %.0f |", sample.atMillis() / 60_000.0, sample.heapUsedBytes() / 1048576,
                        sample.oldGenUsedBytes() / 1048576, sample.liveThreads(), sample.queueDepth());
            }
        }
        int n = samples.size();
        if (n >= 12) {
            List<ServerProbe.Sample> early = samples.subList(6, 12);
            List<ServerProbe.Sample> late = samples.subList(n - 6, n);
            line("");
            line("Second minute against the last (means of 6 readings): old generation %.0f → %.0f MiB, heap used"
                            + " %.0f → %.0f MiB, live threads %.1f → %.1f; most live threads at any reading: %.0f.",
                    mean(early, ServerProbe.Sample::oldGenUsedBytes) / 1048576, mean(late, ServerProbe.Sample::oldGenUsedBytes) / 1048576,
                    mean(early, ServerProbe.Sample::heapUsedBytes) / 1048576, mean(late, ServerProbe.Sample::heapUsedBytes) / 1048576,
                    mean(early, ServerProbe.Sample::liveThreads), mean(late, ServerProbe.Sample::liveThreads),
                    samples.stream().mapToDouble(ServerProbe.Sample::liveThreads).max().orElse(Double.NaN));
        }
    }

    private GatlingRun.Result gatling(Class<? extends Simulation> simulation, Site site, List<Attempt> attempts,
                                      Injection injection, String phase) {
        LoadPlan plan = new LoadPlan(site, attempts, addresses(attempts.size()), injection,
                recipient -> MailTally.resetLink(target.mailbox(), recipient));
        lastPlan = plan;
        return GatlingRun.run(simulation, plan, target.workDir().resolve("gatling"),
                target.label() + " " + site.label() + " " + phase);
    }

    /** After a phase: its queue drained, its mail counted, its table rows written, its checks kept. */
    private void settle(Site site, String phase, GatlingRun.Result result, List<Attempt> attempts, String tag,
                        Map<MailTally.Kind, Integer> perRecipient) {
        target.probe().awaitEmptyQueue(Duration.ofMinutes(5));
        // an email is due for each matching attempt the server confirmed (not for one told to try later)
        List<Attempt> made = java.util.stream.IntStream.range(0, attempts.size()).filter(lastPlan.confirmed()::contains)
                .mapToObj(attempts::get).toList();
        MailTally mail = MailTally.expecting(target.mailbox(), made, tag, perRecipient, Duration.ofMinutes(2));
        checks.add(new Correctness(site.label() + " " + phase, result.errors(), mail));
        for (GatlingRun.Step step : result.steps().values()) {
            line("| %s | %s | %d | %d | %.1f | %d | %d | %d | %d |", site.label(), step.name(), step.ok(), step.ko(),
                    result.perSecond(step), step.p50(), step.p95(), step.p99(), step.max());
        }
        line("| %s | emails: due %d, received %d, lost %d, duplicated %d, unexpected %d; told to try later %d | | | | | | | |",
                site.label(), mail.due(), mail.received(), mail.lost(), mail.duplicated(), mail.unexpected(),
                lastPlan.toldToRetry().get());
    }

    /** Attempts enough for the injection: its people, or for a closed model a generous bound. */
    private static int capacity(Injection injection, Site site) {
        double seconds = injection.duration().toMillis() / 1000.0;
        return injection.open() ? (int) Math.ceil(injection.perSecond() * seconds) + 5
                : (int) Math.ceil(injection.atOnce() * seconds * (site.icsoe() ? 20 : 10)) + 5;
    }

    /** One loopback address per person, never 127.0.0.1 (the harness's trusted proxy), never reused in a run. */
    private List<String> addresses(int count) {
        List<String> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = nextAddress++;
            addresses.add("127." + (2 + n / 65_024) + "." + (n / 254 % 256) + "." + (1 + n % 254));
        }
        return addresses;
    }

    private String tag(Site site, String phase) {
        return "carga-" + target.label() + "-" + site.label() + "-" + phase + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    private void heading() {
        line("# Load run: %s, %s profile", target.label(), profile.name());
        line("");
        line("%s · %d cores · load generator and SMTP sink on %s %s · servers: %s, at %s",
                OffsetDateTime.now(ZoneOffset.UTC).withNano(0), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), target.shape(), target.baseUrl());
        line("");
    }

    private void tableHeader() {
        line("");
        line("| realm | request | ok | failed | req/s | p50 ms | p95 ms | p99 ms | max ms |");
        line("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    }

    private void line(String format, Object... args) {
        String text = args.length == 0 ? format : String.format(java.util.Locale.ROOT, format, args);
        report.add(text);
        System.out.println("[icsoe-load] " + text);
    }

    private Path write() {
        Path file = target.workDir().resolve("load-" + target.label() + "-" + profile.name() + ".md");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static String ratio(long ours, long theirs) {
        return theirs == 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f", (double) ours / theirs);
    }

    private static double mean(List<ServerProbe.Sample> samples, java.util.function.ToDoubleFunction<ServerProbe.Sample> value) {
        return samples.stream().mapToDouble(value).average().orElse(Double.NaN);
    }
}
