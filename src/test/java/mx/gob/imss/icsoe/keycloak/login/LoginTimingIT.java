package mx.gob.imss.icsoe.keycloak.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.htmlunit.WebClient;
import org.htmlunit.WebResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import mx.gob.imss.icsoe.keycloak.testing.Browsers;
import mx.gob.imss.icsoe.keycloak.testing.Capturista;
import mx.gob.imss.icsoe.keycloak.testing.IcsoeKeycloak;
import mx.gob.imss.icsoe.keycloak.testing.KeycloakExtension;
import mx.gob.imss.icsoe.keycloak.testing.TimingComparison;
import mx.gob.imss.icsoe.keycloak.testing.pages.LoginPage;

/**
 * "Is this CURP registered?", asked of the login page: the answer time of a refused sign-in must not
 * tell a registered CURP from an unknown one, whatever the password field holds and whatever the
 * account's brute-force state. Each pair kind is {@value #SAMPLES} + {@value #SAMPLES} interleaved
 * POSTs after {@value #WARM_UP} warm-up each, every one from a fresh browser on its own address; only
 * the POST is timed. Stock Keycloak answered an empty password 44 ms sooner, and a held account 40 ms
 * sooner, for a registered CURP (Keycloak #51887).
 */
@ExtendWith(KeycloakExtension.class)
class LoginTimingIT {

    static final int SAMPLES = 200;
    static final int WARM_UP = 20;
    /** Wrong passwords per registered account stay under the realm's failure factor (5) and a second apart. */
    static final int ACCOUNTS_FOR_WRONG_PASSWORDS = 60;
    static final int ACCOUNTS_TO_HOLD = 10;
    static final String WRONG = "Equivocada.2020!";

    @Test
    void givenAnEmptyPassword_thenRegisteredAndUnknownCurpsAreAnsweredInOneDistribution(IcsoeKeycloak kc) {
        List<Capturista> registered = accounts(kc, 15);
        int[] next = {0};
        compare(kc, "empty password",
                () -> registered.get(next[0]++ % registered.size()).curp(), kc.users()::unusedCurp,
                curp -> { }, "", curp -> { });
    }

    @Test
    void givenAWrongPassword_thenRegisteredAndUnknownCurpsAreAnsweredInOneDistribution(IcsoeKeycloak kc) {
        List<Capturista> registered = accounts(kc, ACCOUNTS_FOR_WRONG_PASSWORDS);
        int[] next = {0};
        compare(kc, "wrong password",
                () -> registered.get(next[0]++ % registered.size()).curp(), kc.users()::unusedCurp,
                curp -> { }, WRONG, curp -> { });
    }

    /** Two quick wrong passwords (the realm's quick-login check) hold a registered account; the third is timed. */
    @Test
    void givenAnAccountHeldByBruteForceProtection_thenItIsAnsweredAsAnUnknownCurpIs(IcsoeKeycloak kc) {
        List<Capturista> registered = accounts(kc, ACCOUNTS_TO_HOLD);
        int[] next = {0};
        Capturista[] current = new Capturista[1];
        compare(kc, "held account",
                () -> {
                    current[0] = registered.get(next[0]++ % registered.size());
                    return current[0].curp();
                },
                kc.users()::unusedCurp,
                curp -> {
                    twoQuickWrongPasswords(kc, curp);
                    if (current[0] != null && curp.equals(current[0].curp())) {
                        awaitHeld(kc, current[0]);
                    }
                },
                WRONG,
                curp -> {
                    if (current[0] != null && curp.equals(current[0].curp())) {
                        kc.realm().attackDetection().clearBruteForceForUser(current[0].id());
                    }
                });
    }

    private static List<Capturista> accounts(IcsoeKeycloak kc, int count) {
        List<Capturista> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            created.add(kc.users().create());
        }
        return created;
    }

    /**
     * Times {@code SAMPLES + WARM_UP} refused sign-ins of each kind, interleaved: {@code before} runs
     * untimed ahead of each sample, {@code after} untimed behind it.
     */
    private static void compare(IcsoeKeycloak kc, String what, java.util.function.Supplier<String> registeredCurp,
            java.util.function.Supplier<String> unknownCurp, Consumer<String> before, String password, Consumer<String> after) {
        List<Double> known = new ArrayList<>();
        List<Double> unknown = new ArrayList<>();
        for (Boolean isRegistered : TimingComparison.interleaved(WARM_UP + SAMPLES)) {
            String curp = isRegistered ? registeredCurp.get() : unknownCurp.get();
            before.accept(curp);
            (isRegistered ? known : unknown).add(timedRefusedPost(kc, curp, password));
            after.accept(curp);
        }
        TimingComparison.Result result = TimingComparison.Result.of(known, unknown, WARM_UP);
        result.assertOneDistribution("login-enumeration", what + ", registered CURP", "unknown CURP");
    }

    /** Opens the login page in a fresh browser from its own address and times only the POST; the answer must be the form again. */
    private static double timedRefusedPost(IcsoeKeycloak kc, String curp, String password) {
        try (WebClient web = Browsers.htmlUnitFromOwnAddress()) {
            var post = LoginPage.open(web, kc.portalLoginUrl()).submission(curp, password);
            long start = System.nanoTime();
            WebResponse answer = web.loadWebResponse(post);
            double micros = (System.nanoTime() - start) / 1_000.0;
            assertThat(answer.getStatusCode()).isEqualTo(200);
            assertThat(answer.getContentAsString()).contains("id=\"kc-form-login\"").contains("id=\"username-error\"");
            return micros;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two wrong passwords in a row from one browser, untimed: well within the realm's quick-login second. */
    private static void twoQuickWrongPasswords(IcsoeKeycloak kc, String curp) {
        try (WebClient web = Browsers.htmlUnitFromOwnAddress()) {
            LoginPage.of(LoginPage.open(web, kc.portalLoginUrl()).logIn(curp, WRONG)).logIn(curp, WRONG);
        }
    }

    private static void awaitHeld(IcsoeKeycloak kc, Capturista capturista) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!Boolean.TRUE.equals(kc.realm().attackDetection().bruteForceUserStatus(capturista.id()).get("disabled"))) {
            assertThat(System.nanoTime()).as("%s held by brute-force protection after two quick failures", capturista.id())
                    .isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
