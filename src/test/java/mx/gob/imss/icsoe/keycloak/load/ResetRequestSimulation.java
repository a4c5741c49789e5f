package mx.gob.imss.icsoe.keycloak.load;

import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
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
                .exec(resetRequest(plan.site()));
        setUp(inject(people, plan.injection()).protocols(protocol(plan)));
    }

    /** The three exchanges of one reset request; ends with the answer's check for the attempt's kind. */
    static ChainBuilder resetRequest(LoadPlan.Site site) {
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
                        .check(status().in(200, 400))
                        .check(substring(session -> expectedMarker(site, session))));
    }

    /** What the answer must contain for the attempt's kind: the same confirmation whatever was typed. */
    static String expectedMarker(LoadPlan.Site site, Session session) {
        boolean malformed = LoadPlan.Kind.MALFORMED.name().equals(session.getString("kind"));
        if (malformed) {
            return "id=\"kc-reset-password-form\"";
        }
        return site.icsoe() ? "id=\"icsoe-reset-sent\"" : "id=\"kc-form-login\"";
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
