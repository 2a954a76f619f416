package dev.estserver.service.protocol.est;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import dev.estserver.service.ca.CertificateAuthorities;
import dev.estserver.service.ca.Der;
import dev.estserver.service.config.EstConfig;
import dev.estserver.service.enrollment.ServerGeneratedKey;
import dev.estserver.service.policy.CsrAttributes;
import dev.estserver.service.policy.Profiles;

/** Builds EST success responses with the exact header values clients compare against. */
@Singleton
class EstResponses {

    private static final String CONTENT_TRANSFER_ENCODING = "Content-Transfer-Encoding";

    private final EstConfig config;
    private final Map<String, byte[]> cacertsBodies;
    private final Map<String, Optional<byte[]>> csrattrsBodies;

    EstResponses(EstConfig config, CertificateAuthorities authorities, Profiles profiles) {
        this.config = config;
        // CA chains do not change while the process runs: encode each CA's /cacerts once.
        Map<String, byte[]> bodies = new HashMap<>();
        authorities.byName().forEach((name, ca) -> bodies.put(name,
                Base64Text.wrap(CertsOnly.encode(ca.cacerts().stream().map(Der::encode).toList()),
                        config.responses().base64LineLength())));
        this.cacertsBodies = Map.copyOf(bodies);
        // Nor do profiles: encode each label's /csrattrs once.
        Map<String, Optional<byte[]>> csrattrs = new HashMap<>();
        profiles.byLabel().forEach((label, profile) -> csrattrs.put(label, CsrAttributes.encode(profile)
                .map(der -> Base64Text.wrap(der, config.responses().base64LineLength()))));
        this.csrattrsBodies = Map.copyOf(csrattrs);
    }

    /** {@code /cacerts} of the named issuing CA: its chain and rollover certificates. */
    Response cacerts(String issuingCa) {
        return base64(EstMediaTypes.PKCS7, cacertsBodies.get(issuingCa));
    }

    Response issued(byte[] certificateDer) {
        return base64(EstMediaTypes.PKCS7_CERTS_ONLY,
                Base64Text.wrap(certsOnly(certificateDer), config.responses().base64LineLength()));
    }

    /**
     * {@code /serverkeygen} (RFC 7030 §4.4.2, RFC 8951 §3): the key part, then a certificate part exactly like the
     * {@code /simpleenroll} response, both base64.
     */
    Response serverGeneratedKey(ServerGeneratedKey generated) {
        MultipartMixed.Encoded body = MultipartMixed.encode(List.of(
                base64Part(generated.encrypted() ? EstMediaTypes.PKCS7_SERVER_GENERATED_KEY : EstMediaTypes.PKCS8,
                        generated.key()),
                base64Part(EstMediaTypes.PKCS7_CERTS_ONLY, certsOnly(generated.certificate().der()))));
        // No Content-Transfer-Encoding on a multipart entity (RFC 2045 §6.4); each part carries its own.
        return Response.ok(body.body()).header(HttpHeaders.CONTENT_TYPE, body.contentType())
                .header(HttpHeaders.CACHE_CONTROL, "no-store") // it carries a private key
                .build();
    }

    private MultipartMixed.Part base64Part(String contentType, byte[] der) {
        List<String> headers = new ArrayList<>();
        headers.add(HttpHeaders.CONTENT_TYPE + ": " + contentType);
        if (config.responses().contentTransferEncodingHeader()) {
            headers.add(CONTENT_TRANSFER_ENCODING + ": base64");
        }
        return new MultipartMixed.Part(headers, Base64Text.lines(der, config.responses().base64LineLength()));
    }

    private static byte[] certsOnly(byte[] certificateDer) {
        return CertsOnly.encode(List.of(certificateDer));
    }

    /** {@code /csrattrs} of a known label: its CsrAttrs, or 204 No Content when it has none (RFC 7030 §4.5.2). */
    Response csrattrs(String label) {
        return csrattrsBodies.get(label).map(body -> base64(EstMediaTypes.CSRATTRS, body))
                .orElseGet(() -> Response.noContent().build());
    }

    /** A CMC Full PKI Response: 200 when it reports success, the refusal's 4xx when it reports a failure. */
    Response cmc(int status, byte[] fullPkiResponse) {
        return base64(status, EstMediaTypes.PKCS7_CMC_RESPONSE,
                Base64Text.wrap(fullPkiResponse, config.responses().base64LineLength()));
    }

    private Response base64(String contentType, byte[] body) {
        return base64(Response.Status.OK.getStatusCode(), contentType, body);
    }

    private Response base64(int status, String contentType, byte[] body) {
        Response.ResponseBuilder builder = Response.status(status).entity(body)
                .header(HttpHeaders.CONTENT_TYPE, contentType);
        if (config.responses().contentTransferEncodingHeader()) {
            builder.header(CONTENT_TRANSFER_ENCODING, "base64");
        }
        return builder.build();
    }
}
