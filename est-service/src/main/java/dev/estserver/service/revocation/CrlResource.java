package dev.estserver.service.revocation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.vertx.core.http.HttpServerRequest;

import dev.estserver.service.ca.RevocationPointers;
import dev.estserver.service.context.EnrollmentContext;
import dev.estserver.service.problem.Problem;
import dev.estserver.service.problem.RequestRejected;

/**
 * {@code GET /crl/<ca>.crl}: the CRL of an issuing CA, DER (RFC 5280 §4.2.1.13 and RFC 2585 §4.2 media type), for
 * anyone: no client authentication, as relying parties fetch it from the URL in our certificates.
 */
@Path(RevocationPointers.CRL_PATH)
public class CrlResource {

    static final String PKIX_CRL = "application/pkix-crl";

    private final CrlPublisher crls;
    private final EnrollmentContext context;

    CrlResource(CrlPublisher crls, EnrollmentContext context) {
        this.crls = crls;
        this.context = context;
    }

    @GET
    @Path("{file}")
    public Response crl(@PathParam("file") String file, @Context HttpServerRequest request) {
        context.from(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        context.at("crl", null);
        if (!file.endsWith(RevocationPointers.CRL_SUFFIX)) {
            throw new RequestRejected(Problem.NOT_FOUND, "CRLs are served at " + RevocationPointers.CRL_PATH
                    + "<ca>" + RevocationPointers.CRL_SUFFIX + ", got " + RevocationPointers.CRL_PATH + file);
        }
        byte[] der = crls.current(file.substring(0, file.length() - RevocationPointers.CRL_SUFFIX.length()));
        // Revalidate on every use: a revocation publishes a new CRL at once, whatever nextUpdate says.
        return Response.ok(der).header(HttpHeaders.CONTENT_TYPE, PKIX_CRL)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache").build();
    }
}
