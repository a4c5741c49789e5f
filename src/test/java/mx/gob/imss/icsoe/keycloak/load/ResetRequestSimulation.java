package mx.gob.imss.icsoe.keycloak.load;

import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * Scenarios (a) and (c): a person opens the portal's login page, follows "¿Olvidaste tu contraseña?"
 * and sends the reset form once, from a client address of their own. On the ICSOE realm the form
 * asks for CURP and email; on the stock realm it is Keycloak's own choose-user step (username only),
 * which sends its email inside the request. Only the POST is the step compared between the two.
 */
public class ResetRequestSimulation extends Simulation {

    static final String LOGIN_PAGE = "login page";
    static final String RESET_PAGE = "reset page";
    static final String RESET_REQUEST = "reset request";

    public ResetRequestSimulation() {
        LoadPlan plan = LoadPlan.current();
        ScenarioBuilder people = scenario(plan.site().label() + " reset request")
                .feed(plan.feeder())
                .exec(resetRequest(plan));
        setUp(inject(people, plan.injection()).protocols(protocol(plan)));
    }

    /** The three exchanges of one reset request; ends with the answer's check for the attempt's kind. */
    static ChainBuilder resetRequest(LoadPlan plan) {
        LoadPlan.Site site = plan.site();
        return CoreDsl.exec(http(LOGIN_PAGE).get(site.authorizationPath())
                        .check(status().is(200))
                        .check(css("a[href*='/login-actions/reset-credentials']", "href").saveAs("resetUrl")))
                .exec(http(RESET_PAGE).get("#{resetUrl}")
                        .check(status().is(200))
                        .check(css("#kc-reset-password-form", "action").saveAs("resetAction")))
                .exec(http(RESET_REQUEST).post("#{resetAction}")
                        .formParam("username", "#{username}")
                        .formParamMap(session -> site.icsoe()
                                ? java.util.Map.of("email", session.getString("email")) : java.util.Map.of())
                        .check(status().in(200, 400, 503))
                        .check(regex(session -> expectedAnswer(site, session)).saveAs("answer")))
                .exec(session -> {
                    String answer = session.getString("answer");
                    if (CONFIRMED.contains(answer)) {
                        plan.confirmed().add(session.getInt("index"));
                    } else if (BUSY.equals(answer)) {
                        plan.toldToRetry().incrementAndGet();
                    }
                    return session;
                });
    }

    private static final String ICSOE_SENT = "id=\"icsoe-reset-sent\"";
    private static final String STOCK_SENT = "id=\"kc-form-login\"";
    /** The ICSOE answer when the node's mail queue is full (503), the same for every CURP. */
    private static final String BUSY = "Por el momento no es posible restablecer";
    private static final java.util.Set<String> CONFIRMED = java.util.Set.of(ICSOE_SENT, STOCK_SENT);

    /**
     * What the answer must contain for the attempt's kind: the form with its error for a malformed
     * one; otherwise the same confirmation whatever was typed, or on ICSOE, when the node's mail
     * queue is full, "Intenta más tarde" (counted apart, no email due).
     */
    static String expectedAnswer(LoadPlan.Site site, Session session) {
        boolean malformed = LoadPlan.Kind.MALFORMED.name().equals(session.getString("kind"));
        if (malformed) {
            return "id=\"kc-reset-password-form\"";
        }
        return site.icsoe() ? ICSOE_SENT + "|" + BUSY : STOCK_SENT;
    }

    static HttpProtocolBuilder protocol(LoadPlan plan) {
        return http.baseUrl(plan.site().baseUrl())
                .localAddresses(plan.localAddresses())
                .acceptLanguageHeader("es-MX,es;q=0.9")
                .userAgentHeader("icsoe-load (Gatling)")
                .disableCaching()
                .disableWarmUp();
    }

    static PopulationBuilder inject(ScenarioBuilder scenario, LoadPlan.Injection injection) {
        return injection.open()
                ? scenario.injectOpen(CoreDsl.constantUsersPerSec(injection.perSecond()).during(injection.duration()))
                : scenario.injectClosed(CoreDsl.constantConcurrentUsers(injection.atOnce()).during(injection.duration()));
    }
}
