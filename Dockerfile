# Keycloak with the ICSOE extension, following Keycloak's "customized image" guide.
# Build the jar first (mvn -DskipTests package), then:
#   docker build --build-arg KEYCLOAK_VERSION=26.7.5 -t icsoe-keycloak .
# Keep KEYCLOAK_VERSION equal to keycloak.version in pom.xml.
ARG KEYCLOAK_VERSION=26.7.5

FROM quay.io/keycloak/keycloak:${KEYCLOAK_VERSION} AS builder
COPY target/keycloak-icsoe-*.jar /opt/keycloak/providers/
RUN /opt/keycloak/bin/kc.sh build

FROM quay.io/keycloak/keycloak:${KEYCLOAK_VERSION}
COPY --from=builder /opt/keycloak/ /opt/keycloak/
COPY realm-export.json /opt/keycloak/data/import/realm-export.json
ENTRYPOINT ["/opt/keycloak/bin/kc.sh"]
CMD ["start", "--optimized", "--import-realm"]
