package mx.gob.imss.icsoe.keycloak.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricsScrapeTest {

    private static final String TEXT = """
            # TYPE icsoe_reset_requests counter
            # HELP icsoe_reset_requests Reset requests by outcome
            icsoe_reset_requests_total{outcome="queued",realm="icsoe"} 3.0
            icsoe_reset_requests_total{outcome="no_match",realm="icsoe",} 1.0
            icsoe_mail_queue_depth 0.0
            other_metric{path="a \\"quoted\\" value"} 7
            """;

    @Test
    void givenPrometheusTextThenEachSeriesIsFoundByItsExactLabels() {
        MetricsScrape scrape = MetricsScrape.parse(TEXT);

        assertThat(scrape.value("icsoe_reset_requests_total", "outcome", "queued", "realm", "icsoe")).isEqualTo(3);
        assertThat(scrape.value("icsoe_reset_requests_total", "realm", "icsoe", "outcome", "no_match")).isEqualTo(1);
        assertThat(scrape.value("icsoe_mail_queue_depth")).isZero();
        assertThat(scrape.value("other_metric", "path", "a \\\"quoted\\\" value")).isEqualTo(7);
    }

    @Test
    void givenASubsetOfTheLabelsThenNoSeriesMatches() {
        assertThat(MetricsScrape.parse(TEXT).value("icsoe_reset_requests_total", "outcome", "queued")).isZero();
    }

    @Test
    void givenTwoScrapesThenSinceIsTheGrowth() {
        MetricsScrape before = MetricsScrape.parse("icsoe_x_total{a=\"b\"} 2.0\n");
        MetricsScrape after = MetricsScrape.parse("icsoe_x_total{a=\"b\"} 5.0\n");

        assertThat(after.since(before, "icsoe_x_total", "a", "b")).isEqualTo(3);
        assertThat(after.icsoeLines()).containsExactly("icsoe_x_total{a=\"b\"} 5.0");
    }

    @Test
    void givenTheSameSeriesTwiceThenTheLookupFails() {
        MetricsScrape scrape = MetricsScrape.parse("icsoe_x_total{a=\"b\"} 1\nicsoe_x_total{a=\"b\"} 2\n");

        assertThatThrownBy(() -> scrape.value("icsoe_x_total", "a", "b")).isInstanceOf(AssertionError.class);
    }
}
