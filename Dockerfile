# Keycloak with the ICSOE extension, following Keycloak's "customized image" guide and the recipe of
# docs/production.md: the same deploy/keycloak/keycloak.conf (build options db=postgres,
# health-enabled, metrics-enabled; the shared run-time options) as every other node.
# Build the jar first (mvn -DskipTests package), then:
#   docker build -t icsoe-keycloak .
# The base image is pinned by its exact version, equal to keycloak.version in pom.xml (a test checks
# it). Pin it by digest as well where you can resolve one (docker buildx imagetools inspect
# quay.io/keycloak/keycloak:26.7.5), e.g. FROM quay.io/keycloak/keycloak:26.7.5@sha256:<digest>: the
# project's CI has no registry access to look the digest up, so it is not written here.
ARG KEYCLOAK_VERSION=26.7.5

FROM quay.io/keycloak/keycloak:${KEYCLOAK_VERSION} AS builder
COPY deploy/keycloak/keycloak.conf /opt/keycloak/conf/keycloak.conf
COPY target/keycloak-icsoe-*.jar /opt/keycloak/providers/
RUN /opt/keycloak/bin/kc.sh build

FROM quay.io/keycloak/keycloak:${KEYCLOAK_VERSION}
COPY --from=builder /opt/keycloak/ /opt/keycloak/
COPY realm-export.json /opt/keycloak/data/import/realm-export.json
ENTRYPOINT ["/opt/keycloak/bin/kc.sh"]
# Per-node and per-site options (database URL with TLS, host names, trusted proxy, cluster address)
# come as arguments or KC_* variables, as docs/production.md shows.
CMD ["start", "--optimized", "--import-realm"]
