package dev.estserver.service.est;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.bouncycastle.asn1.x509.Certificate;

import dev.estserver.service.ca.PkiMaterial;
import dev.estserver.service.config.EstConfig;

/** Builds EST success responses with the exact header values clients compare against. */
@Singleton
class EstResponses {

    private final EstConfig config;
    private final Map<String, byte[]> cacertsBodies;

    EstResponses(EstConfig config, PkiMaterial pki) {
        this.config = config;
        // CA chains do not change while the process runs: encode each CA's /cacerts once.
        Map<String, byte[]> bodies = new HashMap<>();
        pki.issuingCas().forEach((name, ca) -> bodies.put(name,
                Base64Text.wrap(CertsOnly.encode(ca.cacerts()), config.responses().base64LineLength())));
        this.cacertsBodies = Map.copyOf(bodies);
    }

    /** {@code /cacerts} of the named issuing CA: its chain and rollover certificates. */
    Response cacerts(String issuingCa) {
        return base64(EstMediaTypes.PKCS7, cacertsBodies.get(issuingCa));
    }

    Response issued(byte[] certificateDer) {
        byte[] body = Base64Text.wrap(CertsOnly.encode(List.of(Certificate.getInstance(certificateDer))),
                config.responses().base64LineLength());
        return base64(EstMediaTypes.PKCS7_CERTS_ONLY, body);
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
            builder.header("Content-Transfer-Encoding", "base64");
        }
        return builder.build();
    }
}
