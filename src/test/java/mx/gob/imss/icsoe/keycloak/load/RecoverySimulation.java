package mx.gob.imss.icsoe.keycloak.load;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.flushCookieJar;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Scenario (b), the guide end to end: the reset request, the link taken from the SMTP sink, the new
 * password, then a fresh browser signing in with it (the portal's redirect carries a code). Every
 * attempt of the plan is a {@code MATCH}; its {@code password} is the new one.
 */
public class RecoverySimulation extends Simulation {

    static final String LINK = "reset link";
    static final String NEW_PASSWORD = "new password";
    static final String SIGN_IN_PAGE = "sign-in page";
    static final String SIGN_IN = "sign in";
    /** How long a person waits for the email before the attempt counts as failed. */
    static final Duration MAIL_WAIT = Duration.ofSeconds(60);
    private static final Duration MAIL_POLL = Duration.ofMillis(100);

    public RecoverySimulation() {
        LoadPlan plan = LoadPlan.current();
        LoadPlan.Site site = plan.site();
        ScenarioBuilder people = scenario(site.label() + " whole recovery")
                .feed(plan.feeder())
                .exec(ResetRequestSimulation.resetRequest(plan))
                .exec(awaitLink(plan))
                .exec(http(LINK).get("#{link}")
                        .check(status().is(200))
                        .check(css("#kc-passwd-update-form", "action").saveAs("updateAction")))
                .exec(http(NEW_PASSWORD).post("#{updateAction}")
                        .formParam("password-new", "#{password}")
                        .formParam("password-confirm", "#{password}")
                        .formParam("logout-sessions", "on")
                        .check(status().is(200))
                        .check(substring("id=\"icsoe-password-updated\"")))
                .exec(flushCookieJar())
                .exec(http(SIGN_IN_PAGE).get(site.authorizationPath())
                        .check(status().is(200))
                        .check(css("#kc-form-login", "action").saveAs("loginAction")))
                .exec(http(SIGN_IN).post("#{loginAction}")
                        .formParam("username", "#{username}")
                        .formParam("password", "#{password}")
                        .disableFollowRedirect()
                        .check(status().is(302))
                        .check(header("Location").transform(location -> location.contains("code=")).is(true)));
        setUp(ResetRequestSimulation.inject(people, plan.injection())
                .protocols(ResetRequestSimulation.protocol(plan)));
    }

    /** Polls the SMTP sink (in this JVM, without blocking Gatling's threads) until the link arrived. */
    private static ChainBuilder awaitLink(LoadPlan plan) {
        return exec(session -> session.set("mailDeadline", System.nanoTime() + MAIL_WAIT.toNanos()))
                .exec(asLongAs(session -> !session.contains("link")
                                && System.nanoTime() < session.getLong("mailDeadline"))
                        .on(exec(session -> {
                            String link = plan.resetLink().apply(session.getString("recipient"));
                            return link == null ? session : session.set("link", link);
                        }).doIf(session -> !session.contains("link")).then(pause(MAIL_POLL))))
                .exec(session -> session.contains("link") ? session : session.markAsFailed());
    }
}
