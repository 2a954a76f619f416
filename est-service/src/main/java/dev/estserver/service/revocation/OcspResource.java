package dev.estserver.service.revocation;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.vertx.core.http.HttpServerRequest;

import dev.estserver.service.ca.CertificateAuthorities;
import dev.estserver.service.ca.OcspResponder;
import dev.estserver.service.ca.RevocationPointers;
import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.http.ContentTypes;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * The OCSP responder (RFC 6960 Appendix A): {@code POST /ocsp} with a DER request, or {@code GET /ocsp/<base64>}.
 * No client authentication. Every answer is read from the database at request time and never cached.
 */
@Path(RevocationPointers.OCSP_PATH)
public class OcspResource {

    static final String OCSP_REQUEST = "application/ocsp-request";
    static final String OCSP_RESPONSE = "application/ocsp-response";

    /** OCSP requests are a few hundred bytes; a generous cap still keeps a client from streaming megabytes. */
    private static final int MAX_REQUEST = 16 * 1024;

    private final CertificateAuthorities authorities;
    private final CertificateStates states;
    private final EnrollmentContext context;

    OcspResource(CertificateAuthorities authorities, CertificateStates states, EnrollmentContext context) {
        this.authorities = authorities;
        this.states = states;
        this.context = context;
    }

    @POST
    public Response post(@Context HttpServerRequest request, InputStream body) {
        begin(request);
        ContentTypes.require(Optional.ofNullable(request.getHeader(HttpHeaders.CONTENT_TYPE)), OCSP_REQUEST);
        try {
            byte[] der = body.readNBytes(MAX_REQUEST + 1);
            if (der.length > MAX_REQUEST) {
                throw new RequestRejected(Problem.TOO_LARGE, "OCSP request too large: at most " + MAX_REQUEST
                        + " bytes are accepted");
            }
            return respond(der);
        } catch (IOException e) {
            throw new RequestRejected(Problem.MALFORMED, "request body could not be read: " + e.getMessage());
        }
    }

    /** §A.1.1: the path is the base64 DER request, URL-encoded (JAX-RS has decoded it). */
    @GET
    @Path("{request: .+}")
    public Response get(@PathParam("request") String encoded, @Context HttpServerRequest request) {
        begin(request);
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new RequestRejected(Problem.MALFORMED, "GET " + RevocationPointers.OCSP_PATH
                    + "/<request> must carry a base64 DER OCSP request: " + e.getMessage());
        }
        return respond(der);
    }

    private void begin(HttpServerRequest request) {
        context.from(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        context.at("ocsp", null);
    }

    private Response respond(byte[] der) {
        byte[] response = OcspResponder.respond(der, authorities.byName().values(), states::find, Instant.now());
        return Response.ok(response).header(HttpHeaders.CONTENT_TYPE, OCSP_RESPONSE)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache").build();
    }
}
