package dev.estserver.service.est;

import java.util.List;

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
    private final byte[] cacertsBody;

    EstResponses(EstConfig config, PkiMaterial pki) {
        this.config = config;
        // The CA chain does not change while the process runs: encode /cacerts once.
        this.cacertsBody = Base64Text.wrap(CertsOnly.encode(pki.issuingCa().chainAsn1()),
                config.responses().base64LineLength());
    }

    Response cacerts() {
        return base64(EstMediaTypes.PKCS7, cacertsBody);
    }

    Response issued(byte[] certificateDer) {
        byte[] body = Base64Text.wrap(CertsOnly.encode(List.of(Certificate.getInstance(certificateDer))),
                config.responses().base64LineLength());
        return base64(EstMediaTypes.PKCS7_CERTS_ONLY, body);
    }

    private Response base64(String contentType, byte[] body) {
        Response.ResponseBuilder builder = Response.ok(body).header(HttpHeaders.CONTENT_TYPE, contentType);
        if (config.responses().contentTransferEncodingHeader()) {
            builder.header("Content-Transfer-Encoding", "base64");
        }
        return builder.build();
    }
}
